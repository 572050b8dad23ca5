package dev.dataflow.config;

/** Where a source file comes from: an object in a bucket, or a file shipped with the flow. */
public sealed interface SourceLocation {
    /** The path the file has there ({@code key}, or {@code file}), with its folders. */
    String path();

    /** The file name without folders. */
    default String fileName() {
        String path = path();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** An object in a bucket of the storage connection, downloaded to {@code downloadDir/<bucket>/<key>}. */
    record InBucket(String bucket, String key) implements SourceLocation {
        @Override
        public String path() {
            return key;
        }
    }

    /** A file shipped with the flow, relative to the pipeline's folder. */
    record Shipped(String file) implements SourceLocation {
        @Override
        public String path() {
            return file;
        }
    }
}
