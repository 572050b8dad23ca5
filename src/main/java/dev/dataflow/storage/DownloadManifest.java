package dev.dataflow.storage;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Remembers, next to the downloaded files, which remote version each local file is, so an unchanged object
 * is not transferred again. It is only a cache: an unreadable manifest is treated as empty, never as an error.
 */
final class DownloadManifest {
    private static final Logger LOG = LoggerFactory.getLogger(DownloadManifest.class);
    private static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * What was downloaded to one local file. {@code modifiedMillis} and {@code size} describe the local file
     * right after the download, so a later local edit is noticed without hashing the file again.
     */
    record Entry(String bucket, String key, String etag, long size, String sha256, long modifiedMillis, String downloadedAt) {
    }

    record Contents(int version, Map<String, Entry> objects) {
    }

    private final Path file;
    private final Map<String, Entry> entries;

    private DownloadManifest(Path file, Map<String, Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    static DownloadManifest load(Path dir) {
        Path file = dir.resolve(LocalPaths.MANIFEST_NAME);
        Map<String, Entry> entries = new TreeMap<>();
        try {
            Contents contents = JSON.readValue(Files.readString(file), Contents.class);
            if (contents != null && contents.version() == VERSION && contents.objects() != null) {
                entries.putAll(contents.objects());
            } else {
                LOG.warn("ignoring {}: unknown format, every object will be downloaded again", file);
            }
        } catch (NoSuchFileException e) {
            // First download into this directory.
        } catch (JacksonException e) {
            LOG.warn("ignoring unreadable {} ({}), every object will be downloaded again", file, e.getOriginalMessage());
        } catch (IOException e) {
            LOG.warn("ignoring unreadable {} ({}), every object will be downloaded again", file, e.toString());
        }
        return new DownloadManifest(file, entries);
    }

    /**
     * True when {@code local} is exactly what a download of this remote version produced: same ETag and size
     * remotely, same size and modification time locally, and the same SHA-256 as the bytes received then. Size and
     * time alone would keep a copy corrupted in place (a disk error, an editor that restores the time); hashing costs
     * a read of the file, far less than downloading it again. An empty ETag or a missing checksum never matches.
     */
    synchronized boolean matches(ObjectRef ref, Path local, String etag, long size) {
        Entry entry = entries.get(ref.key());
        if (entry == null || etag == null || etag.isEmpty()) {
            return false;
        }
        if (!ref.bucket().equals(entry.bucket()) || !etag.equals(entry.etag()) || size != entry.size()) {
            return false;
        }
        try {
            return entry.sha256() != null
                    && Files.isRegularFile(local)
                    && Files.size(local) == entry.size()
                    && Files.getLastModifiedTime(local).toMillis() == entry.modifiedMillis()
                    && entry.sha256().equals(sha256(local));
        } catch (IOException e) {
            return false;
        }
    }

    /** The hex SHA-256 of a file's content. */
    static String sha256(Path file) throws IOException {
        java.security.MessageDigest digest;
        try {
            digest = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        byte[] buffer = new byte[1 << 16];
        try (java.io.InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return java.util.HexFormat.of().formatHex(digest.digest());
    }

    /** Records a finished download and writes the manifest (atomically, so a crash leaves the old one). */
    synchronized void record(ObjectRef ref, Path local, String etag, long size, String sha256) throws IOException {
        long modified = Files.getLastModifiedTime(local).toMillis();
        entries.put(ref.key(), new Entry(ref.bucket(), ref.key(), etag, size, sha256, modified, Instant.now().toString()));
        save();
    }

    synchronized Entry entry(String key) {
        return entries.get(key);
    }

    private void save() throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".part-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            Files.write(temp, JSON.writeValueAsBytes(new Contents(VERSION, new TreeMap<>(entries))));
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    Path file() {
        return file;
    }
}
