package dev.dataflow.handlers;

import dev.dataflow.DataflowException;
import dev.dataflow.config.Identifiers;
import dev.dataflow.config.PublishSettings;
import dev.dataflow.config.Settings;
import dev.dataflow.config.Step;
import dev.dataflow.db.Catalog;
import dev.dataflow.db.CopyPipe;
import dev.dataflow.exec.Console;
import dev.dataflow.exec.StepContext;
import dev.dataflow.exec.StepHandler;
import dev.dataflow.exec.StepOutcome;
import dev.dataflow.schema.LockAttempts;
import dev.dataflow.schema.ModelReplicator;
import dev.dataflow.schema.PublicationCatalog;
import dev.dataflow.schema.PublicationPlan;
import dev.dataflow.schema.ShadowBuild;
import dev.dataflow.schema.TableSwap;
import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code pg:target:populate}: in one target transaction under an advisory lock, checks the model against the API
 * (drift, quality gates), then publishes it. By default it copies each model table into a shadow twin built like the
 * API table, makes the twin's keys and indexes, and swaps the twins in by renaming (see {@link TableSwap}): API reads
 * wait only for the swap, not the copy. With {@code settings.publishMode: truncate} (or {@code swap-or-truncate}
 * when the tables cannot be swapped safely) it truncates the API tables and copies into them instead. Any failure
 * rolls back everything, shadow tables included.
 */
final class PopulateStep implements StepHandler {
    /** The advisory lock every populate of any data-flow run takes on the target. */
    static final String LOCK_KEY = TargetLocks.LOCK_KEY;
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
    public Set<Resource> uses(Step step) {
        return Set.of(Resource.FLOW, Resource.TARGET);
    }

    /** What the step found out before publishing, handed to the publish itself. */
    private record Ready(List<String> order, Map<String, String> copyColumns, PublicationPlan plan) {
    }

    @Override
    public StepOutcome run(StepContext ctx) throws Exception {
        List<String> tables = new ArrayList<>();
        ctx.domains().forEach(d -> tables.addAll(d.tables()));
        if (tables.isEmpty()) {
            return StepOutcome.of("no tables to publish");
        }
        String targetSchema = ctx.pipeline().target().schema();
        PublishSettings publish = ctx.pipeline().settings().publish();
        LockAttempts attempts = new LockAttempts(publish.lockTimeoutMs(), publish.lockRetries(), ctx.console()::line);
        Phases phases = new Phases(ctx);
        DriftWatch drift = DriftWatch.start(ctx, driftCheck, targetSchema, tables);
        Map<String, Long> rows;
        List<Map<String, Object>> checks;
        boolean swapped;
        try (Connection target = ctx.databases().target(); Connection flow = ctx.databases().flow()) {
            dropRetired(ctx, target, attempts);
            flow.setAutoCommit(false);
            flow.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            flow.setReadOnly(true);
            target.setAutoCommit(false);
            phases.mark("connect");
            try {
                TargetLocks.advisory(ctx, target);
                boolean held = TargetLocks.share(target, tables.stream().map(t -> qualified(targetSchema, t)).toList(),
                        attempts);
                // The drift check runs beside the quality and catalog checks, and must end before the publish takes
                // exclusive locks, which would block its pg_get_indexdef.
                drift.locksHeld(held);
                Map<String, List<String>> targetColumns = targetColumns(ctx, target, targetSchema, tables);
                if (!held) {
                    throw DataflowException.stepFailed("cannot lock the published tables", null, null);
                }
                phases.mark("lock");
                checks = QualityGates.run(ctx, flow, target);
                phases.mark("checks");
                PublicationPlan plan = PublicationCatalog.read(target, targetSchema, tables);
                refuseOutsideReferences(tables, PublicationCatalog.referencingWithRows(target, plan, attempts));
                swapped = decide(ctx, publish, plan);
                Ready ready = new Ready(plan.order(), copyColumns(ctx, flow, tables, targetColumns), plan);
                phases.mark("catalog checks");
                drift.verdict();
                phases.mark("drift check");
                rows = swapped ? publishBySwap(ctx, flow, target, ready, publish, attempts, phases)
                        : publishByTruncate(ctx, flow, target, ready, attempts, phases);
                target.commit();
                phases.mark("commit");
                if (swapped) {
                    target.setAutoCommit(true);
                    dropRetired(ctx, target, attempts);
                    phases.mark("drop replaced");
                }
                phases.report();
            } catch (Exception e) {
                rollbackQuietly(target);
                throw e;
            } finally {
                rollbackQuietly(flow);
            }
        } catch (Exception e) {
            // A failure found while the drift check ran is reported once it is done, never leaving it running.
            drift.abandon();
            throw e;
        }
        String checked = QualityGates.summary(checks);
        return StepOutcome.rows(rows, rows.size() + " tables published in one transaction"
                + (swapped ? " (by swap)" : " (by truncate-and-copy)")
                + (checked.isEmpty() ? "" : "; " + checked)).withDetails(Map.of("checks", checks));
    }

    /** Drops the tables earlier swaps replaced and did not keep; a lock in the way only delays it to the next run. */
    private static void dropRetired(StepContext ctx, Connection target, LockAttempts attempts) {
        String failed = TableSwap.dropRetired(target, attempts);
        if (failed != null) {
            ctx.console().line("  the tables a swap replaced could not be dropped yet, the next populate drops them: "
                    + failed);
        }
    }

    private static Map<String, List<String>> targetColumns(StepContext ctx, Connection target, String schema,
                                                           List<String> tables) throws SQLException {
        Map<String, List<String>> columns = Catalog.columns(target, schema, tables.stream().map(Identifiers::bare).toList());
        for (String t : tables) {
            if (columns.get(Identifiers.bare(t)).isEmpty()) {
                throw DataflowException.stepFailed("target table " + t + " does not exist in the "
                        + ctx.pipeline().target().describe(), null, null);
            }
        }
        return columns;
    }

    /** Tables outside the set that reference it and hold rows would be emptied, or left pointing at the old rows. */
    private static void refuseOutsideReferences(List<String> tables, List<String> outside) {
        if (!outside.isEmpty()) {
            throw DataflowException.stepFailed("refusing to publish: truncating " + String.join(", ", tables)
                    + " would also empty " + String.join(", ", outside) + " (they reference published tables through "
                    + "foreign keys and hold rows this run does not reload; a swap would leave them pointing at the "
                    + "old rows)",
                    "publish the domains owning " + String.join(", ", outside) + " too, or select a parent domain", null);
        }
    }

    /** True to swap; refuses, or falls back to truncate-and-copy, when the plan lists reasons not to. */
    private static boolean decide(StepContext ctx, PublishSettings publish, PublicationPlan plan) {
        if (publish.mode() == PublishSettings.Mode.TRUNCATE) {
            return false;
        }
        if (plan.refusals().isEmpty()) {
            return true;
        }
        List<String> reasons = plan.refusals().stream().map(PublicationPlan.Refusal::toString).toList();
        if (publish.mode() == PublishSettings.Mode.SWAP_OR_TRUNCATE) {
            ctx.console().line("  publishing by truncate-and-copy (API reads wait for it): the tables cannot be "
                    + "swapped safely: " + String.join("; ", reasons));
            return false;
        }
        throw DataflowException.stepFailed("refusing to publish by swap: " + String.join("; ", reasons),
                "settings.publishMode: swap-or-truncate publishes such tables by truncate-and-copy instead, "
                        + "with API reads waiting for the copy", null);
    }

    private static Map<String, Long> publishBySwap(StepContext ctx, Connection flow, Connection target, Ready ready,
                                                   PublishSettings publish, LockAttempts attempts, Phases phases)
            throws SQLException {
        ShadowBuild.create(target, ready.plan());
        phases.mark("shadow tables");
        Map<String, Long> rows = copyAll(ctx, flow, target, ready, PublicationPlan.SHADOW_SCHEMA, true);
        phases.mark("copy");
        ShadowBuild.complete(target, ready.plan(), ctx.console()::progress).forEach((t, nanos) ->
                ctx.console().line("  " + t + " indexes and keys built " + Console.seconds(nanos)));
        phases.mark("indexes and keys");
        TableSwap.publish(target, ready.plan(), publish.keepPrevious(), attempts);
        phases.mark("swap");
        return rows;
    }

    private static Map<String, Long> publishByTruncate(StepContext ctx, Connection flow, Connection target, Ready ready,
                                                       LockAttempts attempts, Phases phases) throws SQLException {
        String schema = ctx.pipeline().target().schema();
        int rebuildMiB = ctx.pipeline().settings().rebuildIndexesMiB();
        List<String> bare = ready.order().stream().map(Identifiers::bare).toList();
        IndexRebuilder rebuilder = rebuildMiB == Settings.NEVER ? IndexRebuilder.NONE
                : IndexRebuilder.plan(flow, ctx.pipeline().flow().schema(), target, schema, bare, (long) rebuildMiB << 20);
        rebuilder.kept().forEach((t, why) -> ctx.console().line("  " + t + " keeps its indexes during the copy: " + why));
        List<String> live = ready.order().stream().map(t -> qualified(schema, t)).toList();
        attempts.run(target, "truncate the published tables", live, c -> {
            TableSwap.dropPrevious(c, schema);
            // The empty tables outside the set that reference it are named too: TRUNCATE refuses to leave them
            // dangling, and they lose nothing (share-locked and found empty before).
            List<String> truncated = new ArrayList<>(live);
            truncated.addAll(ready.plan().referencingTables());
            try (Statement s = c.createStatement()) {
                s.execute("TRUNCATE " + String.join(", ", truncated));
            }
            return null;
        });
        rebuilder.drop(target);
        phases.mark("truncate");
        Map<String, Long> rows = copyAll(ctx, flow, target, ready, schema, false);
        phases.mark("copy");
        rebuilder.rebuild(target, ctx.console());
        phases.mark("rebuild");
        for (String t : tablesWithTriggersOrRules(target, schema, ready.order())) {
            // The COPY counts already match the model; after the TRUNCATE they are the table's rows unless a
            // trigger or rule added or dropped some, so only such tables are counted again.
            long inTarget = count(target, qualified(schema, t));
            if (inTarget != rows.get(t)) {
                throw DataflowException.stepFailed("row count check failed for " + t + ": model has "
                        + rows.get(t) + " rows, target would have " + inTarget, null, null);
            }
        }
        phases.mark("count");
        return rows;
    }

    private static Map<String, Long> copyAll(StepContext ctx, Connection flow, Connection target, Ready ready,
                                             String intoSchema, boolean freeze) throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String t : ready.order()) {
            long start = System.nanoTime();
            long n = copyTable(ctx, flow, target, qualified(ctx.pipeline().flow().schema(), t),
                    qualified(intoSchema, t), t, ready.copyColumns().get(t), freeze);
            rows.put(t, n);
            ctx.console().line("  " + t + " " + Console.count(n) + " rows " + Console.seconds(System.nanoTime() - start));
        }
        return rows;
    }

    /** The quoted target columns of each table, all of which its model table must have; extra columns stay behind. */
    private static Map<String, String> copyColumns(StepContext ctx, Connection flow, List<String> tables,
                                                   Map<String, List<String>> targetColumns) throws SQLException {
        Map<String, List<String>> flowColumns = Catalog.columns(flow, ctx.pipeline().flow().schema(),
                tables.stream().map(Identifiers::bare).toList());
        Map<String, String> out = new LinkedHashMap<>();
        for (String t : tables) {
            List<String> targetCols = targetColumns.get(Identifiers.bare(t));
            List<String> flowCols = flowColumns.get(Identifiers.bare(t));
            if (flowCols.isEmpty()) {
                throw DataflowException.stepFailed("model table " + t + " does not exist in the flow database",
                        "run pg:model:create and pg:model:transform first", null);
            }
            List<String> missing = targetCols.stream().filter(c -> !flowCols.contains(c)).toList();
            if (!missing.isEmpty()) {
                throw DataflowException.stepFailed("model table " + t + " lacks target columns "
                        + String.join(", ", missing), "rerun pg:model:create", null);
            }
            out.put(t, targetCols.stream().map(Identifiers::quoteExact).collect(Collectors.joining(", ")));
        }
        return out;
    }

    private static long copyTable(StepContext ctx, Connection flow, Connection target, String from, String into,
                                  String table, String cols, boolean freeze) throws SQLException {
        // The table form reads the heap directly; COPY (SELECT ...) would run it through the executor, which costs the
        // flow server ~10% more CPU. Model tables are always plain tables (pg:model:create makes them). FREEZE, for a
        // shadow table made in this transaction, writes the rows already frozen: the API's first reads after the
        // swap then set no hint bits and vacuum has nothing to freeze later.
        String out = "COPY " + from + " (" + cols + ") TO STDOUT (FORMAT binary)";
        String in = "COPY " + into + " (" + cols + ") FROM STDIN (FORMAT binary" + (freeze ? ", FREEZE" : "") + ")";
        long start = System.nanoTime();
        try {
            CopyPipe.Counts n = CopyPipe.run(flow.unwrap(PGConnection.class), out, target.unwrap(PGConnection.class), in,
                    (rows, bytes) -> ctx.console().progress(() -> String.format(Locale.US, "  %s: %s, %.1f MiB",
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
