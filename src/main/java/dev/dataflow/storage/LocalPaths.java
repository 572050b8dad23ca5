package dev.dataflow.storage;

import dev.dataflow.DataflowException;

import java.nio.file.Path;

/**
 * Maps an object key to its file under the download directory, {@code <dir>/<key>}, and refuses every key
 * that could land outside that directory or be read two ways.
 */
final class LocalPaths {
    static final String MANIFEST_NAME = ".download-manifest.json";
    private static final String HINT = "object keys must be relative paths such as sub/path/file.csv; check the key in pipeline.yaml";

    private LocalPaths() {
    }

    static Path resolve(Path dir, ObjectRef ref) {
        String bucket = ref.bucket();
        String key = ref.key();
        if (bucket == null || bucket.isBlank()) {
            throw DataflowException.badConfig("object key " + quoted(key) + " has no bucket", "give the bucket in pipeline.yaml");
        }
        if (key == null || key.isEmpty()) {
            throw reject(ref, "the key is empty");
        }
        if (key.indexOf('\\') >= 0) {
            // A backslash is a separator on Windows and ambiguous everywhere else.
            throw reject(ref, "it contains a backslash");
        }
        if (key.startsWith("/")) {
            throw reject(ref, "it is absolute (starts with '/')");
        }
        for (int i = 0; i < key.length(); i++) {
            if (Character.isISOControl(key.charAt(i))) {
                throw reject(ref, "it contains a control character");
            }
        }
        String[] segments = key.split("/", -1);
        for (String segment : segments) {
            if (segment.isEmpty()) {
                throw reject(ref, "it has an empty path segment ('//' or a trailing '/')");
            }
            if (segment.equals("..")) {
                throw reject(ref, "it contains a '..' segment");
            }
            if (segment.equals(".")) {
                throw reject(ref, "it contains a '.' segment");
            }
        }
        if (segments.length == 1 && key.equals(MANIFEST_NAME)) {
            throw reject(ref, "the name is reserved for the download manifest");
        }
        Path base = dir.toAbsolutePath().normalize();
        Path file = base.resolve(key).normalize();
        // The checks above already make this impossible; kept so a future relaxation cannot open an escape.
        if (!file.startsWith(base) || file.equals(base)) {
            throw reject(ref, "it resolves outside " + base);
        }
        return file;
    }

    private static DataflowException reject(ObjectRef ref, String why) {
        return DataflowException.badConfig("object key " + quoted(ref.key()) + " of s3://" + ref.bucket() + "/" + ref.key()
                + " cannot be stored under the download directory: " + why, HINT);
    }

    private static String quoted(String key) {
        return key == null ? "(null)" : "\"" + key + "\"";
    }
}
