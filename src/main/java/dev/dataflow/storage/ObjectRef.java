package dev.dataflow.storage;

/** One object in a bucket. */
public record ObjectRef(String bucket, String key) {
    /** {@code s3://bucket/key}, the form every message uses so users can paste it into other tools. */
    public String uri() {
        return "s3://" + bucket + "/" + key;
    }

    @Override
    public String toString() {
        return uri();
    }
}
