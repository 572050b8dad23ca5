package dev.dataflow.storage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DownloadManifestTest {
    /** SHA-256 of "hello". */
    private static final String HELLO_SHA256 = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
    private static final ObjectRef PLUTO = new ObjectRef("ae-data-backups", "zoning-api/pluto.csv");
    private static final String ETAG = "5d41402abc4b2a76b9719d911017c592";

    @TempDir
    Path dir;
    private Path file;

    @BeforeEach
    void writeFile() throws IOException {
        file = dir.resolve(PLUTO.key());
        Files.createDirectories(file.getParent());
        Files.writeString(file, "hello");
    }

    @Test
    void aRecordedDownloadMatchesAfterReloading() throws IOException {
        DownloadManifest.load(dir).record(PLUTO, file, ETAG, 5, HELLO_SHA256);

        DownloadManifest reloaded = DownloadManifest.load(dir);

        assertTrue(reloaded.matches(PLUTO, file, ETAG, 5));
        DownloadManifest.Entry entry = reloaded.entry(PLUTO.key());
        assertEquals("ae-data-backups", entry.bucket());
        assertEquals(HELLO_SHA256, entry.sha256());
        assertEquals(5, entry.size());
        assertFalse(entry.downloadedAt().isEmpty());
    }

    @Test
    void aDifferentRemoteVersionOrBucketDoesNotMatch() throws IOException {
        DownloadManifest manifest = DownloadManifest.load(dir);
        manifest.record(PLUTO, file, ETAG, 5, HELLO_SHA256);

        assertFalse(manifest.matches(PLUTO, file, "00000000000000000000000000000000", 5), "other ETag");
        assertFalse(manifest.matches(PLUTO, file, ETAG, 6), "other remote size");
        assertFalse(manifest.matches(new ObjectRef("edm-publishing", PLUTO.key()), file, ETAG, 5), "same key, other bucket");
        assertFalse(manifest.matches(new ObjectRef(PLUTO.bucket(), "zoning-api/other.csv"), dir.resolve("zoning-api/other.csv"), ETAG, 5));
    }

    @Test
    void aLocalEditOrDeletionDoesNotMatch() throws IOException {
        DownloadManifest manifest = DownloadManifest.load(dir);
        manifest.record(PLUTO, file, ETAG, 5, HELLO_SHA256);
        FileTime recorded = Files.getLastModifiedTime(file);

        Files.writeString(file, "hello, edited");
        assertFalse(manifest.matches(PLUTO, file, ETAG, 5), "size changed");

        Files.setLastModifiedTime(file, recorded);
        assertFalse(manifest.matches(PLUTO, file, ETAG, 5), "size changed, time put back");

        Files.writeString(file, "HELLO");
        Files.setLastModifiedTime(file, FileTime.fromMillis(recorded.toMillis() + 2_000));
        assertFalse(manifest.matches(PLUTO, file, ETAG, 5), "same size, rewritten later");

        Files.setLastModifiedTime(file, recorded);
        assertFalse(manifest.matches(PLUTO, file, ETAG, 5), "corrupted in place: size and time as recorded, not the bytes");

        Files.writeString(file, "hello");
        Files.setLastModifiedTime(file, recorded);
        assertTrue(manifest.matches(PLUTO, file, ETAG, 5), "size, time and content as recorded");

        Files.delete(file);
        assertFalse(manifest.matches(PLUTO, file, ETAG, 5), "file gone");
    }

    @Test
    void anEmptyEtagNeverMatches() throws IOException {
        DownloadManifest manifest = DownloadManifest.load(dir);
        manifest.record(PLUTO, file, "", 5, "sha");

        assertFalse(manifest.matches(PLUTO, file, "", 5));
    }

    @Test
    void anUnreadableManifestIsTreatedAsEmpty() throws IOException {
        Files.writeString(dir.resolve(".download-manifest.json"), "{ not json");
        DownloadManifest manifest = DownloadManifest.load(dir);
        assertFalse(manifest.matches(PLUTO, file, ETAG, 5));

        Files.writeString(dir.resolve(".download-manifest.json"), "{\"version\": 99, \"objects\": {}}");
        assertFalse(DownloadManifest.load(dir).matches(PLUTO, file, ETAG, 5));

        // Recording over a broken manifest replaces it with a valid one.
        manifest.record(PLUTO, file, ETAG, 5, HELLO_SHA256);
        assertTrue(DownloadManifest.load(dir).matches(PLUTO, file, ETAG, 5));
    }

    @Test
    void writingLeavesOnlyTheManifest() throws IOException {
        DownloadManifest manifest = DownloadManifest.load(dir);
        manifest.record(PLUTO, file, ETAG, 5, HELLO_SHA256);
        manifest.record(PLUTO, file, ETAG, 5, HELLO_SHA256);

        try (Stream<Path> top = Files.list(dir)) {
            assertEquals(java.util.List.of(".download-manifest.json", "zoning-api"),
                    top.map(p -> p.getFileName().toString()).sorted().toList());
        }
        String json = Files.readString(dir.resolve(".download-manifest.json"));
        assertTrue(json.contains("\"zoning-api/pluto.csv\""), json);
        assertTrue(json.contains("\"etag\" : \"" + ETAG + "\""), json);
    }
}
