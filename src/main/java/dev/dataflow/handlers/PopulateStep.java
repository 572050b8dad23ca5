package dev.dataflow.handlers;

import dev.dataflow.DataflowException;
import dev.dataflow.config.Identifiers;
import dev.dataflow.db.Catalog;
import dev.dataflow.schema.ModelReplicator;
import dev.dataflow.exec.Console;
import dev.dataflow.exec.StepContext;
import dev.dataflow.exec.StepHandler;
import dev.dataflow.exec.StepOutcome;
import org.postgresql.PGConnection;

import dev.dataflow.db.CopyPipe;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code pg:target:populate}: in one target transaction under an advisory lock, truncates the published tables and
 * streams each model table into its target table with binary COPY, then checks row counts. Any failure rolls back.
 */
final class PopulateStep implements StepHandler {
    /** The advisory lock every populate of any data-flow run takes on the target. */
    static final String LOCK_KEY = "data-flow:target:populate";
    private final DriftCheck driftCheck;

    /** Compares the target's table definitions with those the model tables were built from. */
    interface DriftCheck {
        void verify(Connection target, Connection flow, String schema, List<String> tables) throws SQLException;
    }

    PopulateStep(DriftCheck driftCheck) {
        this.driftCheck = driftCheck;
    }

    @Override
    public StepOutcome run(StepContext ctx) throws Exception {
        List<String> tables = new ArrayList<>();
        ctx.domains().forEach(d -> tables.addAll(d.tables()));
        if (tables.isEmpty()) {
            return StepOutcome.of("no tables to publish");
        }
        String targetSchema = ctx.pipeline().target().schema();
        String flowSchema = ctx.pipeline().flow().schema();
        Map<String, Long> rows = new LinkedHashMap<>();
        List<Map<String, Object>> checks;
        try (Connection target = ctx.databases().target(); Connection flow = ctx.databases().flow()) {
            flow.setAutoCommit(false);
            flow.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            flow.setReadOnly(true);
            target.setAutoCommit(false);
            try {
                checks = QualityGates.run(ctx, flow, target);
                lock(ctx, target);
                List<String> outside = ModelReplicator.referencingTablesOutside(target, targetSchema, tables);
                if (!outside.isEmpty()) {
                    throw DataflowException.stepFailed("refusing to publish: truncating " + String.join(", ", tables)
                            + " would also empty " + String.join(", ", outside) + " (they reference published tables "
                            + "through foreign keys), and this run does not reload them",
                            "publish the domains owning " + String.join(", ", outside) + " too, or select a parent domain",
                            null);
                }
                for (String t : tables) {
                    if (Catalog.columns(target, targetSchema, Identifiers.bare(t)).isEmpty()) {
                        throw DataflowException.stepFailed("target table " + t + " does not exist in the "
                                + ctx.pipeline().target().describe(), null, null);
                    }
                }
                if (driftCheck != null) {
                    driftCheck.verify(target, flow, targetSchema, tables);
                }
                List<String> ordered = ModelReplicator.foreignKeyOrder(target, targetSchema, tables);
                try (Statement s = target.createStatement()) {
                    s.execute("TRUNCATE " + ordered.stream().map(t -> qualified(targetSchema, t))
                            .collect(Collectors.joining(", ")));
                }
                for (String t : ordered) {
                    long start = System.nanoTime();
                    long n = copyTable(ctx, flow, target, flowSchema, targetSchema, t);
                    rows.put(t, n);
                    ctx.console().line("  " + t + " " + Console.count(n) + " rows " + Console.seconds(System.nanoTime() - start));
                }
                for (String t : ordered) {
                    // The copy counts already match; this also catches rows a target trigger dropped or added.
                    long inTarget = count(target, qualified(targetSchema, t));
                    if (inTarget != rows.get(t)) {
                        throw DataflowException.stepFailed("row count check failed for " + t + ": model has "
                                + rows.get(t) + " rows, target would have " + inTarget, null, null);
                    }
                }
                target.commit();
            } catch (Exception e) {
                rollbackQuietly(target);
                throw e;
            } finally {
                rollbackQuietly(flow);
            }
        }
        String checked = QualityGates.summary(checks);
        return StepOutcome.rows(rows, rows.size() + " tables published in one transaction"
                + (checked.isEmpty() ? "" : "; " + checked)).withDetails(Map.of("checks", checks));
    }

    private static void lock(StepContext ctx, Connection target) throws SQLException {
        try (Statement s = target.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT pg_try_advisory_xact_lock(hashtext('" + LOCK_KEY + "'))")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return;
                }
            }
            ctx.console().line("  another populate is running on the target; waiting for it to finish (up to 10 min)");
            s.execute("SET LOCAL lock_timeout = '10min'");
            try {
                s.execute("SELECT pg_advisory_xact_lock(hashtext('" + LOCK_KEY + "'))");
            } catch (SQLException e) {
                if ("55P03".equals(e.getSQLState())) {
                    throw DataflowException.stepFailed("another populate held the target's lock for over 10 minutes",
                            "look for another data-flow run against this API database", e);
                }
                throw e;
            }
            s.execute("SET LOCAL lock_timeout = 0");
        }
    }

    private static long copyTable(StepContext ctx, Connection flow, Connection target, String flowSchema,
                                  String targetSchema, String table) throws SQLException {
        String bare = Identifiers.bare(table);
        List<String> targetCols = Catalog.columns(target, targetSchema, bare);
        List<String> flowCols = Catalog.columns(flow, flowSchema, bare);
        if (flowCols.isEmpty()) {
            throw DataflowException.stepFailed("model table " + table + " does not exist in the flow database",
                    "run pg:model:create and pg:model:transform first", null);
        }
        List<String> missing = targetCols.stream().filter(c -> !flowCols.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw DataflowException.stepFailed("model table " + table + " lacks target columns " + String.join(", ", missing),
                    "rerun pg:model:create", null);
        }
        String cols = targetCols.stream().map(PopulateStep::quoteAlways).collect(Collectors.joining(", "));
        String out = "COPY (SELECT " + cols + " FROM " + qualified(flowSchema, table) + ") TO STDOUT (FORMAT binary)";
        String in = "COPY " + qualified(targetSchema, table) + " (" + cols + ") FROM STDIN (FORMAT binary)";
        long start = System.nanoTime();
        try {
            CopyPipe.Counts n = CopyPipe.run(flow.unwrap(PGConnection.class), out, target.unwrap(PGConnection.class), in,
                    bytes -> ctx.console().progress(String.format(java.util.Locale.US, "  %s: %.1f MiB (%.1f MiB/s)",
                            table, bytes / 1048576.0, bytes / 1048576.0 / Math.max((System.nanoTime() - start) / 1e9, 0.001))));
            if (n.in() != n.out()) {
                throw DataflowException.stepFailed("row count check failed for " + table + ": model has " + n.out()
                        + " rows, the target accepted " + n.in(), null, null);
            }
            return n.in();
        } catch (SQLException e) {
            throw DataflowException.stepFailed("copying " + table + " into the target failed: " + e.getMessage(),
                    "model and target column types must match exactly for binary COPY; rerun pg:model:create", e);
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String qualified(String schema, String table) {
        return Identifiers.quote(schema) + "." + Identifiers.quote(table);
    }

    private static String quoteAlways(String column) {
        return "\"" + column.replace("\"", "\"\"") + "\"";
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the connection is closed next; the server rolls back on its own
        }
    }
}
