package dev.dataflow.schema;

import dev.dataflow.DataflowException;
import dev.dataflow.schema.PublicationPlan.ShadowTable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The moment a publish or a rollback changes what the API reads: tables change schemas by name, which PostgreSQL does
 * in the catalog alone, so the exclusive locks it needs are held for milliseconds, not for the copy. Foreign keys
 * follow tables by oid, not by name: the keys among the swapped tables keep pointing at their partners, wherever
 * they move together, and keys to tables outside the set stay on the table that owns them.
 *
 * <p>What the last swap did is recorded in the same transaction ({@link SwapRecord}), so a rollback can tell
 * ({@link RollbackGuard}) whether anything replaced or rewrote the tables since.
 */
public final class TableSwap {
    private static final String PREVIOUS = PublicationPlan.PREVIOUS_SCHEMA;
    private static final String SHADOW = PublicationPlan.SHADOW_SCHEMA;
    /**
     * The prefix of the schemas a swap moves the tables it replaces and does not keep to, until
     * {@link #dropRetired} drops them; each swap makes its own, so a drop that has to wait never blocks the next swap.
     */
    public static final String RETIRED = "dataflow_retired_";

    private TableSwap() {
    }

    /**
     * Swaps every shadow twin in for its live table under {@code locks}; the live tables move to the previous schema
     * or, without {@code keepPrevious}, out of the way. The former previous copy moves out of the way too:
     * {@link #dropRetired} drops it after the commit, since dropping tables in the swap would hold the tables' locks
     * while their files are removed. The caller commits.
     */
    public static void publish(Connection c, PublicationPlan plan, boolean keepPrevious, LockAttempts locks)
            throws SQLException {
        String schema = plan.schema();
        List<String> live = plan.order().stream().map(t -> Sql.qualified(schema, t)).toList();
        // Moving a table to another schema keeps its oid and file: the record can be written in the same breath.
        SwapRecord after = new SwapRecord(schema, plan.order(), Instant.now().toString(), "publish",
                SwapRecord.identities(c, SHADOW, plan.order()), SwapRecord.identities(c, schema, plan.order()));
        boolean previousExists = schemaExists(c, PREVIOUS);
        String retired = RETIRED + System.currentTimeMillis();
        List<String> batch = new ArrayList<>();
        batch.add(previousExists ? "ALTER SCHEMA " + Sql.ident(PREVIOUS) + " RENAME TO " + Sql.ident(retired)
                : "CREATE SCHEMA " + Sql.ident(retired));
        if (keepPrevious) {
            batch.add("CREATE SCHEMA " + Sql.ident(PREVIOUS));
        }
        List<String> locked = new ArrayList<>(live);
        locked.addAll(plan.referencingTables());
        batch.add("LOCK TABLE " + String.join(", ", locked) + " IN ACCESS EXCLUSIVE MODE");
        for (ShadowTable t : plan.tables()) {
            for (String column : t.synced()) {
                batch.add(syncSequence(Sql.qualified(schema, t.name()), Sql.qualified(SHADOW, t.name()), column));
            }
        }
        String away = Sql.ident(keepPrevious ? PREVIOUS : retired);
        plan.order().forEach(t -> batch.add("ALTER TABLE " + Sql.qualified(schema, t) + " SET SCHEMA " + away));
        plan.order().forEach(t -> batch.add("ALTER TABLE " + Sql.qualified(SHADOW, t) + " SET SCHEMA "
                + Sql.ident(schema)));
        batch.add("DROP SCHEMA " + Sql.ident(SHADOW));
        repointOutsideKeys(plan, batch);
        if (keepPrevious) {
            batch.add(after.comment());
        }
        // One round trip: the exclusive locks are held from the LOCK to the commit, for catalog changes alone.
        locks.run(c, "swap the new tables in", locked, conn -> {
            Sql.withSearchPath(conn, Sql.ident(schema), cc -> {
                Sql.execute(cc, String.join(";\n", batch));
                return null;
            });
            return null;
        });
    }

    /**
     * Points the (empty, share-locked) outside tables' foreign keys at the tables now in the target schema: a key follows
     * its table by oid, so it would keep pointing at the one moved out. Dropped and made again under its name, from
     * its definition as read with the target schema on the search_path, which the batch runs with too.
     */
    private static void repointOutsideKeys(PublicationPlan plan, List<String> batch) {
        for (PublicationPlan.OutsideKey k : plan.outsideKeys()) {
            batch.add("ALTER TABLE " + k.table() + " DROP CONSTRAINT " + Sql.ident(k.name()));
            batch.add("ALTER TABLE " + k.table() + " ADD CONSTRAINT " + Sql.ident(k.name()) + " " + k.definition());
            if (k.comment() != null) {
                batch.add("COMMENT ON CONSTRAINT " + Sql.ident(k.name()) + " ON " + k.table() + " IS "
                        + Sql.literal(k.comment()));
            }
        }
    }

    /**
     * Drops what a swap moved out of the way, in a short transaction of its own after the swap committed (or, when a
     * run died in between, before the next populate). Returns why it could not, or null.
     */
    public static String dropRetired(Connection c, LockAttempts locks) {
        try {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                List<String> schemas = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT nspname FROM pg_namespace WHERE starts_with(nspname, ?) ORDER BY nspname")) {
                    ps.setString(1, RETIRED);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            schemas.add(rs.getString(1));
                        }
                    }
                }
                if (!schemas.isEmpty()) {
                    locks.run(c, "drop the replaced tables", List.of(), conn -> {
                        Sql.execute(conn, "DROP SCHEMA " + String.join(", ", schemas.stream().map(Sql::ident).toList())
                                + " CASCADE");
                        return null;
                    });
                }
                c.commit();
                return null;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                return e instanceof DataflowException de ? de.userMessage() : e.getMessage();
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    /**
     * Drops the previous copy and its record, for a publish by truncate-and-copy: it rewrites the live tables, so the
     * copy could not be swapped back anyway, and a previous table with a foreign key into the published set would
     * keep the TRUNCATE from running.
     */
    public static void dropPrevious(Connection c, String schema) throws SQLException {
        if (!schemaExists(c, PREVIOUS)) {
            return;
        }
        List<String> tables = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT quote_ident(n.nspname) || '.' || quote_ident(t.relname) FROM pg_class t
                JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = ? AND t.relkind = 'r'""")) {
            ps.setString(1, PREVIOUS);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
        }
        if (!tables.isEmpty()) {
            Sql.execute(c, "DROP TABLE " + String.join(", ", tables));
        }
        new SwapRecord(schema, List.of(), Instant.now().toString(), "publish by truncate-and-copy", Map.of(), Map.of())
                .write(c);
    }

    /**
     * Swaps the previous tables back in for the ones the last swap published, refusing with the reason when there is
     * none, or when the tables were replaced, rewritten or changed in definition since. The caller commits.
     */
    public static SwapRecord rollback(Connection c, String schema, LockAttempts locks) throws SQLException {
        SwapRecord rec = SwapRecord.read(c);
        if (rec == null) {
            throw DataflowException.stepFailed("nothing to roll back: no previous copy of the API tables is recorded",
                    "a populate keeps one when it swaps tables in with settings.keepPrevious: true (the default)",
                    null);
        }
        if (rec.tables().isEmpty()) {
            throw DataflowException.stepFailed("nothing to roll back: the last " + rec.action() + ", at " + rec.at()
                    + ", kept no previous copy", null, null);
        }
        if (!rec.schema().equals(schema)) {
            throw DataflowException.stepFailed("the previous copy is of schema " + rec.schema() + ", not " + schema,
                    null, null);
        }
        PublicationPlan plan = PublicationPlanReader.read(c, schema, rec.tables());
        List<String> reasons = new ArrayList<>();
        plan.refusals().forEach(r -> reasons.add(r.toString()));
        PublicationPlanReader.referencingWithRows(c, plan, locks).forEach(t -> reasons.add(t + " references the tables "
                + "through a foreign key and holds rows"));
        if (!reasons.isEmpty()) {
            throw DataflowException.stepFailed("refusing to roll back: " + String.join("; ", reasons), null, null);
        }
        List<String> live = rec.tables().stream().map(t -> Sql.qualified(schema, t)).toList();
        List<String> previous = rec.tables().stream().map(t -> Sql.qualified(PREVIOUS, t)).toList();
        List<String> all = new ArrayList<>(live);
        all.addAll(previous);
        all.addAll(plan.referencingTables());
        return locks.run(c, "swap the previous tables back", all, conn -> {
            Sql.execute(conn, "LOCK TABLE " + String.join(", ", all) + " IN ACCESS EXCLUSIVE MODE");
            RollbackGuard.check(conn, schema, rec);
            Map<String, String> liveNow = SwapRecord.identities(conn, schema, rec.tables());
            Map<String, String> previousNow = SwapRecord.identities(conn, PREVIOUS, rec.tables());
            List<String> batch = new ArrayList<>();
            batch.add("CREATE SCHEMA " + Sql.ident(SHADOW));
            rec.tables().forEach(t -> batch.add("ALTER TABLE " + Sql.qualified(schema, t) + " SET SCHEMA "
                    + Sql.ident(SHADOW)));
            rec.tables().forEach(t -> batch.add("ALTER TABLE " + Sql.qualified(PREVIOUS, t) + " SET SCHEMA "
                    + Sql.ident(schema)));
            rec.tables().forEach(t -> batch.add("ALTER TABLE " + Sql.qualified(SHADOW, t) + " SET SCHEMA "
                    + Sql.ident(PREVIOUS)));
            batch.add("DROP SCHEMA " + Sql.ident(SHADOW));
            repointOutsideKeys(plan, batch);
            batch.add(new SwapRecord(schema, rec.tables(), Instant.now().toString(), "rollback", previousNow, liveNow)
                    .comment());
            Sql.withSearchPath(conn, Sql.ident(schema), cc -> {
                Sql.execute(cc, String.join(";\n", batch));
                return null;
            });
            return rec;
        });
    }

    /** Hands the twin's sequence the live one's position, if the live one was ever drawn from. */
    private static String syncSequence(String live, String shadow, String column) {
        return "SELECT setval(pg_get_serial_sequence(" + Sql.literal(shadow) + ", " + Sql.literal(column) + "), v, true)"
                + " FROM (SELECT pg_sequence_last_value(pg_get_serial_sequence(" + Sql.literal(live) + ", "
                + Sql.literal(column) + ")::regclass) AS v) q WHERE v IS NOT NULL";
    }

    private static boolean schemaExists(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
