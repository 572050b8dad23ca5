package dev.dataflow.storage;

import dev.dataflow.DataflowException;
import dev.dataflow.storage.Failure.Cancelled;
import dev.dataflow.storage.Failure.IntegrityException;
import dev.dataflow.storage.Failure.Kind;
import dev.dataflow.storage.Failure.LocalWriteException;
import io.minio.GetObjectResponse;
import io.minio.StatObjectResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * Brings one object to {@code <dir>/<key>}: reads its metadata, skips it when the manifest says the local copy
 * is that version, else streams it into a hidden temporary file beside the target, verifies it and renames it
 * into place. The target therefore only ever holds a complete, verified file.
 */
final class ObjectTransfer {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectTransfer.class);
    private static final Pattern PLAIN_MD5 = Pattern.compile("[0-9a-fA-F]{32}");
    private static final int BUFFER = 64 * 1024;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** Keeps the temporary name within the usual 255-byte file name limit. */
    private static final int MAX_NAME_IN_TEMP = 120;

    private final S3Client client;
    private final S3Endpoint endpoint;
    private final Redaction redaction;
    private final DownloadManifest manifest;
    private final DownloadOptions options;
    private final DownloadListener listener;
    private final AtomicBoolean cancelled;
    private final ObjectRef ref;
    private final Path file;

    ObjectTransfer(S3Client client, S3Endpoint endpoint, Redaction redaction, DownloadManifest manifest, DownloadOptions options,
                   DownloadListener listener, AtomicBoolean cancelled, ObjectRef ref, Path file) {
        this.client = client;
        this.endpoint = endpoint;
        this.redaction = redaction;
        this.manifest = manifest;
        this.options = options;
        this.listener = listener;
        this.cancelled = cancelled;
        this.ref = ref;
        this.file = file;
    }

    Downloaded run() {
        long start = System.nanoTime();
        boolean announced = false;
        for (int attempt = 1; ; attempt++) {
            checkCancelled();
            try {
                StatObjectResponse stat = client.stat(ref);
                String etag = unquote(stat.etag());
                long size = stat.size();
                if (!options.refresh() && manifest.matches(ref, file, etag, size)) {
                    LOG.debug("{} unchanged (ETag {}), keeping {}", ref, etag, file);
                    return finish(new Downloaded(ref, file, size, etag, true, Duration.ofNanos(System.nanoTime() - start)));
                }
                if (!announced) {
                    listener.started(ref, size);
                    announced = true;
                }
                String sha256 = fetch(etag, size);
                try {
                    manifest.record(ref, file, etag, size, sha256);
                } catch (IOException e) {
                    throw new LocalWriteException(manifest.file(), e);
                }
                return finish(new Downloaded(ref, file, size, etag, false, Duration.ofNanos(System.nanoTime() - start)));
            } catch (Cancelled e) {
                throw e;
            } catch (Exception e) {
                Failure failure = Failure.classify(e, redaction);
                if (failure.kind() == Kind.CANCELLED || cancelled.get()) {
                    throw new Cancelled();
                }
                if (failure.kind() != Kind.TRANSIENT || attempt >= options.maxAttempts()) {
                    throw report(failure, attempt, e);
                }
                LOG.debug("{}: attempt {} of {} failed ({}), retrying", ref, attempt, options.maxAttempts(), failure.reason());
                listener.retrying(ref, attempt + 1, options.maxAttempts(), failure.reason());
                sleep(backoff(attempt));
            }
        }
    }

    private Downloaded finish(Downloaded result) {
        listener.finished(result);
        return result;
    }

    /** Streams the object into a temporary file, verifies it, renames it to the target; returns its SHA-256. */
    private String fetch(String etag, long size) throws Exception {
        Path dir = file.getParent();
        String name = file.getFileName().toString();
        String tempPrefix = "." + (name.length() > MAX_NAME_IN_TEMP ? name.substring(0, MAX_NAME_IN_TEMP) : name) + ".part-";
        Path temp = dir.resolve(tempPrefix + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            Files.createDirectories(dir);
            removeStaleTemps(dir, tempPrefix);
            // createFile, not createTempFile: the latter forces mode 600 and the renamed file would keep it.
            Files.createFile(temp);
        } catch (IOException e) {
            throw new LocalWriteException(temp, e);
        }
        boolean renamed = false;
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long received = 0;
            try (GetObjectResponse in = client.get(ref, etag);
                 FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                String servedEtag = unquote(in.headers().get("ETag"));
                if (!etag.isEmpty() && !servedEtag.isEmpty() && !servedEtag.equals(etag)) {
                    throw new IntegrityException("the object changed during the download (ETag " + etag + " became " + servedEtag + ")");
                }
                byte[] buffer = new byte[BUFFER];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    checkCancelled();
                    md5.update(buffer, 0, n);
                    sha256.update(buffer, 0, n);
                    write(out, buffer, n, temp);
                    received += n;
                    listener.progress(ref, received, size);
                }
                try {
                    // Durable before the rename, so a crash cannot leave a renamed but empty file.
                    out.force(true);
                } catch (IOException e) {
                    throw new LocalWriteException(temp, e);
                }
            }
            if (received != size) {
                throw new IntegrityException("received " + received + " bytes but the object has " + size);
            }
            String md5Hex = HexFormat.of().formatHex(md5.digest());
            // A multipart ETag ("<md5 of part md5s>-<parts>") is not the content's MD5; size is all it can check.
            if (PLAIN_MD5.matcher(etag).matches() && !md5Hex.equalsIgnoreCase(etag)) {
                throw new IntegrityException("MD5 of the received bytes " + md5Hex + " does not match the ETag " + etag);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new LocalWriteException(file, e);
            }
            renamed = true;
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks MD5 or SHA-256", e);
        } finally {
            if (!renamed) {
                deleteQuietly(temp);
            }
        }
    }

    private static void write(FileChannel out, byte[] buffer, int length, Path temp) throws LocalWriteException {
        try {
            ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, length);
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            throw new LocalWriteException(temp, e);
        }
    }

    /** Temporary files of this object left by a killed earlier run; nothing else writes them. */
    private static void removeStaleTemps(Path dir, String tempPrefix) throws IOException {
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(dir, path -> path.getFileName().toString().startsWith(tempPrefix))) {
            for (Path path : stale) {
                deleteQuietly(path);
            }
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("cannot remove temporary file {}: {}", path, e.toString());
        }
    }

    private void checkCancelled() {
        if (cancelled.get() || Thread.currentThread().isInterrupted()) {
            throw new Cancelled();
        }
    }

    private Duration backoff(int failedAttempt) {
        long base = options.baseBackoff().toMillis();
        long delay = Math.min(MAX_BACKOFF.toMillis(), base << Math.min(failedAttempt - 1, 20));
        // Jitter keeps parallel transfers that failed together from retrying in lockstep.
        long jitter = delay / 5;
        return Duration.ofMillis(jitter == 0 ? delay : delay - jitter + ThreadLocalRandom.current().nextLong(2 * jitter + 1));
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancelled();
        }
    }

    private DataflowException report(Failure failure, int attempts, Exception e) {
        Throwable cause = redaction.scrub(e);
        String uri = ref.uri();
        Kind kind = failure.kind() == Kind.NOT_FOUND && !client.bucketExists(ref.bucket()) ? Kind.NO_BUCKET : failure.kind();
        return switch (kind) {
            case NOT_FOUND -> DataflowException.stepFailed("object " + uri + " not found", "check the key in pipeline.yaml", cause);
            case NO_BUCKET -> DataflowException.stepFailed("bucket " + ref.bucket() + " not found at " + endpoint.url()
                    + " (downloading " + uri + ")", "check the bucket in pipeline.yaml and DO_SPACES_ENDPOINT", cause);
            case ACCESS -> DataflowException.stepFailed("access denied to " + uri + ": " + failure.reason(), accessHint(failure.code()), cause);
            case LOCAL -> DataflowException.stepFailed("cannot store " + uri + " locally: " + failure.reason(),
                    "check free disk space and the permissions of " + file.getParent(), cause);
            case TRANSIENT -> DataflowException.stepFailed("download of " + uri + " failed"
                    + (attempts > 1 ? " after " + attempts + " attempts" : "") + ": " + failure.reason(),
                    "check DO_SPACES_ENDPOINT (" + endpoint.url() + ") and the network, then run again", cause);
            case PERMANENT, CANCELLED -> DataflowException.stepFailed("download of " + uri + " failed: " + failure.reason(), null, cause);
        };
    }

    private String accessHint(String code) {
        if ("SignatureDoesNotMatch".equals(code)) {
            return "check DO_SPACES_SECRET_KEY";
        }
        if ("InvalidAccessKeyId".equals(code)) {
            return "check DO_SPACES_ACCESS_KEY";
        }
        if ("RequestTimeTooSkewed".equals(code)) {
            return "the clock of this machine is off; check the system time";
        }
        return "check DO_SPACES_ACCESS_KEY / DO_SPACES_SECRET_KEY and that this key may read bucket " + ref.bucket();
    }

    static String unquote(String etag) {
        if (etag == null) {
            return "";
        }
        String trimmed = etag.strip();
        if (trimmed.startsWith("W/")) {
            trimmed = trimmed.substring(2);
        }
        if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1);
        }
        return trimmed;
    }
}
