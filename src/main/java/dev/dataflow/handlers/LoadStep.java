package dev.dataflow.handlers;

import dev.dataflow.DataflowException;
import dev.dataflow.config.Domain;
import dev.dataflow.config.Identifiers;
import dev.dataflow.config.Pipeline;
import dev.dataflow.config.Settings;
import dev.dataflow.config.Source;
import dev.dataflow.config.SourcePaths;
import dev.dataflow.config.Step;
import dev.dataflow.exec.Console;
import dev.dataflow.exec.StepContext;
import dev.dataflow.exec.StepHandler;
import dev.dataflow.exec.StepOutcome;
import dev.dataflow.plan.FingerprintInput;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * {@code pg:source:load}: streams each source CSV into its table with COPY FROM STDIN, columns matched by header name,
 * several files in parallel, each table in one transaction (truncate + copy), so a failed load leaves the table as it
 * was.
 *
 * <p>At most {@code loadParallelism} COPY connections are open at once. With {@code settings.splitLoadMiB} set, a file
 * of that size or more going into an empty table (the normal case: {@code pg:source:create} has just made it) is cut
 * into blocks of whole records that several COPY connections load side by side, as idle connections and processors
 * allow, since one COPY keeps only one server process busy. The first block goes to the first COPY, the second to the
 * second and so on, so a file of at least as many blocks as COPYs is always loaded by all of them (the rest go to
 * whichever COPY is free first); the step prints how many COPYs loaded each split table. Those COPYs commit
 * separately, which is why it is opt-in: if any of them fails, the table is emptied again and loaded once more by one
 * COPY in one transaction, which reports the offending line exactly as it would have and leaves the table empty; but a
 * run killed half-way leaves part of the file in the table until the next load empties it. Whenever a file big enough
 * to split is loaded by one COPY instead (table not empty, no idle connection, a COPY failed), a line says why.
 */
final class LoadStep implements StepHandler {
    private final Function<Settings, LoadTuning> tuning;

    LoadStep() {
        this(LoadTuning::of);
    }

    /** With the split size, COPYs per split file and block size {@code tuning} derives from the settings. */
    LoadStep(Function<Settings, LoadTuning> tuning) {
        this.tuning = tuning;
    }

    @Override
    public boolean worksOn(Step step, Domain domain) {
        return !domain.sources().isEmpty();
    }

    /** Each source's table and columns and the file it loads: its CSV, else the shapefile streamed into the COPY. */
    @Override
    public List<FingerprintInput> fingerprint(Pipeline pipeline, Domain domain) {
        return domain.sources().stream().<FingerprintInput>map(s -> new FingerprintInput.FileRead(
                "load " + s.table() + " " + s.columns(), List.of(SourcePaths.loadable(pipeline, s),
                SourcePaths.original(pipeline, s)).stream().distinct().toList())).toList();
    }

    @Override
    public StepOutcome run(StepContext ctx) throws Exception {
        Map<String, List<Source>> byTable = new LinkedHashMap<>();
        for (Domain d : ctx.domains()) {
            for (Source s : d.sources()) {
                byTable.computeIfAbsent(s.table(), k -> new ArrayList<>()).add(s);
            }
        }
        if (byTable.isEmpty()) {
            return StepOutcome.of("no sources");
        }
        // Check every file and header before any COPY starts, so a missing column costs nothing.
        Map<Source, List<String>> headers = new LinkedHashMap<>();
        for (List<Source> sources : byTable.values()) {
            for (Source s : sources) {
                headers.put(s, checkHeader(ctx, s));
            }
        }
        int budget = ctx.pipeline().settings().loadParallelism();
        int threads = Math.min(budget, byTable.size());
        Semaphore connections = new Semaphore(budget);
        LoadTuning tune = tuning.apply(ctx.pipeline().settings());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "load");
            t.setDaemon(true);
            return t;
        });
        LoadTally tally = new LoadTally(ctx.console().isTerminal());
        long totalBytes = 0;
        Map<String, Long> tableBytes = new LinkedHashMap<>();
        for (Map.Entry<String, List<Source>> e : byTable.entrySet()) {
            long size = 0;
            for (Source s : e.getValue()) {
                size += Files.size(StreamedShapefileLoad.applies(ctx, s) ? SourcePaths.original(ctx.pipeline(), s)
                        : SourcePaths.loadable(ctx.pipeline(), s));
            }
            tableBytes.put(e.getKey(), size);
            totalBytes += size;
        }
        long total = totalBytes;
        Map<String, Future<TableLoad>> futures = new LinkedHashMap<>();
        byTable.keySet().forEach(t -> futures.put(t, null));
        long start = System.nanoTime();
        try {
            // Biggest first, so the longest load starts at once and can take the idle connections.
            List<String> bySize = new ArrayList<>(byTable.keySet());
            bySize.sort((a, b) -> Long.compare(tableBytes.get(b), tableBytes.get(a)));
            for (String table : bySize) {
                List<Source> sources = byTable.get(table);
                // A streamed shapefile has no file to cut into blocks.
                boolean split = tableBytes.get(table) >= tune.splitBytes()
                        && sources.stream().noneMatch(x -> StreamedShapefileLoad.applies(ctx, x));
                futures.put(table, pool.submit(() -> loadTable(ctx, table, sources, headers, tally, connections,
                        split, tune)));
            }
            Map<String, TableLoad> loads = new LinkedHashMap<>();
            for (Map.Entry<String, Future<TableLoad>> f : futures.entrySet()) {
                while (true) {
                    boolean done = false;
                    try {
                        loads.put(f.getKey(), f.getValue().get(200, java.util.concurrent.TimeUnit.MILLISECONDS));
                        done = true;
                    } catch (java.util.concurrent.TimeoutException stillLoading) {
                        // the progress line below, then wait again
                    } catch (ExecutionException ee) {
                        throw ee.getCause() instanceof Exception ex ? ex : new RuntimeException(ee.getCause());
                    }
                    long took = System.nanoTime() - start;
                    // Also when a table is done, so that even a short load shows its rows once.
                    ctx.console().progress(() -> String.format(java.util.Locale.US, "loading %d tables: %s, %.1f of %.1f MiB",
                            byTable.size(), Console.rows(tally.records.get(), took),
                            tally.bytes.get() / 1048576.0, total / 1048576.0)
                            + dev.dataflow.exec.Completion.of(tally.bytes.get(), total, took));
                    if (done) {
                        break;
                    }
                }
            }
            Map<String, Long> rows = new LinkedHashMap<>();
            loads.forEach((t, load) -> {
                rows.put(t, load.rows());
                ctx.console().line("  " + t + " " + Console.count(load.rows()) + " rows"
                        + (load.copies() > 1 ? " (split load: " + load.copies() + " COPYs side by side)" : ""));
                if (load.fallback() != null) {
                    ctx.console().line("  " + t + ": loaded by one COPY, not split: " + load.fallback());
                }
            });
            ctx.console().line("  loaded in " + Console.seconds(System.nanoTime() - start));
            return StepOutcome.rows(rows, byTable.size() + " tables");
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> checkHeader(StepContext ctx, Source s) throws IOException {
        if (StreamedShapefileLoad.applies(ctx, s)) {
            Path shp = SourcePaths.original(ctx.pipeline(), s);
            if (!Files.isRegularFile(shp)) {
                throw DataflowException.stepFailed("shapefile " + ctx.pipeline().baseDir().relativize(shp.toAbsolutePath())
                        + " for " + s.table() + " does not exist", s.isRemote() ? "run minio:download first" : null, null);
            }
            // The converter's header is checked when the stream starts.
            return s.columns().stream().map(Identifiers::bare).toList();
        }
        Path file = SourcePaths.loadable(ctx.pipeline(), s);
        String label = ctx.pipeline().baseDir().relativize(file.toAbsolutePath()).toString();
        if (!Files.isRegularFile(file)) {
            String hint = s.needsConversion() ? "run shp:convert first (--group download)"
                    : s.isRemote() ? "run minio:download first (--group download)" : null;
            throw DataflowException.stepFailed("source file " + label + " for " + s.table() + " does not exist", hint, null);
        }
        List<String> header;
        try (InputStream in = CsvHeader.skipBom(new BufferedInputStream(Files.newInputStream(file)))) {
            header = CsvHeader.parse(label, CsvHeader.readLine(in));
        }
        return CsvHeader.match(label, header, s);
    }

    /** How one table was loaded: its rows, its COPYs (several only when split), and why a wanted split was not made. */
    record TableLoad(long rows, int copies, String fallback) {
    }

    /**
     * Loads one table on one connection, or, when {@code split} and the table is empty, on up to {@code tune.streams()}
     * connections as far as idle ones allow.
     */
    private static TableLoad loadTable(StepContext ctx, String table, List<Source> sources,
                                       Map<Source, List<String>> headers, LoadTally tally, Semaphore connections,
                                       boolean split, LoadTuning tune)
            throws SQLException, IOException, InterruptedException {
        connections.acquire();
        int extra = 0;
        try {
            if (!split) {
                return new TableLoad(loadTable(ctx, table, sources, headers, tally), 1, null);
            }
            while (1 + extra < tune.streams() && connections.tryAcquire()) {
                extra++;
            }
            String fallback;
            if (tune.streams() < 2) {
                fallback = "settings.loadParallelism is 1";
            } else if (extra == 0) {
                fallback = "no idle connection for a second COPY (all " + ctx.pipeline().settings().loadParallelism()
                        + " of settings.loadParallelism in use)";
            } else if (!isEmpty(ctx, table)) {
                fallback = "the table is not empty, so it is replaced in one transaction";
            } else {
                LoadTally sent = new LoadTally(false);
                SplitCopy.Split result = SplitCopy.load(ctx, table, sources, headers, tally, sent, 1 + extra,
                        tune.blockBytes());
                if (result.failure() == null) {
                    return new TableLoad(result.rows(), result.copies(), null);
                }
                // One of the COPYs failed: the table is empty again; one COPY finds and reports the bad row.
                tally.bytes.addAndGet(-sent.bytes.get());
                tally.records.addAndGet(-sent.records.get());
                // Said at once: the one COPY that follows may well fail on the same row and end the step.
                ctx.console().line("  " + table + ": a split COPY failed (" + firstLine(result.failure())
                        + "); the table was emptied and is loaded again by one COPY in one transaction, which names "
                        + "the offending row");
                return new TableLoad(loadTable(ctx, table, sources, headers, tally), 1, null);
            }
            return new TableLoad(loadTable(ctx, table, sources, headers, tally), 1, fallback);
        } finally {
            connections.release(1 + extra);
        }
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return m.lines().findFirst().orElse(m);
    }

    private static boolean isEmpty(StepContext ctx, String table) throws SQLException {
        try (Connection c = ctx.databases().flow(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT NOT EXISTS (SELECT FROM " + Identifiers.quote(table) + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static long loadTable(StepContext ctx, String table, List<Source> sources, Map<Source, List<String>> headers,
                                  LoadTally tally) throws SQLException, IOException {
        try (Connection c = ctx.databases().flow()) {
            c.setAutoCommit(false);
            long rows = 0;
            try (Statement st = c.createStatement()) {
                st.execute("TRUNCATE " + Identifiers.quote(table));
                for (Source s : sources) {
                    rows += copy(ctx, c, s, headers.get(s), tally);
                }
                c.commit();
                return rows;
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static long copy(StepContext ctx, Connection c, Source s, List<String> header, LoadTally tally)
            throws SQLException, IOException {
        if (StreamedShapefileLoad.applies(ctx, s)) {
            return StreamedShapefileLoad.copy(ctx, c, s, tally);
        }
        Path file = SourcePaths.loadable(ctx.pipeline(), s);
        String label = ctx.pipeline().baseDir().relativize(file.toAbsolutePath()).toString();
        String columns = String.join(", ", header.stream().map(Identifiers::quote).toList());
        String sql = "COPY " + Identifiers.quote(s.table()) + " (" + columns + ") FROM STDIN (FORMAT csv, HEADER true)";
        try (InputStream in = new LoadTally.Counting(CsvHeader.skipBom(Files.newInputStream(file)), tally)) {
            return c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, in, 1 << 16);
        } catch (PSQLException e) {
            throw CsvErrorDescriber.describe(c, s, file, label, e);
        }
    }
}
