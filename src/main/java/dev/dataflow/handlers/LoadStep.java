package dev.dataflow.handlers;

import dev.dataflow.DataflowException;
import dev.dataflow.config.Domain;
import dev.dataflow.config.Identifiers;
import dev.dataflow.config.Source;
import dev.dataflow.config.SourcePaths;
import dev.dataflow.exec.Console;
import dev.dataflow.exec.StepContext;
import dev.dataflow.exec.StepHandler;
import dev.dataflow.exec.StepOutcome;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pg:source:load}: streams each source CSV into its table with COPY FROM STDIN, columns matched by header name,
 * several files in parallel, each table in one transaction (truncate + copy), so a bad row leaves the table empty.
 */
final class LoadStep implements StepHandler {
    private static final Pattern COPY_LINE = Pattern.compile("COPY \\S+, line (\\d+)(?:, column (\\w+))?");

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
        int threads = Math.min(ctx.pipeline().settings().loadParallelism(), byTable.size());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "load");
            t.setDaemon(true);
            return t;
        });
        AtomicLong bytes = new AtomicLong();
        long totalBytes = 0;
        for (Source s : headers.keySet()) {
            totalBytes += Files.size(SourcePaths.loadable(ctx.pipeline(), s));
        }
        Map<String, Future<Long>> futures = new LinkedHashMap<>();
        long start = System.nanoTime();
        try {
            for (Map.Entry<String, List<Source>> e : byTable.entrySet()) {
                futures.put(e.getKey(), pool.submit(() -> loadTable(ctx, e.getKey(), e.getValue(), headers, bytes)));
            }
            Map<String, Long> rows = new LinkedHashMap<>();
            for (Map.Entry<String, Future<Long>> f : futures.entrySet()) {
                while (true) {
                    try {
                        rows.put(f.getKey(), f.getValue().get(200, java.util.concurrent.TimeUnit.MILLISECONDS));
                        break;
                    } catch (java.util.concurrent.TimeoutException te) {
                        double secs = (System.nanoTime() - start) / 1e9;
                        ctx.console().progress(String.format(java.util.Locale.US, "loading %d tables: %.1f of %.1f MiB (%.1f MiB/s)",
                                byTable.size(), bytes.get() / 1048576.0, totalBytes / 1048576.0,
                                bytes.get() / 1048576.0 / Math.max(secs, 0.001)));
                    } catch (ExecutionException ee) {
                        throw ee.getCause() instanceof Exception ex ? ex : new RuntimeException(ee.getCause());
                    }
                }
            }
            rows.forEach((t, n) -> ctx.console().line("  " + t + " " + Console.count(n) + " rows"));
            ctx.console().line("  loaded in " + Console.seconds(System.nanoTime() - start));
            return StepOutcome.rows(rows, byTable.size() + " tables");
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> checkHeader(StepContext ctx, Source s) throws IOException {
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

    private static long loadTable(StepContext ctx, String table, List<Source> sources, Map<Source, List<String>> headers,
                                  AtomicLong bytes) throws SQLException, IOException {
        try (Connection c = ctx.databases().flow()) {
            c.setAutoCommit(false);
            long rows = 0;
            try (Statement st = c.createStatement()) {
                st.execute("TRUNCATE " + Identifiers.quote(table));
                for (Source s : sources) {
                    rows += copy(ctx, c, s, headers.get(s), bytes);
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

    private static long copy(StepContext ctx, Connection c, Source s, List<String> header, AtomicLong bytes)
            throws SQLException, IOException {
        Path file = SourcePaths.loadable(ctx.pipeline(), s);
        String label = ctx.pipeline().baseDir().relativize(file.toAbsolutePath()).toString();
        String columns = String.join(", ", header.stream().map(Identifiers::quote).toList());
        String sql = "COPY " + Identifiers.quote(s.table()) + " (" + columns + ") FROM STDIN (FORMAT csv, HEADER true)";
        try (InputStream in = new Counting(CsvHeader.skipBom(Files.newInputStream(file)), bytes)) {
            return c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, in, 1 << 16);
        } catch (PSQLException e) {
            throw describe(c, s, label, e);
        }
    }

    /** Names the file, its line, the column and the constraint of a rejected row. */
    private static DataflowException describe(Connection c, Source s, String label, PSQLException e) {
        ServerErrorMessage m = e.getServerErrorMessage();
        if (m == null) {
            return DataflowException.stepFailed(label + ": loading " + s.table() + " failed: " + e.getMessage(), null, e);
        }
        String line = "";
        String column = m.getColumn();
        if (m.getWhere() != null) {
            Matcher mm = COPY_LINE.matcher(m.getWhere());
            if (mm.find()) {
                line = ":" + mm.group(1);
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

    /** Counts bytes read, for progress. */
    private static final class Counting extends FilterInputStream {
        private final AtomicLong counter;

        Counting(InputStream in, AtomicLong counter) {
            super(in);
            this.counter = counter;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                counter.addAndGet(n);
            }
            return n;
        }
    }
}
