package dev.dataflow.storage;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The outcome for one object.
 *
 * @param file    always {@code <dir>/<key>}
 * @param bytes   size of the local file
 * @param etag    remote ETag without quotes (may be empty when the store sends none)
 * @param skipped true when the local copy already matched and nothing was transferred
 * @param elapsed time spent on this object, including the metadata request and retries
 */
public record Downloaded(ObjectRef ref, Path file, long bytes, String etag, boolean skipped, Duration elapsed) {
}
