package dev.dataflow.handlers;

import dev.dataflow.DataflowException;
import dev.dataflow.config.Domain;
import dev.dataflow.config.Pipeline;
import dev.dataflow.config.Source;
import dev.dataflow.config.SourcePaths;
import dev.dataflow.config.Step;
import dev.dataflow.config.StepKind;
import dev.dataflow.exec.Console;
import dev.dataflow.exec.StepContext;
import dev.dataflow.exec.StepHandler;
import dev.dataflow.exec.StepOutcome;
import dev.dataflow.plan.FingerprintInput;
import dev.dataflow.shapefile.ConvertResult;
import dev.dataflow.shapefile.ShapefileConverter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/** {@code shp:convert}: converts the built domains' shapefile sources (loose or zipped) to CSV, in parallel. */
final class ConvertStep implements StepHandler {
    @Override
    public boolean worksOn(Step step, Domain domain) {
        return domain.sources().stream().anyMatch(Source::needsConversion);
    }

    @Override
    public List<FingerprintInput> fingerprint(Pipeline pipeline, Domain domain) {
        return shapefiles(List.of(domain)).<FingerprintInput>map(s -> new FingerprintInput.FileRead(
                "convert " + s.options() + " " + s.output(), SourcePaths.original(pipeline, s))).toList();
    }

    @Override
    public List<Path> writes(Pipeline pipeline, List<Domain> domains) {
        return shapefiles(domains).map(s -> SourcePaths.converted(pipeline, s)).toList();
    }

    private static Stream<Source.Shapefile> shapefiles(List<Domain> domains) {
        return domains.stream().flatMap(d -> d.sources().stream()).filter(s -> s instanceof Source.Shapefile)
                .map(s -> (Source.Shapefile) s);
    }

    @Override
    public Set<Resource> uses(Step step) {
        return Set.of();
    }

    @Override
    public boolean needsRunState() {
        return false;
    }

    @Override
    public StepOutcome run(StepContext ctx) throws Exception {
        List<Source.Shapefile> sources = new ArrayList<>();
        List<Source.Shapefile> streamed = new ArrayList<>();
        for (Domain d : ctx.domains()) {
            // A shapefile this run also loads is only converted to be loaded: pg:source:load converts it straight
            // into its COPY, with no CSV on disk (an old one is removed, so the load cannot take it for this one).
            boolean loadedLater = ctx.plan().steps().stream().anyMatch(ps -> ps.step().kind() == StepKind.LOAD
                    && ps.domains().contains(d.name()));
            for (Source s : d.sources()) {
                if (s instanceof Source.Shapefile shapefile) {
                    (loadedLater ? streamed : sources).add(shapefile);
                }
            }
        }
        for (Source.Shapefile s : streamed) {
            Files.deleteIfExists(SourcePaths.converted(ctx.pipeline(), s));
            ctx.console().line("  " + s.fileName() + " -> converted by pg:source:load straight into its COPY (no CSV)");
        }
        if (sources.isEmpty()) {
            return StepOutcome.of(streamed.isEmpty() ? "no shapefile sources"
                    : streamed.size() + " shapefile" + (streamed.size() == 1 ? "" : "s") + " left to pg:source:load");
        }
        Files.createDirectories(ctx.path(ctx.pipeline().settings().convertDir()));
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(sources.size(),
                Math.max(1, Runtime.getRuntime().availableProcessors())), r -> {
                    Thread t = new Thread(r, "convert");
                    t.setDaemon(true);
                    return t;
                });
        try {
            Map<Source, Future<ConvertResult>> futures = new LinkedHashMap<>();
            for (Source.Shapefile s : sources) {
                futures.put(s, pool.submit(() -> convert(ctx, s)));
            }
            Map<String, Long> rows = new LinkedHashMap<>();
            for (Map.Entry<Source, Future<ConvertResult>> e : futures.entrySet()) {
                ConvertResult r;
                try {
                    r = e.getValue().get();
                } catch (ExecutionException ee) {
                    throw ee.getCause() instanceof Exception ex ? ex : new RuntimeException(ee.getCause());
                }
                String out = ctx.pipeline().baseDir().relativize(r.output().toAbsolutePath()).toString();
                ctx.console().line("  " + e.getKey().fileName() + " -> " + out + ": " + Console.count(r.features())
                        + " features, SRID " + r.srid());
                rows.put(e.getKey().table(), r.features());
            }
            return StepOutcome.rows(rows, sources.size() + " shapefiles");
        } finally {
            pool.shutdownNow();
        }
    }

    private static ConvertResult convert(StepContext ctx, Source.Shapefile s) {
        Path input = SourcePaths.original(ctx.pipeline(), s);
        if (!Files.isRegularFile(input)) {
            throw DataflowException.stepFailed("shapefile " + ctx.pipeline().baseDir().relativize(input.toAbsolutePath())
                    + " for " + s.table() + " does not exist", s.isRemote() ? "run minio:download first" : null, null);
        }
        return ShapefileConverter.convert(input, SourcePaths.converted(ctx.pipeline(), s), s.options());
    }
}
