package dev.dataflow.handlers;

import dev.dataflow.DataflowException;
import dev.dataflow.config.Identifiers;
import dev.dataflow.config.Settings;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.stream.Collectors;

/**
 * {@code pg:target:populate}: in one target transaction under an advisory lock, truncates the published tables and
 * streams each model table into its target table with binary COPY (big tables' indexes and foreign keys set aside and
 * rebuilt after), then checks row counts. Any failure rolls back.
 */
final class PopulateStep implements StepHandler {
    /** The advisory lock every populate of any data-flow run takes on the target. */
    static final String LOCK_KEY = "data-flow:target:populate";
    private final DriftCheck driftCheck;

    /**
     * Compares the target's table definitions with those the model tables were built from, reading the target's
     * catalog only once {@code locked} says the populate holds its locks.
     */
    interface DriftCheck {
        void verify(Connection target, Connection flow, String schema, List<String> tables,
                    ModelReplicator.LockWait locked) throws SQLException;
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
        Phases phases = new Phases(ctx);
        // The drift check, the long pole before the copy, starts at once: it reads the recorded fingerprints and
        // readies its connections while this thread takes the locks, and reads the target's catalog once they are held.
        Gate locked = new Gate();
        FutureTask<Void> drift = startDriftCheck(ctx, targetSchema, tables, locked);
        try (Connection target = ctx.databases().target(); Connection flow = ctx.databases().flow()) {
            flow.setAutoCommit(false);
            flow.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            flow.setReadOnly(true);
            target.setAutoCommit(false);
            phases.mark("connect");
            try {
                lock(ctx, target);
                List<String> bare = tables.stream().map(Identifiers::bare).toList();
                // ACCESS SHARE: API reads and writes go on, but no ALTER (or another TRUNCATE) can commit on these
                // tables until this transaction ends, so the definitions the drift check reads are the ones the
                // COPYs will meet.
                SQLException missing = null;
                try (Statement s = target.createStatement()) {
                    s.execute("LOCK TABLE " + tables.stream().map(t -> qualified(targetSchema, t))
                            .collect(Collectors.joining(", ")) + " IN ACCESS SHARE MODE");
                } catch (SQLException e) {
                    if (!"42P01".equals(e.getSQLState())) {
                        throw e;
                    }
                    missing = e;
                    target.rollback(); // only to ask which table is missing; the step fails either way
                }
                if (missing == null) {
                    // It runs beside the quality and catalog checks on connections of its own, and must end before
                    // the TRUNCATE, whose exclusive locks would block pg_get_indexdef.
                    locked.open(true);
                }
                Map<String, List<String>> targetColumns = Catalog.columns(target, targetSchema, bare);
                for (String t : tables) {
                    if (targetColumns.get(Identifiers.bare(t)).isEmpty()) {
                        throw DataflowException.stepFailed("target table " + t + " does not exist in the "
                                + ctx.pipeline().target().describe(), null, null);
                    }
                }
                if (missing != null) {
                    throw missing;
                }
                phases.mark("lock");
                checks = QualityGates.run(ctx, flow, target);
                phases.mark("checks");
                ModelReplicator.Publication publication = ModelReplicator.publication(target, targetSchema, tables);
                List<String> outside = publication.referencingOutside();
                if (!outside.isEmpty()) {
                    throw DataflowException.stepFailed("refusing to publish: truncating " + String.join(", ", tables)
                            + " would also empty " + String.join(", ", outside) + " (they reference published tables "
                            + "through foreign keys), and this run does not reload them",
                            "publish the domains owning " + String.join(", ", outside) + " too, or select a parent domain",
                            null);
                }
                Map<String, List<String>> flowColumns = Catalog.columns(flow, flowSchema, bare);
                Map<String, String> copyColumns = new LinkedHashMap<>();
                for (String t : tables) {
                    copyColumns.put(t, copyColumns(t, targetColumns.get(Identifiers.bare(t)),
                            flowColumns.get(Identifiers.bare(t))));
                }
                int rebuildMiB = ctx.pipeline().settings().rebuildIndexesMiB();
                IndexRebuilder rebuilder = rebuildMiB == Settings.NEVER ? IndexRebuilder.NONE
                        : IndexRebuilder.plan(flow, flowSchema, target, targetSchema, bare,
                        (long) rebuildMiB << 20);
                rebuilder.kept().forEach((t, why) -> ctx.console().line("  " + t + " keeps its indexes during the copy: "
                        + why));
                phases.mark("catalog checks");
                awaitDrift(drift);
                phases.mark("drift check");
                List<String> ordered = publication.order();
                try (Statement s = target.createStatement()) {
                    // Empty tables outside the set that reference it are named too: TRUNCATE refuses to leave them
                    // dangling, and they lose nothing (ModelReplicator.publication share-locked and checked them).
                    s.execute("TRUNCATE " + java.util.stream.Stream.concat(ordered.stream()
                            .map(t -> qualified(targetSchema, t)), publication.emptyOutside().stream())
                            .collect(Collectors.joining(", ")));
                }
                rebuilder.drop(target);
                phases.mark("truncate");
                for (String t : ordered) {
                    long start = System.nanoTime();
                    long n = copyTable(ctx, flow, target, flowSchema, targetSchema, t, copyColumns.get(t));
                    rows.put(t, n);
                    ctx.console().line("  " + t + " " + Console.count(n) + " rows " + Console.seconds(System.nanoTime() - start));
                }
                phases.mark("copy");
                rebuilder.rebuild(target, ctx.console());
                phases.mark("rebuild");
                for (String t : tablesWithTriggersOrRules(target, targetSchema, ordered)) {
                    // The COPY counts already match the model; after the TRUNCATE they are the table's rows unless a
                    // trigger or rule added or dropped some, so only such tables are counted again.
                    long inTarget = count(target, qualified(targetSchema, t));
                    if (inTarget != rows.get(t)) {
                        throw DataflowException.stepFailed("row count check failed for " + t + ": model has "
                                + rows.get(t) + " rows, target would have " + inTarget, null, null);
                    }
                }
                phases.mark("count");
                target.commit();
                phases.mark("commit");
                phases.report();
            } catch (Exception e) {
                rollbackQuietly(target);
                throw e;
            } finally {
                rollbackQuietly(flow);
            }
        } catch (Exception e) {
            // A failure found while the drift check ran is reported once it is done, never leaving it running.
            locked.open(false);
            awaitDriftQuietly(drift);
            throw e;
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

    /** The quoted target columns, all of which the model table must have; its extra columns stay behind. */
    private static String copyColumns(String table, List<String> targetCols, List<String> flowCols) {
        if (flowCols.isEmpty()) {
            throw DataflowException.stepFailed("model table " + table + " does not exist in the flow database",
                    "run pg:model:create and pg:model:transform first", null);
        }
        List<String> missing = targetCols.stream().filter(c -> !flowCols.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw DataflowException.stepFailed("model table " + table + " lacks target columns " + String.join(", ", missing),
                    "rerun pg:model:create", null);
        }
        return targetCols.stream().map(Identifiers::quoteExact).collect(Collectors.joining(", "));
    }

    private static long copyTable(StepContext ctx, Connection flow, Connection target, String flowSchema,
                                  String targetSchema, String table, String cols) throws SQLException {
        // The table form reads the heap directly; COPY (SELECT ...) would run it through the executor, which costs the
        // flow server ~10% more CPU. Model tables are always plain tables (pg:model:create makes them).
        String out = "COPY " + qualified(flowSchema, table) + " (" + cols + ") TO STDOUT (FORMAT binary)";
        String in = "COPY " + qualified(targetSchema, table) + " (" + cols + ") FROM STDIN (FORMAT binary)";
        long start = System.nanoTime();
        try {
            CopyPipe.Counts n = CopyPipe.run(flow.unwrap(PGConnection.class), out, target.unwrap(PGConnection.class), in,
                    (rows, bytes) -> ctx.console().progress(() -> String.format(java.util.Locale.US, "  %s: %s, %.1f MiB",
                            table, Console.rows(rows, System.nanoTime() - start), bytes / 1048576.0)));
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

    /** Tells the drift check, once, whether the locks are held or the populate gave up before holding them. */
    private static final class Gate implements ModelReplicator.LockWait {
        private final CountDownLatch opened = new CountDownLatch(1);
        private volatile boolean held;

        void open(boolean locksHeld) {
            if (opened.getCount() > 0) {
                held = locksHeld;
                opened.countDown();
            }
        }

        @Override
        public boolean await() throws InterruptedException {
            opened.await();
            return held;
        }
    }

    /** Runs the drift check on a thread of its own (a plain one: the common fork-join pool costs ~5 ms to start). */
    private FutureTask<Void> startDriftCheck(StepContext ctx, String schema, List<String> tables, Gate locked) {
        FutureTask<Void> task = new FutureTask<>(() -> {
            if (driftCheck != null) {
                try (Connection target = ctx.databases().target(); Connection flow = ctx.databases().flow()) {
                    driftCheck.verify(target, flow, schema, tables, locked);
                } catch (SQLException e) {
                    throw DataflowException.stepFailed("cannot check the API schema for changes: " + e.getMessage(),
                            null, e);
                }
            }
            return null;
        });
        Thread thread = new Thread(task, "drift-check");
        thread.setDaemon(true);
        thread.start();
        return task;
    }

    private static void awaitDriftQuietly(FutureTask<Void> drift) {
        try {
            drift.get();
        } catch (ExecutionException | RuntimeException ignored) {
            // the first failure is the one reported
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitDrift(FutureTask<Void> drift) throws InterruptedException {
        try {
            drift.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** With --verbose, where the step's time went, so the overhead around the COPYs stays visible. */
    private static final class Phases {
        private final StepContext ctx;
        private final StringBuilder sb = new StringBuilder();
        private long last = System.nanoTime();

        Phases(StepContext ctx) {
            this.ctx = ctx;
        }

        void mark(String phase) {
            long now = System.nanoTime();
            sb.append(sb.length() == 0 ? "" : ", ").append(phase).append(' ').append(Console.seconds(now - last));
            last = now;
        }

        void report() {
            if (ctx.options().verbose()) {
                ctx.console().line("  time: " + sb);
            }
        }
    }

    private static List<String> tablesWithTriggersOrRules(Connection c, String schema, List<String> tables)
            throws SQLException {
        List<String> out = new ArrayList<>();
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT t.relname FROM pg_class t "
                + "JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = ? AND t.relname = ANY (?) AND ("
                + "EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = t.oid AND NOT g.tgisinternal) OR "
                + "EXISTS (SELECT 1 FROM pg_rewrite r WHERE r.ev_class = t.oid AND r.rulename <> '_RETURN'))")) {
            ps.setString(1, schema);
            ps.setArray(2, c.createArrayOf("text", tables.stream().map(Identifiers::bare).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    tables.stream().filter(t -> Identifiers.bare(t).equals(name)).forEach(out::add);
                }
            }
        }
        return out;
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

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the connection is closed next; the server rolls back on its own
        }
    }
}
