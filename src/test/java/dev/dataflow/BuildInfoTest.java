package dev.dataflow;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuildInfoTest {
    @Test
    void versionIsThePomsAndTheCommitIsAGitHash() throws Exception {
        BuildInfo b = BuildInfo.current();
        String pom = Files.readString(Path.of("pom.xml"));
        String version = pom.replaceFirst("(?s).*?<artifactId>data-flow</artifactId>\\s*<version>([^<]+)</version>.*", "$1");
        assertEquals(version, b.version());
        // A checkout builds with its commit; a source tarball without git says "unknown".
        boolean checkout = Files.exists(Path.of(".git"));
        assertTrue(checkout ? b.commit().matches("[0-9a-f]{12}") : b.commit().equals("unknown"), b.commit());
        assertEquals("data-flow " + version + " (commit " + b.commit() + ")", b.describe());
    }
}
