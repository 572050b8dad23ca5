package dev.dataflow.storage;

import dev.dataflow.DataflowException;

import java.time.Duration;

/**
 * How a batch is downloaded.
 *
 * @param parallelism  objects transferred at the same time
 * @param refresh      download even when the local copy matches the remote ETag and size
 * @param maxAttempts  tries per object for transient failures (1 = no retry)
 * @param baseBackoff  wait before the second try; doubled for each further one
 */
public record DownloadOptions(int parallelism, boolean refresh, int maxAttempts, Duration baseBackoff) {
    public DownloadOptions {
        if (parallelism < 1) {
            throw DataflowException.badConfig("download parallelism must be at least 1, not " + parallelism, null);
        }
        if (maxAttempts < 1) {
            throw DataflowException.badConfig("download attempts must be at least 1, not " + maxAttempts, null);
        }
        if (baseBackoff == null || baseBackoff.isNegative()) {
            throw DataflowException.badConfig("download backoff must be zero or positive", null);
        }
    }

    /** Four at a time, four attempts, waiting 0.5 s, 1 s and 2 s (plus jitter) between them. */
    public static DownloadOptions defaults() {
        return new DownloadOptions(4, false, 4, Duration.ofMillis(500));
    }

    public DownloadOptions withRefresh(boolean newRefresh) {
        return new DownloadOptions(parallelism, newRefresh, maxAttempts, baseBackoff);
    }
}
