package dev.dataflow.storage;

import dev.dataflow.DataflowException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalPathsTest {
    private final Path dir = Path.of("/data/download");

    @Test
    void keyKeepsItsFoldersUnderTheDirectory() {
        assertEquals(Path.of("/data/download/db-cpdb/publish/latest/cpdb_dcpattributes_pts.shp.zip"),
                LocalPaths.resolve(dir, new ObjectRef("edm-publishing", "db-cpdb/publish/latest/cpdb_dcpattributes_pts.shp.zip")));
        assertEquals(Path.of("/data/download/pluto.csv"), LocalPaths.resolve(dir, new ObjectRef("ae-data-backups", "pluto.csv")));
        // Dots inside a name are fine; only whole '.' and '..' segments are not.
        assertEquals(Path.of("/data/download/a/..b/c..csv"), LocalPaths.resolve(dir, new ObjectRef("bkt", "a/..b/c..csv")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../x.csv", "a/../../x.csv", "a/..", "/etc/passwd", "/x.csv", "a\\b.csv", "..\\x.csv",
            "a//b.csv", "a/", "./a.csv", "a/./b.csv", "", "a/b\u0000.csv", "a/\nb.csv", ".download-manifest.json"})
    void unsafeKeysAreRejectedNamingBucketAndKey(String key) {
        DataflowException e = assertThrows(DataflowException.class, () -> LocalPaths.resolve(dir, new ObjectRef("edm-publishing", key)));
        assertEquals(DataflowException.BAD_CONFIG, e.exitCode());
        assertTrue(e.getMessage().contains("s3://edm-publishing/" + key), e.getMessage());
        assertTrue(e.hint().contains("pipeline.yaml"), e.hint());
    }

    @Test
    void theReasonIsSpecific() {
        assertTrue(message("../x.csv").endsWith("it contains a '..' segment"), message("../x.csv"));
        assertTrue(message("/x.csv").endsWith("it is absolute (starts with '/')"));
        assertTrue(message("a\\b").endsWith("it contains a backslash"));
        assertTrue(message("a//b").endsWith("it has an empty path segment ('//' or a trailing '/')"));
    }

    @Test
    void aManifestNameDeeperDownIsAnOrdinaryFile() {
        assertEquals(Path.of("/data/download/sub/.download-manifest.json"),
                LocalPaths.resolve(dir, new ObjectRef("bkt", "sub/.download-manifest.json")));
    }

    @Test
    void aMissingBucketIsRejected() {
        assertThrows(DataflowException.class, () -> LocalPaths.resolve(dir, new ObjectRef(" ", "a.csv")));
    }

    private String message(String key) {
        return assertThrows(DataflowException.class, () -> LocalPaths.resolve(dir, new ObjectRef("bkt", key))).getMessage();
    }
}
