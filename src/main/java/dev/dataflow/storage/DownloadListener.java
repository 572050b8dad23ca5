package dev.dataflow.storage;

/**
 * Progress of a batch, for a console or a log. Called from the download threads, several at once, so
 * implementations must be thread-safe and quick (a slow listener slows the transfer it reports on).
 */
public interface DownloadListener {
    /** Reports nothing. */
    DownloadListener NONE = new DownloadListener() {
    };

    /** A transfer begins (not called for objects skipped because the local copy matches). */
    default void started(ObjectRef ref, long totalBytes) {
    }

    /** Bytes received so far in the current attempt; starts again from zero after a retry. */
    default void progress(ObjectRef ref, long bytesSoFar, long totalBytes) {
    }

    /** A transient failure; attempt {@code nextAttempt} of {@code maxAttempts} follows after a backoff. */
    default void retrying(ObjectRef ref, int nextAttempt, int maxAttempts, String reason) {
    }

    /** The object is in place, transferred or skipped. */
    default void finished(Downloaded result) {
    }
}
