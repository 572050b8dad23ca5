package dev.dataflow.storage;

import dev.dataflow.DataflowException;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.MinioException;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One batch's connection to the store: a minio client on an HTTP client of its own, so that cancelling the
 * batch can abort exactly its in-flight requests and closing it leaves no pooled sockets or threads behind.
 */
final class S3Client implements AutoCloseable {
    private final OkHttpClient http;
    private final MinioClient minio;
    private final Queue<Call> calls;

    private S3Client(OkHttpClient http, MinioClient minio, Queue<Call> calls) {
        this.http = http;
        this.minio = minio;
        this.calls = calls;
    }

    static S3Client open(S3Endpoint endpoint) {
        Queue<Call> calls = new ConcurrentLinkedQueue<>();
        OkHttpClient http = new OkHttpClient.Builder()
                // minio hands the response over once the headers are in, and the dispatcher then forgets the call
                // while its body is still being read; keeping the calls lets cancelAll() abort those reads too.
                .addInterceptor(chain -> {
                    calls.add(chain.call());
                    return chain.proceed(chain.request());
                })
                .connectTimeout(Duration.ofSeconds(15))
                // A stalled body must end in an error the retry loop sees, not hang the run.
                .readTimeout(Duration.ofSeconds(60))
                .writeTimeout(Duration.ofSeconds(60))
                // Retries belong to the downloader, which counts them, backs off and reports them.
                .retryOnConnectionFailure(false)
                .protocols(List.of(Protocol.HTTP_1_1))
                .build();
        MinioClient minio;
        try {
            minio = MinioClient.builder()
                    .endpoint(endpoint.url())
                    .region(endpoint.region())
                    .credentials(endpoint.accessKey(), endpoint.secretKey())
                    .httpClient(http)
                    .build();
        } catch (IllegalArgumentException e) {
            close(http);
            throw DataflowException.badConfig("the S3 endpoint " + endpoint.url() + " is not usable: " + e.getMessage(),
                    "set DO_SPACES_ENDPOINT to e.g. https://nyc3.digitaloceanspaces.com");
        }
        if (endpoint.pathStyle()) {
            minio.disableVirtualStyleEndpoint();
        } else {
            minio.enableVirtualStyleEndpoint();
        }
        return new S3Client(http, minio, calls);
    }

    /**
     * Rejects what minio itself would reject (bucket names shorter than three characters, for example) so it
     * is reported before any transfer starts.
     */
    static void checkNames(ObjectRef ref) {
        try {
            StatObjectArgs.builder().bucket(ref.bucket()).object(ref.key()).build();
        } catch (IllegalArgumentException e) {
            throw DataflowException.badConfig("invalid object " + ref.uri() + ": " + e.getMessage(),
                    "check the bucket and key in pipeline.yaml");
        }
    }

    StatObjectResponse stat(ObjectRef ref) throws MinioException, IOException, GeneralSecurityException {
        return minio.statObject(StatObjectArgs.builder().bucket(ref.bucket()).object(ref.key()).build());
    }

    /**
     * Whether the bucket exists. A HEAD on a missing object in a missing bucket is a bare 404, which minio reads as
     * NoSuchKey; asking about the bucket tells "check the key" from "check the bucket". True when it cannot tell.
     */
    boolean bucketExists(String bucket) {
        try {
            return minio.bucketExists(io.minio.BucketExistsArgs.builder().bucket(bucket).build());
        } catch (Exception e) {
            return true;
        }
    }

    /** GET that fails with PreconditionFailed if the object changed since its ETag was read. */
    GetObjectResponse get(ObjectRef ref, String etag) throws MinioException, IOException, GeneralSecurityException {
        GetObjectArgs.Builder args = GetObjectArgs.builder().bucket(ref.bucket()).object(ref.key());
        if (etag != null && !etag.isEmpty()) {
            args.matchETag(etag);
        }
        return minio.getObject(args.build());
    }

    /** The underlying client, for the loopback server's uploads. */
    MinioClient minio() {
        return minio;
    }

    /** Aborts every request of this client; blocked reads fail at once with an IOException. */
    void cancelAll() {
        http.dispatcher().cancelAll();
        // Cancelling a call closes its socket, which also ends a read blocked on the response body.
        calls.forEach(Call::cancel);
    }

    @Override
    public void close() {
        close(http);
    }

    private static void close(OkHttpClient http) {
        http.dispatcher().cancelAll();
        // The dispatcher's threads are not daemons: left alone they keep the JVM alive for a minute.
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
