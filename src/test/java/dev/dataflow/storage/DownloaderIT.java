package dev.dataflow.storage;

import dev.dataflow.DataflowException;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The downloader against a real S3 server (S3Proxy) on loopback, with the real minio client speaking HTTP. */
class DownloaderIT {
    private static final String ACCESS_KEY = "AKIALOOPBACK7TEST01";
    private static final String SECRET_KEY = "loopback-Secret-7f3a9c-never-print";
    private static final String EDM = "edm-publishing";
    private static final String BACKUPS = "ae-data-backups";
    private static final Duration FAST = Duration.ofMillis(10);

    private static final Map<ObjectRef, byte[]> CONTENT = new LinkedHashMap<>();
    private static final ObjectRef PROJECTS = new ObjectRef(EDM, "db-cpdb/publish/latest/cpdb_projects.csv");
    private static final ObjectRef COMMITMENTS = new ObjectRef(EDM, "db-cpdb/publish/latest/cpdb_planned_commitments.csv");
    private static final ObjectRef COUNCIL = new ObjectRef(EDM, "datasets/dcp_city_council_districts/24B/dcp_city_council_districts.zip");
    private static final ObjectRef PLUTO = new ObjectRef(BACKUPS, "zoning-api/pluto.csv");
    private static final ObjectRef ZONING = new ObjectRef(BACKUPS, "zoning-api/zoning_districts.csv");
    private static final ObjectRef MULTIPART = new ObjectRef(BACKUPS, "zoning-api/big/multipart.bin");

    private static LoopbackS3 s3;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer(@TempDir Path source) throws IOException {
        Random random = new Random(42);
        CONTENT.put(PROJECTS, csv("project", 2_000));
        CONTENT.put(COMMITMENTS, csv("commitment", 5_000));
        CONTENT.put(COUNCIL, randomBytes(random, 300_000));
        CONTENT.put(PLUTO, randomBytes(random, 400_000));
        CONTENT.put(ZONING, new byte[0]);
        for (Map.Entry<ObjectRef, byte[]> object : CONTENT.entrySet()) {
            Path file = source.resolve(object.getKey().bucket()).resolve(object.getKey().key());
            Files.createDirectories(file.getParent());
            Files.write(file, object.getValue());
        }
        s3 = LoopbackS3.inMemory(ACCESS_KEY, SECRET_KEY);
        s3.putDirectory(EDM, source.resolve(EDM));
        s3.putDirectory(BACKUPS, source.resolve(BACKUPS));
    }

    @AfterAll
    static void stopServer() {
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void downloadsSeveralObjectsInParallelToDirSlashKey() throws Exception {
        List<ObjectRef> refs = List.of(PROJECTS, COMMITMENTS, COUNCIL, PLUTO, ZONING);
        // Each of the first three transfers waits in started() until all three have begun: with one thread
        // at a time the latch would time out.
        CountDownLatch threeAtOnce = new CountDownLatch(3);
        AtomicBoolean overlapped = new AtomicBoolean(true);
        Map<ObjectRef, Downloaded> finished = new ConcurrentHashMap<>();
        DownloadListener listener = new DownloadListener() {
            @Override
            public void started(ObjectRef ref, long totalBytes) {
                threeAtOnce.countDown();
                try {
                    if (!threeAtOnce.await(60, TimeUnit.SECONDS)) { // only a serial download waits this out
                        overlapped.set(false);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void finished(Downloaded result) {
                finished.put(result.ref(), result);
            }
        };

        List<Downloaded> results = new Downloader(s3.endpoint(), dir, options(3, 1), listener).download(refs);

        assertTrue(overlapped.get(), "three transfers should run at the same time");
        assertEquals(refs.size(), results.size());
        for (int i = 0; i < refs.size(); i++) {
            ObjectRef ref = refs.get(i);
            Downloaded result = results.get(i);
            byte[] expected = CONTENT.get(ref);
            assertEquals(ref, result.ref());
            assertEquals(dir.resolve(ref.key()).toAbsolutePath(), result.file());
            assertArrayEquals(expected, Files.readAllBytes(result.file()), ref.uri());
            assertEquals(expected.length, result.bytes());
            assertEquals(md5(expected), result.etag());
            assertFalse(result.skipped());
            assertEquals(result, finished.get(ref));
        }
        assertEquals(List.of(), leftovers(dir));
        DownloadManifest manifest = DownloadManifest.load(dir);
        assertEquals(sha256(CONTENT.get(PLUTO)), manifest.entry(PLUTO.key()).sha256());
        assertEquals(BACKUPS, manifest.entry(PLUTO.key()).bucket());
    }

    @Test
    void secondRunSkipsUnchangedObjectsWithoutGetAndRefreshOrLocalEditDownloadsAgain() throws Exception {
        try (FaultyProxy proxy = proxy()) {
            S3Endpoint endpoint = viaProxy(proxy);
            List<ObjectRef> refs = List.of(PROJECTS, PLUTO);
            Counting counting = new Counting();

            new Downloader(endpoint, dir, options(2, 1), counting).download(refs);
            assertEquals(2, proxy.requests("GET"));
            Path pluto = dir.resolve(PLUTO.key());
            Path projects = dir.resolve(PROJECTS.key());
            FileTime written = Files.getLastModifiedTime(pluto);

            Counting second = new Counting();
            List<Downloaded> again = new Downloader(endpoint, dir, options(2, 1), second).download(refs);
            assertTrue(again.stream().allMatch(Downloaded::skipped), again.toString());
            assertEquals(2, proxy.requests("GET"), "no GET for unchanged objects");
            assertEquals(4, proxy.requests("HEAD"));
            assertEquals(0, second.started.get());
            assertEquals(written, Files.getLastModifiedTime(pluto), "the file was not rewritten");

            List<Downloaded> refreshed = new Downloader(endpoint, dir, options(2, 1).withRefresh(true), DownloadListener.NONE).download(refs);
            assertTrue(refreshed.stream().noneMatch(Downloaded::skipped));
            assertEquals(4, proxy.requests("GET"));

            Files.writeString(projects, "edited locally\n");
            List<Downloaded> afterEdit = new Downloader(endpoint, dir, options(2, 1), DownloadListener.NONE).download(refs);
            assertFalse(afterEdit.get(0).skipped(), "the edited file is downloaded again");
            assertTrue(afterEdit.get(1).skipped());
            assertEquals(5, proxy.requests("GET"));
            assertArrayEquals(CONTENT.get(PROJECTS), Files.readAllBytes(projects));

            // Corrupted in place: same size, modification time put back. Only the recorded checksum can tell.
            byte[] corrupt = Files.readAllBytes(pluto);
            corrupt[corrupt.length / 2] ^= 0x20;
            FileTime before = Files.getLastModifiedTime(pluto);
            Files.write(pluto, corrupt);
            Files.setLastModifiedTime(pluto, before);
            List<Downloaded> afterCorruption = new Downloader(endpoint, dir, options(2, 1), DownloadListener.NONE).download(refs);
            assertFalse(afterCorruption.get(1).skipped(), "a copy corrupted in place is downloaded again");
            assertArrayEquals(CONTENT.get(PLUTO), Files.readAllBytes(pluto));
        }
    }

    @Test
    void retriesAfterADroppedConnectionAndATruncatedBody() throws Exception {
        try (FaultyProxy proxy = proxy()) {
            proxy.dropConnections(1).cutResponses(20_000, 1);
            Counting counting = new Counting();

            List<Downloaded> results = new Downloader(viaProxy(proxy), dir, options(1, 4), counting).download(List.of(PLUTO));

            assertArrayEquals(CONTENT.get(PLUTO), Files.readAllBytes(results.get(0).file()));
            assertEquals(1, proxy.dropped());
            assertEquals(1, proxy.cut());
            assertEquals(2, counting.retries.get(), counting.reasons.toString());
            assertEquals(List.of(), leftovers(dir));
        }
    }

    @Test
    void aCorruptedBodyFailsTheMd5CheckAndIsDownloadedAgain() throws Exception {
        try (FaultyProxy proxy = proxy()) {
            // Offset 100 000 lies in the body: the HEAD and GET response headers before it are well under 2 kB.
            proxy.corruptResponses(100_000, 1);
            Counting counting = new Counting();

            List<Downloaded> results = new Downloader(viaProxy(proxy), dir, options(1, 3), counting).download(List.of(PLUTO));

            assertEquals(1, counting.retries.get());
            assertTrue(counting.reasons.get(0).contains("MD5 of the received bytes"), counting.reasons.toString());
            assertArrayEquals(CONTENT.get(PLUTO), Files.readAllBytes(results.get(0).file()));
            assertEquals(List.of(), leftovers(dir));
        }
    }

    @Test
    void aBodyShorterThanTheObjectsMetadataSaysIsRejected() throws Exception {
        try (FaultyProxy proxy = proxy()) {
            // One attempt: a retry would reuse the connection, whose later responses are left intact.
            proxy.inflateFirstContentLength(1);
            int size = CONTENT.get(PROJECTS).length;

            DataflowException e = assertThrows(DataflowException.class,
                    () -> new Downloader(viaProxy(proxy), dir, options(1, 1), DownloadListener.NONE).download(List.of(PROJECTS)));

            assertTrue(e.getMessage().endsWith(" failed: IntegrityException: received " + size
                    + " bytes but the object has " + (size + 1)), e.getMessage());
            assertFalse(Files.exists(dir.resolve(PROJECTS.key())));
            assertEquals(List.of(), leftovers(dir));
        }
    }

    @Test
    void missingObjectIsNamedNotRetriedAndLeavesNoFile() throws Exception {
        try (FaultyProxy proxy = proxy()) {
            ObjectRef missing = new ObjectRef(EDM, "db-cpdb/publish/latest/cpdb_nope.csv");
            Counting counting = new Counting();

            DataflowException e = assertThrows(DataflowException.class,
                    () -> new Downloader(viaProxy(proxy), dir, options(1, 4), counting).download(List.of(missing)));

            assertEquals("object s3://edm-publishing/db-cpdb/publish/latest/cpdb_nope.csv not found (check the key in pipeline.yaml)",
                    e.userMessage());
            assertEquals(DataflowException.STEP_FAILED, e.exitCode());
            assertEquals(2, proxy.requests("HEAD"), "not retried: one HEAD for the object, one for its bucket");
            assertEquals(0, counting.retries.get());
            assertFalse(Files.exists(dir.resolve(missing.key())));
            assertEquals(List.of(), leftovers(dir));
        }
        ObjectRef noBucket = new ObjectRef("no-such-bucket", "zoning-api/pluto.csv");
        DataflowException e = assertThrows(DataflowException.class,
                () -> new Downloader(s3.endpoint(), dir, options(1, 4), DownloadListener.NONE).download(List.of(noBucket)));
        assertTrue(e.getMessage().contains("s3://no-such-bucket/zoning-api/pluto.csv"), e.getMessage());
        // A missing bucket is named as such, not as a missing object ("check the key").
        assertTrue(e.getMessage().startsWith("bucket no-such-bucket not found at "), e.getMessage());
        assertEquals("check the bucket in pipeline.yaml and DO_SPACES_ENDPOINT", e.hint());
    }

    @Test
    void wrongCredentialsAreReportedClearlyWithoutLeakingThem() {
        String wrongSecret = "Wrong-Secret-0042-must-not-leak";
        for (S3Endpoint endpoint : List.of(s3.endpoint().withCredentials(ACCESS_KEY, wrongSecret),
                s3.endpoint().withCredentials("AKIAUNKNOWN00000042", wrongSecret))) {
            Counting counting = new Counting();
            DataflowException e = assertThrows(DataflowException.class,
                    () -> new Downloader(endpoint, dir, options(1, 4), counting).download(List.of(PLUTO)));

            assertTrue(e.getMessage().startsWith("access denied to s3://ae-data-backups/zoning-api/pluto.csv"), e.getMessage());
            assertTrue(e.hint().contains("DO_SPACES_ACCESS_KEY / DO_SPACES_SECRET_KEY"), e.hint());
            assertEquals(0, counting.retries.get(), "bad credentials are not retried");
            String everything = fullText(e);
            assertFalse(everything.contains(wrongSecret), everything);
            assertFalse(everything.contains(endpoint.accessKey()), everything);
            assertTrue(everything.contains("AccessDenied"), "the cause keeps the store's error code: " + everything);
            assertFalse(Files.exists(dir.resolve(PLUTO.key())));
        }
    }

    @Test
    void unsafeKeysAreRejectedBeforeAnyRequest() throws Exception {
        try (FaultyProxy proxy = proxy()) {
            Downloader downloader = new Downloader(viaProxy(proxy), dir, options(2, 1), DownloadListener.NONE);
            for (String key : List.of("../outside.csv", "zoning-api/../../outside.csv", "/etc/passwd", "zoning-api\\pluto.csv", "a//b.csv")) {
                ObjectRef bad = new ObjectRef(BACKUPS, key);
                DataflowException e = assertThrows(DataflowException.class, () -> downloader.download(List.of(PLUTO, bad)));
                assertEquals(DataflowException.BAD_CONFIG, e.exitCode());
                assertTrue(e.getMessage().contains("s3://ae-data-backups/" + key), e.getMessage());
            }
            DataflowException shortBucket = assertThrows(DataflowException.class,
                    () -> downloader.download(List.of(PLUTO, new ObjectRef("zz", "a.csv"))));
            assertEquals(DataflowException.BAD_CONFIG, shortBucket.exitCode());
            assertTrue(shortBucket.getMessage().startsWith("invalid object s3://zz/a.csv"), shortBucket.getMessage());
            ObjectRef sameKeyOtherBucket = new ObjectRef(EDM, PLUTO.key());
            DataflowException clash = assertThrows(DataflowException.class, () -> downloader.download(List.of(PLUTO, sameKeyOtherBucket)));
            assertTrue(clash.getMessage().contains("would both be downloaded to"), clash.getMessage());

            assertEquals(0, proxy.connections(), "nothing may be sent before every key is checked");
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(0, files.count());
            }
        }
    }

    @Test
    void aTransferCutOnEveryAttemptLeavesNoFileAndNoTemporaryFile() throws Exception {
        try (FaultyProxy proxy = proxy()) {
            proxy.cutResponses(50_000, Integer.MAX_VALUE);
            Counting counting = new Counting();

            DataflowException e = assertThrows(DataflowException.class,
                    () -> new Downloader(viaProxy(proxy), dir, options(1, 3), counting).download(List.of(COUNCIL)));

            assertTrue(e.getMessage().startsWith("download of s3://edm-publishing/" + COUNCIL.key() + " failed after 3 attempts"), e.getMessage());
            assertEquals(3, proxy.requests("GET"));
            assertTrue(counting.maxProgress.get() > 0, "bytes arrived before each cut");
            assertFalse(Files.exists(dir.resolve(COUNCIL.key())));
            assertEquals(List.of(), leftovers(dir));
        }
    }

    @Test
    void aMultipartObjectIsVerifiedBySize() throws Exception {
        byte[] big = randomBytes(new Random(7), 6 * 1024 * 1024 + 123);
        OkHttpClient http = new OkHttpClient();
        try {
            MinioClient uploader = MinioClient.builder().endpoint(s3.endpoint().url()).region("us-east-1")
                    .credentials(ACCESS_KEY, SECRET_KEY).httpClient(http).build();
            // Unknown length with 5 MiB parts makes minio upload it in two parts.
            uploader.putObject(PutObjectArgs.builder().bucket(MULTIPART.bucket()).object(MULTIPART.key())
                    .stream(new ByteArrayInputStream(big), -1, 5 * 1024 * 1024).build());
            String etag = uploader.statObject(StatObjectArgs.builder().bucket(MULTIPART.bucket()).object(MULTIPART.key()).build()).etag();
            assertTrue(etag.matches("[0-9a-f]{32}-2"), etag);

            Downloaded result = new Downloader(s3.endpoint(), dir, options(1, 1), DownloadListener.NONE).download(List.of(MULTIPART)).get(0);

            assertEquals(etag, result.etag());
            assertEquals(big.length, result.bytes());
            assertArrayEquals(big, Files.readAllBytes(result.file()));
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    @Test
    void theFirstFailureCancelsTransfersThatAreStillRunning() throws Exception {
        try (FaultyProxy proxy = proxy()) {
            // The two large bodies stall after 20 kB (the read timeout is a minute); the missing object's request
            // reaches the server only once both transfers have received bytes, so both are mid-body when it fails.
            CountDownLatch bothReceiving = new CountDownLatch(2);
            proxy.stallResponsesAfter(20_000).holdRequestsUntil("cpdb_nope", bothReceiving);
            ObjectRef missing = new ObjectRef(EDM, "db-cpdb/publish/latest/cpdb_nope.csv");
            Map<ObjectRef, Long> progress = new ConcurrentHashMap<>();
            DownloadListener listener = new DownloadListener() {
                @Override
                public void progress(ObjectRef ref, long bytesSoFar, long totalBytes) {
                    if (progress.put(ref, bytesSoFar) == null) {
                        bothReceiving.countDown();
                    }
                }
            };

            long start = System.nanoTime();
            DataflowException e = assertThrows(DataflowException.class,
                    () -> new Downloader(viaProxy(proxy), dir, options(3, 4), listener).download(List.of(COUNCIL, PLUTO, missing)));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertEquals("object s3://edm-publishing/db-cpdb/publish/latest/cpdb_nope.csv not found", e.getMessage());
            assertTrue(progress.getOrDefault(COUNCIL, 0L) > 0 && progress.getOrDefault(PLUTO, 0L) > 0,
                    "both large transfers had started: " + progress);
            // Not a speed check: a transfer left running would wait out the one-minute read timeout.
            assertTrue(took.compareTo(Duration.ofSeconds(45)) < 0, "cancelled, not timed out: took " + took);
            assertFalse(Files.exists(dir.resolve(COUNCIL.key())));
            assertFalse(Files.exists(dir.resolve(PLUTO.key())));
            assertEquals(List.of(), leftovers(dir));
        }
    }

    @Test
    void interruptingTheCallerStopsTheBatchAndLeavesNoTemporaryFile() throws Exception {
        try (FaultyProxy proxy = proxy()) {
            proxy.stallResponsesAfter(20_000);
            CountDownLatch receiving = new CountDownLatch(1);
            DownloadListener listener = new DownloadListener() {
                @Override
                public void progress(ObjectRef ref, long bytesSoFar, long totalBytes) {
                    receiving.countDown();
                }
            };
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            AtomicBoolean stillInterrupted = new AtomicBoolean();
            Thread caller = new Thread(() -> {
                try {
                    new Downloader(viaProxy(proxy), dir, options(2, 4), listener).download(List.of(COUNCIL, PLUTO));
                } catch (Throwable t) {
                    outcome.set(t);
                }
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            });
            caller.start();
            assertTrue(receiving.await(60, TimeUnit.SECONDS), "a transfer started");

            caller.interrupt();
            caller.join(45_000); // a hang guard: a transfer left running would wait out the one-minute read timeout

            assertFalse(caller.isAlive(), "download() returned soon after the interrupt");
            assertTrue(outcome.get() instanceof DataflowException, String.valueOf(outcome.get()));
            assertEquals("download interrupted", outcome.get().getMessage());
            assertTrue(stillInterrupted.get(), "the interrupt status is kept for the caller");
            assertFalse(Files.exists(dir.resolve(COUNCIL.key())));
            assertEquals(List.of(), leftovers(dir));
        }
    }

    private static DownloadOptions options(int parallelism, int attempts) {
        return new DownloadOptions(parallelism, false, attempts, FAST);
    }

    private static FaultyProxy proxy() throws IOException {
        return new FaultyProxy(Integer.parseInt(s3.endpoint().url().substring(s3.endpoint().url().lastIndexOf(':') + 1)));
    }

    private static S3Endpoint viaProxy(FaultyProxy proxy) {
        return S3Endpoint.of("http://127.0.0.1:" + proxy.port(), ACCESS_KEY, SECRET_KEY);
    }

    /** Files other than downloaded objects and the manifest: temporary files that should not survive. */
    private static List<String> leftovers(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).filter(n -> n.contains(".part-")).toList();
        }
    }

    private static String fullText(Throwable t) {
        StringWriter text = new StringWriter();
        t.printStackTrace(new PrintWriter(text));
        StringBuilder all = new StringBuilder(text.toString());
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append('\n').append(c.getMessage()).append('\n').append(c);
        }
        if (t instanceof DataflowException d) {
            all.append('\n').append(d.userMessage());
        }
        return all.toString();
    }

    private static byte[] csv(String prefix, int rows) {
        StringBuilder text = new StringBuilder("id,name\n");
        for (int i = 0; i < rows; i++) {
            text.append(i).append(',').append(prefix).append(' ').append(i).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** Counts what the listener heard. */
    static final class Counting implements DownloadListener {
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger retries = new AtomicInteger();
        final AtomicLong maxProgress = new AtomicLong();
        final List<String> reasons = new CopyOnWriteArrayList<>();

        @Override
        public void started(ObjectRef ref, long totalBytes) {
            started.incrementAndGet();
        }

        @Override
        public void progress(ObjectRef ref, long bytesSoFar, long totalBytes) {
            maxProgress.accumulateAndGet(bytesSoFar, Math::max);
        }

        @Override
        public void retrying(ObjectRef ref, int nextAttempt, int maxAttempts, String reason) {
            retries.incrementAndGet();
            reasons.add(reason);
        }
    }
}
