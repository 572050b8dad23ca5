package dev.dataflow.handlers;

import dev.dataflow.DataflowException;
import dev.dataflow.config.Domain;
import dev.dataflow.config.Pipeline;
import dev.dataflow.config.Source;
import dev.dataflow.config.SourceLocation;
import dev.dataflow.config.SourcePaths;
import dev.dataflow.config.Step;
import dev.dataflow.config.Storage;
import dev.dataflow.exec.Console;
import dev.dataflow.exec.StepContext;
import dev.dataflow.exec.StepHandler;
import dev.dataflow.exec.StepOutcome;
import dev.dataflow.plan.FingerprintInput;
import dev.dataflow.storage.DownloadListener;
import dev.dataflow.storage.DownloadOptions;
import dev.dataflow.storage.Downloaded;
import dev.dataflow.storage.Downloader;
import dev.dataflow.storage.ObjectRef;
import dev.dataflow.storage.S3Endpoint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code minio:download}: downloads the built domains' objects into {@code downloadDir/<bucket>/<key>}, several at
 * once, verified and skipped when the local copy matches the remote ETag and size.
 */
final class DownloadStep implements StepHandler {
    @Override
    public boolean worksOn(Step step, Domain domain) {
        return domain.sources().stream().anyMatch(Source::isRemote);
    }

    @Override
    public List<FingerprintInput> fingerprint(Pipeline pipeline, Domain domain) {
        return domain.sources().stream().map(Source::location).filter(l -> l instanceof SourceLocation.InBucket)
                .map(l -> (SourceLocation.InBucket) l)
                .<FingerprintInput>map(o -> new FingerprintInput.Fact("object " + o.bucket() + "/" + o.key())).toList();
    }

    @Override
    public List<Path> writes(Pipeline pipeline, List<Domain> domains) {
        return domains.stream().flatMap(d -> d.sources().stream()).filter(Source::isRemote)
                .map(s -> SourcePaths.original(pipeline, s)).toList();
    }

    @Override
    public Set<Resource> uses(Step step) {
        return Set.of(Resource.STORAGE);
    }

    @Override
    public boolean needsRunState() {
        return false;
    }

    @Override
    public StepOutcome run(StepContext ctx) {
        Map<String, List<ObjectRef>> byBucket = new LinkedHashMap<>();
        for (Domain d : ctx.domains()) {
            for (Source s : d.sources()) {
                if (s.location() instanceof SourceLocation.InBucket o) {
                    byBucket.computeIfAbsent(o.bucket(), b -> new ArrayList<>()).add(new ObjectRef(o.bucket(), o.key()));
                }
            }
        }
        if (byBucket.isEmpty()) {
            return StepOutcome.of("no remote sources");
        }
        S3Endpoint endpoint = endpoint(ctx.pipeline().storage());
        DownloadOptions options = DownloadOptions.defaults().withRefresh(ctx.options().refresh());
        options = new DownloadOptions(ctx.pipeline().settings().downloadParallelism(), options.refresh(),
                options.maxAttempts(), options.baseBackoff());
        Listener listener = new Listener(ctx.console());
        List<Downloaded> all = new ArrayList<>();
        Path root = ctx.path(ctx.pipeline().settings().downloadDir());
        for (Map.Entry<String, List<ObjectRef>> e : byBucket.entrySet()) {
            all.addAll(new Downloader(endpoint, root.resolve(e.getKey()), options, listener).download(e.getValue()));
        }
        long bytes = all.stream().mapToLong(Downloaded::bytes).sum();
        long skipped = all.stream().filter(Downloaded::skipped).count();
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Downloaded d : all) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("bucket", d.ref().bucket());
            o.put("key", d.ref().key());
            o.put("etag", d.etag());
            o.put("size", d.bytes());
            o.put("skipped", d.skipped());
            objects.add(o);
        }
        return new StepOutcome(0, Map.of(), all.size() + " objects, " + String.format(java.util.Locale.US, "%.1f MiB",
                bytes / 1048576.0) + (skipped > 0 ? ", " + skipped + " unchanged and skipped" : ""),
                Map.of("downloads", objects));
    }

    static S3Endpoint endpoint(Storage s) {
        if (!s.unsetVariables().isEmpty() || s.endpoint().isBlank()) {
            List<String> missing = new ArrayList<>(s.unsetVariables());
            if (s.endpoint().isBlank() && missing.isEmpty()) {
                missing.add("DO_SPACES_ENDPOINT");
            }
            throw DataflowException.badConfig(s.pos() + ": the storage connection needs " + String.join(", ", missing),
                    "set them in the environment or in .env");
        }
        return new S3Endpoint(s.endpoint(), s.accessKey(), s.secretKey(), s.region(), s.pathStyle());
    }

    /** One line per finished object; on a terminal, a progress line with bytes and rate. */
    private static final class Listener implements DownloadListener {
        private final Console console;
        private final Map<ObjectRef, Long> done = new ConcurrentHashMap<>();
        private final Map<ObjectRef, Long> total = new ConcurrentHashMap<>();
        private final AtomicLong started = new AtomicLong(System.nanoTime());

        Listener(Console console) {
            this.console = console;
        }

        @Override
        public void started(ObjectRef ref, long totalBytes) {
            total.put(ref, totalBytes);
        }

        @Override
        public void progress(ObjectRef ref, long bytesSoFar, long totalBytes) {
            done.put(ref, bytesSoFar);
            long sum = done.values().stream().mapToLong(Long::longValue).sum();
            long all = total.values().stream().mapToLong(Long::longValue).sum();
            long nanos = System.nanoTime() - started.get();
            double secs = Math.max(nanos / 1e9, 0.001);
            console.progress(() -> String.format(java.util.Locale.US, "downloading %d objects: %.1f of %.1f MiB (%.1f MiB/s)",
                    total.size(), sum / 1048576.0, all / 1048576.0, sum / 1048576.0 / secs)
                    + dev.dataflow.exec.Completion.of(sum, all, nanos));
        }

        @Override
        public void retrying(ObjectRef ref, int nextAttempt, int maxAttempts, String reason) {
            console.line("  " + ref.uri() + ": " + reason + "; retrying (" + nextAttempt + "/" + maxAttempts + ")");
        }

        @Override
        public void finished(Downloaded d) {
            console.line("  " + d.ref().uri() + " " + (d.skipped() ? "unchanged, skipped" : Console.count(d.bytes())
                    + " bytes in " + Console.seconds(d.elapsed().toNanos())));
        }
    }
}
