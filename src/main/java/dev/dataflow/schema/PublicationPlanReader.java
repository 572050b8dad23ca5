package dev.dataflow.schema;

import dev.dataflow.schema.PublicationPlan.OwnedSequence;
import dev.dataflow.schema.PublicationPlan.Refusal;
import dev.dataflow.schema.PublicationPlan.ShadowTable;
import dev.dataflow.schema.PublicationPlan.Statement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@link PublicationPlan} from the target database's catalog: the order of the tables, what would keep them
 * from being swapped ({@link RefusalReader}), and the DDL that makes each table's shadow twin
 * ({@link ShadowDdlReader}). Definitions are read with only the target schema on the search_path, so they name its
 * tables unqualified: replayed with the shadow schema in front, a foreign key to a published table lands on that
 * table's twin, and one to a table outside the set on the live table.
 */
public final class PublicationPlanReader {
    private PublicationPlanReader() {
    }

    /** Reads the plan for publishing {@code tables} of {@code schema}; run it in the populate's transaction. */
    public static PublicationPlan read(Connection c, String schema, List<String> tables) {
        try {
            return Sql.withSearchPath(c, Sql.ident(schema), conn -> readPlan(conn, schema, tables));
        } catch (SQLException e) {
            throw Sql.failed("cannot read the API schema to plan the publish", e);
        }
    }

    private static PublicationPlan readPlan(Connection c, String schema, List<String> tables) throws SQLException {
        Map<String, CatalogReader.Relation> relations = CatalogReader.relations(c, schema, tables);
        TargetModel.checkRelations(schema, tables, relations, "target");
        List<TableName> set = tables.stream().map(t -> new TableName(schema, t)).distinct().toList();
        ForeignKeyGraph graph = new ForeignKeyGraph(CatalogReader.foreignKeys(c, schema));
        List<String> order = graph.order(set).stream().map(TableName::name).toList();
        Map<String, Long> oids = new LinkedHashMap<>();
        order.forEach(t -> oids.put(t, relations.get(t).oid()));
        Long[] oidArray = oids.values().toArray(Long[]::new);

        List<Refusal> refusals = new ArrayList<>(RefusalReader.schemaRefusals(c, schema));
        List<PublicationPlan.OutsideKey> outside = outsideKeys(c, oidArray, refusals);
        long liveBytes = RefusalReader.tableRefusals(c, oidArray, refusals);
        Map<String, List<OwnedSequence>> sequences = ShadowDdlReader.ownedSequences(c, schema, oidArray, refusals);
        Map<String, List<Statement>> keys = ShadowDdlReader.keys(c, oidArray);
        Map<String, List<Statement>> foreignKeys = ShadowDdlReader.foreignKeys(c, oidArray);
        Map<String, List<Statement>> finish = ShadowDdlReader.finish(c, oidArray);
        Map<String, List<String>> synced = ShadowDdlReader.syncedColumns(c, oidArray);
        List<ShadowTable> shadows = new ArrayList<>();
        for (String t : order) {
            shadows.add(new ShadowTable(t, sequences.getOrDefault(t, List.of()), keys.getOrDefault(t, List.of()),
                    foreignKeys.getOrDefault(t, List.of()), finish.getOrDefault(t, List.of()),
                    synced.getOrDefault(t, List.of())));
        }
        return new PublicationPlan(schema, order, List.copyOf(refusals), outside, List.copyOf(shadows), liveBytes,
                previousBytes(c));
    }

    /**
     * Foreign keys from tables outside the set into it. The previous copy's do not count: a swap replaces that copy,
     * and a truncate publish drops it.
     */
    private static List<PublicationPlan.OutsideKey> outsideKeys(Connection c, Long[] oids, List<Refusal> refusals)
            throws SQLException {
        List<PublicationPlan.OutsideKey> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT quote_ident(n.nspname) || '.' || quote_ident(t.relname), n.nspname || '.' || t.relname,
                       k.conname, pg_get_constraintdef(k.oid), obj_description(k.oid, 'pg_constraint'),
                       pg_has_role(t.relowner, 'USAGE')
                FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE k.contype = 'f' AND k.confrelid = ANY (?) AND NOT k.conrelid = ANY (?) AND n.nspname <> ?
                ORDER BY 2, 3""")) {
            ps.setArray(1, c.createArrayOf("oid", oids));
            ps.setArray(2, c.createArrayOf("oid", oids));
            ps.setString(3, PublicationPlan.PREVIOUS_SCHEMA);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new PublicationPlan.OutsideKey(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5)));
                    if (!rs.getBoolean(6)) {
                        refusals.add(new Refusal(rs.getString(2), "it references the published tables (foreign key "
                                + rs.getString(3) + "), and the API database user does not own it to point the key "
                                + "at the new tables"));
                    }
                }
            }
        }
        return out;
    }

    /**
     * The tables outside the set that reference it and hold rows, as {@code schema.table}: a publish would empty them
     * or leave them pointing at the old rows. Each is share-locked first (under {@code locks}), so no row can arrive
     * before the publish commits; API reads of them go on.
     */
    public static List<String> referencingWithRows(Connection c, PublicationPlan plan, LockAttempts locks)
            throws SQLException {
        List<String> tables = plan.referencingTables();
        if (tables.isEmpty()) {
            return List.of();
        }
        locks.run(c, "keep rows out of the tables that reference the published ones", tables, conn -> {
            Sql.execute(conn, "LOCK TABLE " + String.join(", ", tables) + " IN SHARE MODE");
            return null;
        });
        List<String> out = new ArrayList<>();
        for (PublicationPlan.OutsideKey k : plan.outsideKeys()) {
            if (out.contains(k.display())) {
                continue;
            }
            try (java.sql.Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT FROM " + k.table() + ")")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    out.add(k.display());
                }
            }
        }
        return out;
    }

    private static long previousBytes(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT coalesce(sum(pg_total_relation_size(t.oid)), 0)::bigint FROM pg_class t
                JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = ? AND t.relkind = 'r'""")) {
            ps.setString(1, PublicationPlan.PREVIOUS_SCHEMA);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
