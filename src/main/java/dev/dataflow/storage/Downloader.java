package dev.dataflow.storage;

import dev.dataflow.DataflowException;
import dev.dataflow.storage.Failure.Cancelled;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Downloads objects to {@code <dir>/<key>}, several at a time, skipping those whose local copy is already the
 * remote version (per the manifest {@code <dir>/.download-manifest.json}).
 *
 * <p>Every key is checked before the first request, so a bad key fails the batch without any traffic. The
 * first object that fails for good cancels the others and is what {@link #download} reports. Objects finished
 * before that stay in place and in the manifest, so a rerun only transfers what is missing.
 *
 * <p>Two batches must not write into the same directory at the same time: each keeps its own copy of the
 * manifest and the last one to write it would win (costing only a needless download later).
 */
public final class Downloader {
    private static final long CANCEL_WAIT_SECONDS = 30;

    private final S3Endpoint endpoint;
    private final Path dir;
    private final DownloadOptions options;
    private final DownloadListener listener;

    public Downloader(S3Endpoint endpoint, Path dir, DownloadOptions options, DownloadListener listener) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
        this.options = Objects.requireNonNull(options, "options");
        this.listener = listener == null ? DownloadListener.NONE : listener;
    }

    /**
     * Downloads all objects and returns one result per input, in input order (a repeated object is
     * transferred once).
     *
     * @throws DataflowException for a key that cannot be stored under the directory (before any request),
     *                           or the first object that could not be downloaded
     */
    public List<Downloaded> download(List<ObjectRef> objects) {
        Map<ObjectRef, Path> targets = plan(objects);
        if (targets.isEmpty()) {
            return List.of();
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw DataflowException.stepFailed("cannot create the download directory " + dir + ": " + e.getMessage(),
                    "check the permissions of " + dir.getParent(), e);
        }
        DownloadManifest manifest = DownloadManifest.load(dir);
        Redaction redaction = new Redaction(endpoint);
        AtomicBoolean cancelled = new AtomicBoolean();
        int threads = Math.min(options.parallelism(), targets.size());
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
        try (S3Client client = S3Client.open(endpoint)) {
            CompletionService<Downloaded> completion = new ExecutorCompletionService<>(pool);
            Map<ObjectRef, Future<Downloaded>> futures = new LinkedHashMap<>();
            for (Map.Entry<ObjectRef, Path> target : targets.entrySet()) {
                ObjectTransfer transfer = new ObjectTransfer(client, endpoint, redaction, manifest, options, listener, cancelled,
                        target.getKey(), target.getValue());
                futures.put(target.getKey(), completion.submit(transfer::run));
            }
            collect(completion, futures, cancelled, client);
            List<Downloaded> results = new ArrayList<>(objects.size());
            for (ObjectRef ref : objects) {
                results.add(futures.get(ref).get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DataflowException.stepFailed("download interrupted", null, null);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a finished download has no result", e);
        } finally {
            pool.shutdownNow();
            awaitQuietly(pool);
        }
    }

    /** Waits for every transfer; on the first failure cancels the rest and throws that failure. */
    private static void collect(CompletionService<Downloaded> completion, Map<ObjectRef, Future<Downloaded>> futures,
                                AtomicBoolean cancelled, S3Client client) throws InterruptedException {
        DataflowException first = null;
        List<Throwable> others = new ArrayList<>();
        for (int remaining = futures.size(); remaining > 0; remaining--) {
            Future<Downloaded> done;
            try {
                done = completion.take();
            } catch (InterruptedException e) {
                cancel(cancelled, client, futures);
                throw e;
            }
            try {
                done.get();
            } catch (CancellationException e) {
                continue;
            } catch (ExecutionException e) {
                Throwable failure = e.getCause();
                if (failure instanceof Cancelled) {
                    continue;
                }
                if (first == null) {
                    first = failure instanceof DataflowException d ? d
                            : new DataflowException("download failed: " + failure, null, DataflowException.INTERNAL, failure);
                    cancel(cancelled, client, futures);
                } else {
                    others.add(failure);
                }
            }
        }
        if (first != null) {
            if (others.isEmpty()) {
                throw first;
            }
            DataflowException combined = new DataflowException(first.getMessage() + " (and " + others.size() + " other object"
                    + (others.size() == 1 ? "" : "s") + " failed)", first.hint(), first.exitCode(), first.getCause());
            others.forEach(combined::addSuppressed);
            throw combined;
        }
    }

    private static void cancel(AtomicBoolean cancelled, S3Client client, Map<ObjectRef, Future<Downloaded>> futures) {
        cancelled.set(true);
        // Closes the sockets of running requests, which unblocks reads that an interrupt would not.
        client.cancelAll();
        futures.values().forEach(f -> f.cancel(true));
    }

    /** Validates every key and maps it to its file before anything is sent. */
    private Map<ObjectRef, Path> plan(List<ObjectRef> objects) {
        Objects.requireNonNull(objects, "objects");
        Map<ObjectRef, Path> targets = new LinkedHashMap<>();
        Map<Path, ObjectRef> owners = new HashMap<>();
        for (ObjectRef ref : objects) {
            Objects.requireNonNull(ref, "object");
            if (targets.containsKey(ref)) {
                continue;
            }
            Path file = LocalPaths.resolve(dir, ref);
            S3Client.checkNames(ref);
            ObjectRef other = owners.putIfAbsent(file, ref);
            if (other != null) {
                throw DataflowException.badConfig(other.uri() + " and " + ref.uri() + " would both be downloaded to " + file,
                        "the download folder keeps keys without the bucket; give one of them another key");
            }
            targets.put(ref, file);
        }
        return targets;
    }

    private static void awaitQuietly(ExecutorService pool) {
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CANCEL_WAIT_SECONDS);
        // Transfers delete their temporary files on the way out; wait so none is left when this returns.
        while (!pool.isTerminated() && System.nanoTime() < deadline) {
            try {
                pool.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger counter = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "download-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
