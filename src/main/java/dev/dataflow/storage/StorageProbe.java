package dev.dataflow.storage;

import dev.dataflow.DataflowException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Asks the store whether each bucket a run will read exists, before the run starts: a wrong endpoint, bad
 * credentials or a missing bucket is then found before step 1, not after the flow database was rebuilt.
 */
public final class StorageProbe {
    private StorageProbe() {
    }

    /** One line for the console (endpoint, region, buckets; never a key); throws when a bucket cannot be reached. */
    public static String probe(S3Endpoint endpoint, Collection<String> buckets) {
        List<String> missing = new ArrayList<>();
        try (S3Client client = S3Client.open(endpoint)) {
            for (String bucket : buckets) {
                boolean exists;
                try {
                    exists = client.minio().bucketExists(io.minio.BucketExistsArgs.builder().bucket(bucket).build());
                } catch (Exception e) {
                    Throwable root = e;
                    while (root.getCause() != null) {
                        root = root.getCause();
                    }
                    throw DataflowException.stepFailed("cannot reach bucket " + bucket + " at " + endpoint.url()
                                    + ": " + (root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage()),
                            "check DO_SPACES_ENDPOINT and the access keys", null);
                }
                if (!exists) {
                    missing.add(bucket);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw DataflowException.stepFailed("bucket" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing)
                    + " not found at " + endpoint.url(), "check the bucket names in pipeline.yaml", null);
        }
        return endpoint.url() + " (region " + endpoint.region() + "), bucket" + (buckets.size() == 1 ? " " : "s ")
                + String.join(", ", buckets);
    }
}
