package dev.dataflow.storage;

import dev.dataflow.DataflowException;
import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.UploadObjectArgs;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A real S3 server (S3Proxy, AWS V4 signatures) on 127.0.0.1 and a free port, inside this JVM: the
 * {@code demo} command serves its sample files with it and the tests download from it over real HTTP.
 */
public final class LoopbackS3 implements AutoCloseable {
    private static final long START_TIMEOUT_MILLIS = 30_000;

    private final S3Proxy proxy;
    private final S3Endpoint endpoint;
    private final S3Client client;

    private LoopbackS3(S3Proxy proxy, S3Endpoint endpoint) {
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.client = S3Client.open(endpoint);
    }

    /**
     * Serves {@code <root>/<bucket>/<key>} files as objects and stores uploads there. Files already present
     * are uploaded once through the server at start: the filesystem store serves such files but without an
     * ETag, and a store without ETags would defeat the downloader's skip-if-unchanged check.
     */
    public static LoopbackS3 filesystem(Path root, String accessKey, String secretKey) {
        Path base = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(base);
        } catch (IOException e) {
            throw new DataflowException("cannot create the S3 root " + base + ": " + e.getMessage(), null, DataflowException.INTERNAL, e);
        }
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", base.toString());
        LoopbackS3 server = start("filesystem", properties, accessKey, secretKey);
        try {
            server.adoptExisting(base);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** Keeps objects in memory only; they are gone after {@link #close()}. */
    public static LoopbackS3 inMemory(String accessKey, String secretKey) {
        return start("transient", new Properties(), accessKey, secretKey);
    }

    private static LoopbackS3 start(String provider, Properties properties, String accessKey, String secretKey) {
        // S3Proxy and its embedded Jetty log every start-up detail at INFO; that would drown the demo's console.
        if (System.getProperty("org.slf4j.simpleLogger.log.org.gaul") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.org.gaul", "warn");
        }
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(BlobStores.create(provider, properties))
                // Port 0: the OS picks a free port, so parallel test runs and a running demo never collide.
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V4, accessKey, secretKey)
                .stopTimeout(0)
                .build();
        try {
            proxy.start();
            long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("S3Proxy still " + proxy.getState() + " after " + START_TIMEOUT_MILLIS + " ms");
                }
                Thread.sleep(10);
            }
            return new LoopbackS3(proxy, S3Endpoint.of("http://127.0.0.1:" + proxy.getPort(), accessKey, secretKey));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopQuietly(proxy);
            throw new DataflowException("interrupted while starting the loopback S3 server", null, DataflowException.INTERNAL, e);
        } catch (Exception e) {
            stopQuietly(proxy);
            throw new DataflowException("cannot start the loopback S3 server: " + e.getMessage(), null, DataflowException.INTERNAL, e);
        }
    }

    /** Path-style, plain-HTTP endpoint of this server with its credentials. */
    public S3Endpoint endpoint() {
        return endpoint;
    }

    /**
     * Uploads every file under {@code dir} to {@code bucket} (created if missing); the key is the file's path
     * relative to {@code dir}, with {@code /} separators.
     */
    public void putDirectory(String bucket, Path dir) {
        try {
            if (!client.minio().bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.minio().makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
            for (Path file : files(dir)) {
                upload(bucket, key(dir, file), file);
            }
        } catch (DataflowException e) {
            throw e;
        } catch (Exception e) {
            throw new DataflowException("cannot upload " + dir + " to the loopback S3 bucket " + bucket + ": " + e.getMessage(),
                    null, DataflowException.INTERNAL, e);
        }
    }

    private void adoptExisting(Path root) {
        try (DirectoryStream<Path> buckets = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path bucketDir : buckets) {
                String bucket = bucketDir.getFileName().toString();
                for (Path file : files(bucketDir)) {
                    String key = key(bucketDir, file);
                    StatObjectResponse stat = client.minio().statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
                    if (ObjectTransfer.unquote(stat.etag()).isEmpty()) {
                        // Upload from a copy: the store writes the object to the very file being read.
                        Path copy = Files.createTempFile("loopback-s3-", ".upload");
                        try {
                            Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                            upload(bucket, key, copy);
                        } finally {
                            Files.deleteIfExists(copy);
                        }
                    }
                }
            }
        } catch (Exception e) {
            throw new DataflowException("cannot serve the files under " + root + " over loopback S3: " + e.getMessage(),
                    null, DataflowException.INTERNAL, e);
        }
    }

    private void upload(String bucket, String key, Path file) throws Exception {
        client.minio().uploadObject(UploadObjectArgs.builder().bucket(bucket).object(key).filename(file.toString()).build());
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return new ArrayList<>(walk.filter(Files::isRegularFile).sorted().toList());
        }
    }

    private static String key(Path base, Path file) {
        return base.relativize(file).toString().replace(File.separatorChar, '/');
    }

    @Override
    public void close() {
        client.close();
        stopQuietly(proxy);
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception e) {
            // Stopping a server that never started fully; nothing is left to release.
        }
    }
}
