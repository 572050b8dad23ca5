package dev.dataflow.storage;

import dev.dataflow.DataflowException;

import java.nio.file.Path;

/**
 * Maps an object key to its file under the download directory, {@code <dir>/<key>}, and refuses every key
 * that could land outside that directory or be read two ways.
 */
final class LocalPaths {
    static final String MANIFEST_NAME = dev.dataflow.config.ObjectKeys.MANIFEST_NAME;
    private static final String HINT = "object keys must be relative paths such as sub/path/file.csv; check the key in pipeline.yaml";

    private LocalPaths() {
    }

    static Path resolve(Path dir, ObjectRef ref) {
        String bucket = ref.bucket();
        String key = ref.key();
        if (bucket == null || bucket.isBlank()) {
            throw DataflowException.badConfig("object key " + quoted(key) + " has no bucket", "give the bucket in pipeline.yaml");
        }
        java.util.Optional<String> why = dev.dataflow.config.ObjectKeys.whyUnsafe(key);
        if (why.isPresent()) {
            throw reject(ref, why.get());
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
