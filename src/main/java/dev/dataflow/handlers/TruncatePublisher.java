package dev.dataflow.handlers;

import dev.dataflow.DataflowException;
import dev.dataflow.config.Identifiers;
import dev.dataflow.config.Settings;
import dev.dataflow.exec.StepContext;
import dev.dataflow.schema.LockAttempts;
import dev.dataflow.schema.TableSwap;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Publishes by truncate-and-copy, for tables a swap cannot carry ({@code settings.publishMode: truncate} or
 * {@code swap-or-truncate}): truncates the target tables and copies into them, API reads waiting for the copy. Big
 * tables' indexes are dropped for the copy and rebuilt after it ({@link IndexRebuilder}).
 */
final class TruncatePublisher {
    private TruncatePublisher() {
    }

    /**
     * Publishes the tables of {@code ready}; returns the rows copied into each. Tables with triggers or rules are
     * counted again after the copy. The caller commits.
     */
    static Map<String, Long> publish(StepContext ctx, Connection flow, Connection target, PopulateStep.Ready ready,
                                     LockAttempts attempts, PhaseTimer phases) throws SQLException {
        String schema = ctx.pipeline().target().schema();
        int rebuildMiB = ctx.pipeline().settings().rebuildIndexesMiB();
        List<String> bare = ready.order().stream().map(Identifiers::bare).toList();
        IndexRebuilder rebuilder = rebuildMiB == Settings.NEVER ? IndexRebuilder.NONE
                : IndexRebuilder.plan(flow, ctx.pipeline().flow().schema(), target, schema, bare, (long) rebuildMiB << 20);
        rebuilder.kept().forEach((t, why) -> ctx.console().line("  " + t + " keeps its indexes during the copy: " + why));
        List<String> live = ready.order().stream().map(t -> ModelCopier.qualified(schema, t)).toList();
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
        Map<String, Long> rows = ModelCopier.copyAll(ctx, flow, target, ready, schema, false);
        phases.mark("copy");
        rebuilder.rebuild(target, ctx.console());
        phases.mark("rebuild");
        for (String t : tablesWithTriggersOrRules(target, schema, ready.order())) {
            // The COPY counts already match the model; after the TRUNCATE they are the table's rows unless a
            // trigger or rule added or dropped some, so only such tables are counted again.
            long inTarget = count(target, ModelCopier.qualified(schema, t));
            if (inTarget != rows.get(t)) {
                throw DataflowException.stepFailed("row count check failed for " + t + ": model has "
                        + rows.get(t) + " rows, target would have " + inTarget, null, null);
            }
        }
        phases.mark("count");
        return rows;
    }

    private static List<String> tablesWithTriggersOrRules(Connection c, String schema, List<String> tables)
            throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT t.relname FROM pg_class t "
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
}
