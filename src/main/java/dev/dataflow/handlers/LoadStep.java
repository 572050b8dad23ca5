package dev.dataflow.handlers;

import dev.dataflow.DataflowException;
import dev.dataflow.config.Domain;
import dev.dataflow.config.Identifiers;
import dev.dataflow.config.Source;
import dev.dataflow.config.SourcePaths;
import dev.dataflow.exec.Console;
import dev.dataflow.exec.StepContext;
import dev.dataflow.shapefile.ShapefileConverter;
import dev.dataflow.exec.StepHandler;
import dev.dataflow.exec.StepOutcome;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    private static final Pattern COPY_LINE = Pattern.compile("COPY \\S+, line (\\d+)(?:, column (\\w+))?");
    /** Overrides settings.splitLoadMiB in bytes, so tests can split small files. */
    static final String SPLIT_BYTES_PROPERTY = "dataflow.load.splitBytes";
    /** COPY connections per split file; default: as many as processors but at least 2, within loadParallelism. */
    static final String STREAMS_PROPERTY = "dataflow.load.streams";
    private static final int BLOCK_BYTES = 1 << 20;
    private static final CsvBlocks.Block END = new CsvBlocks.Block(0);

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
        int splitMiB = ctx.pipeline().settings().splitLoadMiB();
        long splitBytes = Long.getLong(SPLIT_BYTES_PROPERTY, splitMiB == 0 ? Long.MAX_VALUE : (long) splitMiB << 20);
        // At least two even on one processor: splitting was asked for, and most of a COPY's work is the server's.
        int maxStreams = Math.min(budget, Integer.getInteger(STREAMS_PROPERTY,
                Math.max(2, Runtime.getRuntime().availableProcessors())));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "load");
            t.setDaemon(true);
            return t;
        });
        Tally tally = new Tally(ctx.console().isTerminal());
        long totalBytes = 0;
        Map<String, Long> tableBytes = new LinkedHashMap<>();
        for (Map.Entry<String, List<Source>> e : byTable.entrySet()) {
            long size = 0;
            for (Source s : e.getValue()) {
                size += Files.size(streamed(ctx, s) ? SourcePaths.original(ctx.pipeline(), s)
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
                boolean split = tableBytes.get(table) >= splitBytes && sources.stream().noneMatch(x -> streamed(ctx, x));
                futures.put(table, pool.submit(() -> loadTable(ctx, table, sources, headers, tally, connections,
                        split, maxStreams)));
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
                            tally.bytes.get() / 1048576.0, total / 1048576.0));
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

    /**
     * Whether a shapefile source goes straight from the converter into its COPY: when no converted CSV is on disk,
     * because shp:convert leaves it out for a source this run also loads (it is only converted to be loaded). The
     * CSV then never touches the disk, and converting overlaps the COPY.
     */
    static boolean streamed(StepContext ctx, Source s) {
        return s.needsConversion() && !Files.isRegularFile(SourcePaths.converted(ctx.pipeline(), s));
    }

    private static List<String> checkHeader(StepContext ctx, Source s) throws IOException {
        if (streamed(ctx, s)) {
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
        return checkHeader(label, header, s);
    }

    private static List<String> checkHeader(String label, List<String> header, Source s) {
        List<String> expected = s.columns().stream().map(Identifiers::bare).toList();
        Set<String> seen = new LinkedHashSet<>();
        for (String h : header) {
            if (!seen.add(h)) {
                throw DataflowException.stepFailed(label + ":1: column " + h + " appears twice in the header", null, null);
            }
        }
        List<String> missing = expected.stream().filter(c -> !seen.contains(c)).toList();
        List<String> extra = header.stream().filter(c -> !expected.contains(c)).toList();
        if (!missing.isEmpty() || !extra.isEmpty()) {
            StringBuilder m = new StringBuilder(label + ":1: the header does not match the columns of " + s.table()
                    + " in pipeline.yaml");
            if (!missing.isEmpty()) {
                m.append("; missing: ").append(String.join(", ", missing));
            }
            if (!extra.isEmpty()) {
                m.append("; not configured: ").append(String.join(", ", extra));
            }
            throw DataflowException.stepFailed(m.toString(), "header: " + String.join(",", header), null);
        }
        return header;
    }

    /**
     * How one table was loaded: its rows, the COPYs that loaded it (more than one only for a split load), and, when a
     * split load was wanted but one COPY did it, why.
     */
    record TableLoad(long rows, int copies, String fallback) {
    }

    /**
     * Loads one table on one connection, or, when {@code split} and the table is empty, on up to {@code maxStreams}
     * connections as far as idle ones allow.
     */
    private static TableLoad loadTable(StepContext ctx, String table, List<Source> sources,
                                       Map<Source, List<String>> headers, Tally tally, Semaphore connections,
                                       boolean split, int maxStreams)
            throws SQLException, IOException, InterruptedException {
        connections.acquire();
        int extra = 0;
        try {
            if (!split) {
                return new TableLoad(loadTable(ctx, table, sources, headers, tally), 1, null);
            }
            while (1 + extra < maxStreams && connections.tryAcquire()) {
                extra++;
            }
            String fallback;
            if (maxStreams < 2) {
                fallback = "settings.loadParallelism is 1";
            } else if (extra == 0) {
                fallback = "no idle connection for a second COPY (all " + ctx.pipeline().settings().loadParallelism()
                        + " of settings.loadParallelism in use)";
            } else if (!isEmpty(ctx, table)) {
                fallback = "the table is not empty, so it is replaced in one transaction";
            } else {
                Tally sent = new Tally(false);
                Split result = loadSplit(ctx, table, sources, headers, tally, sent, 1 + extra);
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
        String m = String.valueOf(e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** A split load's rows and the COPYs that got records, or the first failure (then the table is empty again). */
    private record Split(long rows, int copies, Exception failure) {
    }

    private static boolean isEmpty(StepContext ctx, String table) throws SQLException {
        try (Connection c = ctx.databases().flow(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT NOT EXISTS (SELECT FROM " + Identifiers.quote(table) + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /**
     * Loads an empty table with {@code streams} COPYs side by side, each committing on its own. When a COPY failed,
     * empties the table again and returns the failure.
     */
    private static Split loadSplit(StepContext ctx, String table, List<Source> sources, Map<Source, List<String>> headers,
                                   Tally tally, Tally sent, int streams)
            throws SQLException, IOException, InterruptedException {
        long rows = 0;
        int copies = 0;
        for (Source s : sources) {
            Split n = copySplit(ctx, s, headers.get(s), tally, sent, streams);
            if (n.failure() != null) {
                try (Connection c = ctx.databases().flow(); Statement st = c.createStatement()) {
                    st.execute("TRUNCATE " + Identifiers.quote(table));
                }
                return n;
            }
            rows += n.rows();
            copies = Math.max(copies, n.copies());
        }
        return new Split(rows, copies, null);
    }

    /**
     * One file through {@code streams} COPY connections: this thread cuts it into blocks of whole records. Block i of
     * the first {@code streams} goes to writer i, so every COPY gets records when there are enough blocks; after that
     * each writer takes the next block from a shared queue, so a slower server process gets fewer. Returns the rows
     * and the COPYs that got records, or the failure when a COPY failed (the others are cancelled; what committed
     * stays).
     */
    private static Split copySplit(StepContext ctx, Source s, List<String> header, Tally tally, Tally sent,
                                  int streams) throws SQLException, IOException, InterruptedException {
        Path file = SourcePaths.loadable(ctx.pipeline(), s);
        String columns = String.join(", ", header.stream().map(Identifiers::quote).toList());
        String sql = "COPY " + Identifiers.quote(s.table()) + " (" + columns + ") FROM STDIN (FORMAT csv)";
        BlockingQueue<CsvBlocks.Block> queue = new ArrayBlockingQueue<>(2 * streams);
        List<BlockingQueue<CsvBlocks.Block>> first = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            first.add(new ArrayBlockingQueue<>(1));
        }
        int sentBlocks = 0;
        // Blocks go round: reader -> queue -> writer -> free -> reader, so the file does not become garbage.
        int blocksInUse = 3 * streams + 1;
        BlockingQueue<CsvBlocks.Block> free = new ArrayBlockingQueue<>(blocksInUse);
        for (int i = 0; i < blocksInUse; i++) {
            free.add(new CsvBlocks.Block(BLOCK_BYTES + (1 << 16)));
        }
        AtomicReference<Exception> failure = new AtomicReference<>();
        long[] rows = new long[streams];
        List<Connection> open = new ArrayList<>();
        List<Thread> writers = new ArrayList<>();
        try {
            for (int i = 0; i < streams; i++) {
                open.add(ctx.databases().flow());
            }
            for (int i = 0; i < streams; i++) {
                int index = i;
                Connection c = open.get(i);
                BlockingQueue<CsvBlocks.Block> own = first.get(i);
                Thread t = new Thread(() -> write(c, sql, own, queue, free, failure, rows, index),
                        "load-" + s.table() + "-" + i);
                t.setDaemon(true);
                writers.add(t);
                t.start();
            }
            try (InputStream in = CsvHeader.skipBom(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
                CsvHeader.readLine(in);
                CsvBlocks blocks = new CsvBlocks(in, BLOCK_BYTES);
                while (failure.get() == null) {
                    CsvBlocks.Block block = free.poll(100, TimeUnit.MILLISECONDS);
                    if (block == null) {
                        continue;
                    }
                    if (!blocks.next(block)) {
                        break;
                    }
                    int length = block.length;
                    int records = block.records;
                    put(sentBlocks < streams ? first.get(sentBlocks) : queue, block, failure);
                    sentBlocks++;
                    tally.bytes.addAndGet(length);
                    tally.records.addAndGet(records);
                    sent.bytes.addAndGet(length);
                    sent.records.addAndGet(records);
                }
            } catch (CsvBlocks.TooLongRecord e) {
                failure.compareAndSet(null, e);
            }
            // Each writer ends once: through its own queue if it never got a block, else through the shared one.
            for (int i = 0; i < streams; i++) {
                put(i < sentBlocks ? queue : first.get(i), END, failure);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            failure.compareAndSet(null, e);
            throw e;
        } finally {
            for (Thread t : writers) {
                t.join();
            }
            for (Connection c : open) {
                c.close();
            }
        }
        if (failure.get() != null) {
            return new Split(0, 0, failure.get());
        }
        long total = 0;
        for (long n : rows) {
            total += n;
        }
        return new Split(total, Math.min(sentBlocks, streams), null);
    }

    /** Waits for room in the queue unless a writer has failed (then nobody may be taking). */
    private static void put(BlockingQueue<CsvBlocks.Block> queue, CsvBlocks.Block block, AtomicReference<Exception> failure)
            throws InterruptedException {
        while (failure.get() == null && !queue.offer(block, 100, TimeUnit.MILLISECONDS)) {
            // wait
        }
    }

    private static void write(Connection c, String sql, BlockingQueue<CsvBlocks.Block> own,
                              BlockingQueue<CsvBlocks.Block> queue, BlockingQueue<CsvBlocks.Block> free,
                              AtomicReference<Exception> failure, long[] rows, int index) {
        CopyIn in = null;
        try {
            in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
            boolean ownTaken = false;
            while (failure.get() == null) {
                CsvBlocks.Block block = (ownTaken ? queue : own).poll(100, TimeUnit.MILLISECONDS);
                ownTaken |= block != null;
                if (block == END) {
                    rows[index] = in.endCopy();
                    return;
                }
                if (block != null) {
                    in.writeToCopy(block.data, 0, block.length);
                    free.add(block);
                }
            }
        } catch (SQLException | InterruptedException | RuntimeException e) {
            failure.compareAndSet(null, e);
        } finally {
            if (in != null && in.isActive()) {
                try {
                    in.cancelCopy();
                } catch (SQLException ignored) {
                    // the connection goes back to the pool, which resets or drops it
                }
            }
        }
    }

    private static long loadTable(StepContext ctx, String table, List<Source> sources, Map<Source, List<String>> headers,
                                  Tally tally) throws SQLException, IOException {
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

    private static long copy(StepContext ctx, Connection c, Source s, List<String> header, Tally tally)
            throws SQLException, IOException {
        if (streamed(ctx, s)) {
            return copyStreamed(ctx, c, s, tally);
        }
        Path file = SourcePaths.loadable(ctx.pipeline(), s);
        String label = ctx.pipeline().baseDir().relativize(file.toAbsolutePath()).toString();
        String columns = String.join(", ", header.stream().map(Identifiers::quote).toList());
        String sql = "COPY " + Identifiers.quote(s.table()) + " (" + columns + ") FROM STDIN (FORMAT csv, HEADER true)";
        try (InputStream in = new Counting(CsvHeader.skipBom(Files.newInputStream(file)), tally)) {
            return c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, in, 1 << 16);
        } catch (PSQLException e) {
            throw describe(c, s, file, label, e);
        }
    }

    /**
     * Converts the shapefile on a thread of its own straight into the COPY, through a pipe in memory: the converter
     * reads and encodes while the server parses and inserts. A conversion failure fails the load (the transaction
     * rolls back), even when the COPY took what came before it.
     */
    private static long copyStreamed(StepContext ctx, Connection c, Source s, Tally tally)
            throws SQLException, IOException {
        Path shp = SourcePaths.original(ctx.pipeline(), s);
        String label = ctx.pipeline().baseDir().relativize(shp.toAbsolutePath()).toString();
        PipedInputStream pipe = new PipedInputStream(STREAM_BUFFER);
        PipedOutputStream toPipe = new PipedOutputStream(pipe);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread converter = new Thread(() -> {
            try {
                ShapefileConverter.convert(shp, toPipe, ConvertStep.options(s.convert()));
            } catch (RuntimeException e) {
                failure.set(e);
            } finally {
                try {
                    toPipe.close();
                } catch (IOException ignored) {
                    // the reading side is gone; the load fails on its own error
                }
            }
        }, "convert-into-copy");
        converter.setDaemon(true);
        converter.start();
        try (InputStream in = new Counting(pipe, tally)) {
            try {
                String first = CsvHeader.readLine(in);
                if (failure.get() != null) {
                    throw failure.get();
                }
                List<String> header = checkHeader(label, CsvHeader.parse(label, first), s);
                String columns = String.join(", ", header.stream().map(Identifiers::quote).toList());
                String sql = "COPY " + Identifiers.quote(s.table()) + " (" + columns + ") FROM STDIN (FORMAT csv)";
                long rows = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, in, 1 << 16);
                join(converter);
                if (failure.get() != null) {
                    throw failure.get();
                }
                return rows;
            } catch (PSQLException e) {
                // A converter that failed first closed the pipe, so the COPY saw a cut row: its failure is the cause.
                // One that fails after this point only sees the pipe closed below.
                RuntimeException first = failure.get();
                pipe.close();
                join(converter);
                if (first != null) {
                    throw first;
                }
                throw describe(c, s, null, label + " (converted on the fly, no CSV on disk)", e);
            }
        } finally {
            pipe.close();
            join(converter);
        }
    }

    private static final int STREAM_BUFFER = 1 << 20;

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Names the file, its line, the column and the constraint of a rejected row. */
    private static DataflowException describe(Connection c, Source s, Path file, String label, PSQLException e) {
        ServerErrorMessage m = e.getServerErrorMessage();
        if (m == null) {
            return DataflowException.stepFailed(label + ": loading " + s.table() + " failed: " + e.getMessage(), null, e);
        }
        String line = "";
        String column = m.getColumn();
        if (m.getWhere() != null) {
            Matcher mm = COPY_LINE.matcher(m.getWhere());
            if (mm.find()) {
                line = ":" + (file == null ? "CSV record " + mm.group(1) : fileLine(file, Long.parseLong(mm.group(1))));
                if (column == null) {
                    column = mm.group(2);
                }
            }
        }
        String constraint = m.getConstraint();
        if (column == null && constraint != null) {
            column = constraintColumns(c, s.table(), constraint);
        }
        StringBuilder sb = new StringBuilder(label + line + ": " + s.table() + ": " + m.getMessage());
        if (column != null) {
            sb.append(" (column ").append(column).append(')');
        }
        if (constraint != null && !m.getMessage().contains(constraint)) {
            sb.append(" (constraint ").append(constraint).append(')');
        }
        if (m.getDetail() != null) {
            sb.append("; ").append(m.getDetail());
        }
        sb.append(" [SQLSTATE ").append(m.getSQLState()).append("]; nothing of ").append(s.table()).append(" was loaded");
        return DataflowException.stepFailed(sb.toString(), m.getHint(), e);
    }

    /**
     * PostgreSQL's "line" in a COPY error counts records, plus line breaks inside quotes only when they match the
     * file's line end ({@link CsvBlocks#recordOfCopyLine}); this is the line the record starts on, so an editor's
     * file:line lands on the row, with the record number when the two differ. If the file cannot be read again,
     * PostgreSQL's number is shown as it is.
     */
    private static String fileLine(Path file, long record) {
        try (InputStream in = Files.newInputStream(file)) {
            CsvBlocks.Where where = CsvBlocks.recordOfCopyLine(in, record);
            return where.line() == where.record() ? String.valueOf(where.line())
                    : where.line() + " (CSV record " + where.record() + ")";
        } catch (IOException e) {
            return String.valueOf(record);
        }
    }

    private static String constraintColumns(Connection c, String table, String constraint) {
        try {
            // The COPY failed, so the transaction is aborted; ask on a fresh statement after rolling back.
            c.rollback();
            try (PreparedStatement ps = c.prepareStatement("SELECT string_agg(a.attname, ', ' ORDER BY a.attnum) "
                    + "FROM pg_constraint k JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey) "
                    + "WHERE k.conname = ? AND k.conrelid = ?::regclass")) {
                ps.setString(1, constraint);
                ps.setString(2, table);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        } catch (SQLException ignored) {
            return null;
        }
    }

    /** Bytes and records sent to the server so far, for the progress line. */
    static final class Tally {
        final AtomicLong bytes = new AtomicLong();
        final AtomicLong records = new AtomicLong();
        /** Counting the records of a file read in one piece costs a pass over its bytes: only done when shown. */
        final boolean countRecords;

        Tally(boolean countRecords) {
            this.countRecords = countRecords;
        }
    }

    /** Counts bytes read and, when asked, records (line feeds outside double quotes, as {@link CsvBlocks} cuts). */
    static final class Counting extends FilterInputStream {
        private final Tally tally;
        private boolean quoted;
        /** The header's line feed is not a record's. */
        private boolean headerSeen;

        Counting(InputStream in, Tally tally) {
            super(in);
            this.tally = tally;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                tally.bytes.addAndGet(n);
                if (tally.countRecords) {
                    countRecords(b, off, n);
                }
            }
            return n;
        }

        private void countRecords(byte[] b, int off, int n) {
            boolean q = quoted;
            long records = 0;
            for (int i = off; i < off + n; i++) {
                if (b[i] == '"') {
                    q = !q;
                } else if (b[i] == '\n' && !q) {
                    records++;
                }
            }
            quoted = q;
            if (!headerSeen && records > 0) {
                headerSeen = true;
                records--;
            }
            tally.records.addAndGet(records);
        }
    }
}
