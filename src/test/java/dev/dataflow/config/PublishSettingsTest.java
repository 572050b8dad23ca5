package dev.dataflow.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The publish settings: defaults, values, and problems at their line. */
class PublishSettingsTest {
    private static Pipeline parse(Path dir, String settings) throws Exception {
        Files.createDirectories(dir.resolve("sql"));
        Path file = dir.resolve("pipeline.yaml");
        Files.writeString(file, "name: t\n" + settings + "steps:\n  - id: pg:flow:configure\n    kind: sql\n");
        return new PipelineParser(new Env(name -> null)).parse(file);
    }

    @Test
    void defaultsToSwapWithAShortLockTimeoutAndAPreviousCopy(@TempDir Path dir) throws Exception {
        assertEquals(new PublishSettings(PublishSettings.Mode.SWAP, 50, 5, true), parse(dir, "").settings().publish());
    }

    @Test
    void readsEveryKey(@TempDir Path dir) throws Exception {
        PublishSettings p = parse(dir, "settings:\n  publishMode: swap-or-truncate\n  lockTimeoutMs: 200\n"
                + "  lockRetries: 0\n  keepPrevious: false\n").settings().publish();
        assertEquals(new PublishSettings(PublishSettings.Mode.SWAP_OR_TRUNCATE, 200, 0, false), p);
    }

    @Test
    void badValuesAreProblemsWithTheirLine(@TempDir Path dir) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(dir,
                "settings:\n  publishMode: rename\n  lockTimeoutMs: 0\n  keepPrevious: maybe\n"));
        String msg = e.getMessage();
        assertTrue(msg.contains("pipeline.yaml:3:16: settings.publishMode must be swap, swap-or-truncate or truncate"), msg);
        assertTrue(msg.contains("pipeline.yaml:4:18: settings.lockTimeoutMs must be between 1 and 600000"), msg);
        assertTrue(msg.contains("settings.keepPrevious must be true or false, not 'maybe'"), msg);
    }
}
