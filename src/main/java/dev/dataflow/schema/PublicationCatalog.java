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
 * The catalog reads behind a {@link PublicationPlan}: what would keep the published tables from being swapped, and
 * the DDL that makes each table's shadow twin. Definitions are read with only the API schema on the search_path, so
 * they name its tables unqualified: replayed with the shadow schema in front, a foreign key to a published table
 * lands on that table's twin, and one to a table outside the set on the live table.
 */
public final class PublicationCatalog {
    private PublicationCatalog() {
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

        List<Refusal> refusals = new ArrayList<>(schemaRefusals(c, schema));
        List<PublicationPlan.OutsideKey> outside = outsideKeys(c, oidArray, refusals);
        long liveBytes = tableRefusals(c, oidArray, refusals);
        Map<String, List<OwnedSequence>> sequences = ownedSequences(c, schema, oidArray, refusals);
        Map<String, List<Statement>> keys = keys(c, oidArray);
        Map<String, List<Statement>> foreignKeys = foreignKeys(c, oidArray);
        Map<String, List<Statement>> finish = finish(c, oidArray);
        Map<String, List<String>> synced = syncedColumns(c, oidArray);
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

    /** What the API user needs to make the shadow and previous schemas and move tables between them. */
    private static List<Refusal> schemaRefusals(Connection c, String schema) throws SQLException {
        List<Refusal> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT has_schema_privilege(?, 'CREATE'), has_database_privilege(current_database(), 'CREATE'),
                       (SELECT pg_has_role(nspowner, 'USAGE') FROM pg_namespace WHERE nspname = ?),
                       (SELECT pg_has_role(nspowner, 'USAGE') FROM pg_namespace WHERE nspname = ?)""")) {
            ps.setString(1, schema);
            ps.setString(2, PublicationPlan.SHADOW_SCHEMA);
            ps.setString(3, PublicationPlan.PREVIOUS_SCHEMA);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    out.add(new Refusal(null, "the API database user cannot create tables in schema " + schema));
                }
                for (int i = 3; i <= 4; i++) {
                    String name = i == 3 ? PublicationPlan.SHADOW_SCHEMA : PublicationPlan.PREVIOUS_SCHEMA;
                    Object owned = rs.getObject(i);
                    if (owned == null && !rs.getBoolean(2)) {
                        out.add(new Refusal(null, "the API database user cannot create schema " + name
                                + " (it needs CREATE on the database)"));
                    } else if (owned != null && !rs.getBoolean(i)) {
                        out.add(new Refusal(null, "schema " + name + " exists and belongs to another role"));
                    }
                }
            }
        }
        return out;
    }

    /** Adds what keeps each table from being swapped; returns the tables' disk size. */
    private static long tableRefusals(Connection c, Long[] oids, List<Refusal> out) throws SQLException {
        String sql = """
                SELECT t.relname, t.relkind <> 'r' OR t.relispartition
                         OR EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = t.oid OR h.inhparent = t.oid),
                       t.relowner <> (SELECT oid FROM pg_roles WHERE rolname = current_user),
                       t.relrowsecurity OR t.relforcerowsecurity OR EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = t.oid),
                       t.relreplident <> 'd', t.reltablespace <> 0, t.relpersistence <> 'p', t.reloftype <> 0,
                       (SELECT string_agg(g.tgname, ', ' ORDER BY g.tgname) FROM pg_trigger g
                        WHERE g.tgrelid = t.oid AND NOT g.tgisinternal),
                       (SELECT string_agg(r.rulename, ', ' ORDER BY r.rulename) FROM pg_rewrite r
                        WHERE r.ev_class = t.oid AND r.rulename <> '_RETURN'),
                       (SELECT string_agg(DISTINCT v.oid::regclass::text || CASE v.relkind WHEN 'm'
                                THEN ' (materialized view)' ELSE ' (view)' END, ', ')
                        FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid JOIN pg_class v ON v.oid = r.ev_class
                        WHERE d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass
                          AND d.refobjid = t.oid AND r.ev_class <> t.oid),
                       (SELECT string_agg(DISTINCT p.oid::regprocedure::text, ', ')
                        FROM pg_depend d JOIN pg_proc p ON p.oid = d.objid
                        WHERE d.classid = 'pg_proc'::regclass AND d.refobjid IN (t.oid, t.reltype)),
                       (SELECT string_agg(DISTINCT o.oid::regclass::text, ', ')
                        FROM pg_depend d JOIN pg_attribute a ON d.classid = 'pg_class'::regclass
                             AND a.attrelid = d.objid AND a.attnum = d.objsubid JOIN pg_class o ON o.oid = a.attrelid
                        WHERE d.refclassid = 'pg_type'::regclass AND d.refobjid = t.reltype AND o.oid <> t.oid),
                       (SELECT string_agg(DISTINCT pb.pubname, ', ') FROM pg_publication pb
                        WHERE pb.puballtables
                           OR EXISTS (SELECT 1 FROM pg_publication_rel pr WHERE pr.prpubid = pb.oid AND pr.prrelid = t.oid)
                           OR EXISTS (SELECT 1 FROM pg_publication_namespace pn
                                      WHERE pn.pnpubid = pb.oid AND pn.pnnspid = t.relnamespace)),
                       EXISTS (SELECT 1 FROM pg_statistic_ext s WHERE s.stxrelid = t.oid),
                       EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = t.oid AND k.contype = 'c'
                               AND NOT k.convalidated),
                       EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attnum > 0
                               AND NOT a.attisdropped
                               AND EXISTS (SELECT 1 FROM unnest(a.attoptions) o WHERE o LIKE 'n\\_distinct%')),
                       EXISTS (SELECT 1 FROM pg_seclabel l WHERE l.objoid = t.oid AND l.classoid = 'pg_class'::regclass),
                       pg_total_relation_size(t.oid)
                FROM pg_class t WHERE t.oid = ANY (?) ORDER BY t.relname""";
        long bytes = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("oid", oids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String t = rs.getString(1);
                    flag(out, t, rs.getBoolean(2), "it is partitioned, a partition, inherited or not a plain table");
                    flag(out, t, rs.getBoolean(3), "the API database user does not own it");
                    flag(out, t, rs.getBoolean(4), "it has row-level security");
                    flag(out, t, rs.getBoolean(5), "its replica identity is not the default");
                    flag(out, t, rs.getBoolean(6), "it lies in a tablespace of its own");
                    flag(out, t, rs.getBoolean(7), "it is unlogged or temporary");
                    flag(out, t, rs.getBoolean(8), "it is a typed table");
                    named(out, t, rs.getString(9), "it has triggers, which a swap would not carry over exactly: ");
                    named(out, t, rs.getString(10), "it has rules: ");
                    named(out, t, rs.getString(11), "views depend on it and would keep reading the old table: ");
                    named(out, t, rs.getString(12), "functions depend on it or its row type: ");
                    named(out, t, rs.getString(13), "columns of other tables use its row type: ");
                    named(out, t, rs.getString(14), "it is in publications for logical replication: ");
                    flag(out, t, rs.getBoolean(15), "it has extended statistics");
                    flag(out, t, rs.getBoolean(16), "it has a NOT VALID check constraint");
                    flag(out, t, rs.getBoolean(17), "a column has per-column options (n_distinct)");
                    flag(out, t, rs.getBoolean(18), "it has security labels");
                    bytes += rs.getLong(19);
                }
            }
        }
        return bytes;
    }

    private static void flag(List<Refusal> out, String table, boolean set, String reason) {
        if (set) {
            out.add(new Refusal(table, reason));
        }
    }

    private static void named(List<Refusal> out, String table, String names, String reason) {
        if (names != null) {
            out.add(new Refusal(table, reason + names));
        }
    }

    /** Serial columns' sequences: the twin gets its own, or dropping the previous table would take the live one's. */
    private static Map<String, List<OwnedSequence>> ownedSequences(Connection c, String schema, Long[] oids,
                                                                   List<Refusal> refusals) throws SQLException {
        String sql = """
                SELECT t.relname, a.attname, s.relname, sn.nspname,
                       'AS ' || format_type(q.seqtypid, NULL) || ' INCREMENT BY ' || q.seqincrement
                         || ' MINVALUE ' || q.seqmin || ' MAXVALUE ' || q.seqmax || ' START WITH ' || q.seqstart
                         || ' CACHE ' || q.seqcache || CASE WHEN q.seqcycle THEN ' CYCLE' ELSE ' NO CYCLE' END,
                       pg_get_expr(ad.adbin, ad.adrelid)
                FROM pg_depend od
                JOIN pg_class s ON s.oid = od.objid AND s.relkind = 'S'
                JOIN pg_namespace sn ON sn.oid = s.relnamespace
                JOIN pg_sequence q ON q.seqrelid = s.oid
                JOIN pg_class t ON t.oid = od.refobjid
                JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = od.refobjsubid
                LEFT JOIN pg_attrdef ad ON ad.adrelid = t.oid AND ad.adnum = a.attnum
                WHERE od.classid = 'pg_class'::regclass AND od.refclassid = 'pg_class'::regclass AND od.deptype = 'a'
                  AND od.refobjid = ANY (?)
                ORDER BY t.relname, a.attnum""";
        Map<String, List<OwnedSequence>> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("oid", oids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String t = rs.getString(1);
                    String def = rs.getString(6);
                    if (!schema.equals(rs.getString(4)) || def == null || !def.contains(rs.getString(3))) {
                        refusals.add(new Refusal(t, "sequence " + rs.getString(4) + "." + rs.getString(3)
                                + " belongs to column " + rs.getString(2) + " but is not its default in schema "
                                + schema));
                        continue;
                    }
                    out.computeIfAbsent(t, k -> new ArrayList<>()).add(new OwnedSequence(rs.getString(2),
                            rs.getString(3), rs.getString(5), def));
                }
            }
        }
        return out;
    }

    /** Primary keys, unique and exclusion constraints, then plain indexes, with comments and CLUSTER marks. */
    private static Map<String, List<Statement>> keys(Connection c, Long[] oids) throws SQLException {
        String sql = """
                SELECT t.relname, x.relname, k.conname, pg_get_indexdef(i.indexrelid), pg_get_constraintdef(k.oid),
                       i.indisclustered, obj_description(x.oid, 'pg_class'), obj_description(k.oid, 'pg_constraint'),
                       quote_ident(n.nspname) || '.' || quote_ident(t.relname)
                FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                LEFT JOIN pg_constraint k ON k.conindid = i.indexrelid AND k.conrelid = t.oid
                                          AND k.contype IN ('p', 'u', 'x')
                WHERE i.indrelid = ANY (?)
                ORDER BY t.relname, k.oid IS NULL, x.relname""";
        Map<String, List<Statement>> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("oid", oids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String t = rs.getString(1);
                    String index = rs.getString(2);
                    String constraint = rs.getString(3);
                    String shadow = shadowTable(t);
                    List<Statement> list = out.computeIfAbsent(t, k -> new ArrayList<>());
                    if (constraint != null) {
                        list.add(new Statement("constraint " + constraint, "ALTER TABLE " + shadow + " ADD CONSTRAINT "
                                + Sql.ident(constraint) + " " + rs.getString(5)));
                    } else {
                        String on = " ON " + rs.getString(9) + " USING ";
                        String def = rs.getString(4);
                        int at = def.indexOf(on);
                        if (at < 0) {
                            throw new SQLException("unexpected definition of index " + index + ": " + def);
                        }
                        list.add(new Statement("index " + index, def.substring(0, at) + " ON " + shadow + " USING "
                                + def.substring(at + on.length())));
                    }
                    if (rs.getString(7) != null) {
                        list.add(new Statement("comment on index " + index, "COMMENT ON INDEX "
                                + Sql.qualified(PublicationPlan.SHADOW_SCHEMA, index) + " IS " + Sql.literal(rs.getString(7))));
                    }
                    if (rs.getString(8) != null) {
                        list.add(new Statement("comment on constraint " + constraint, "COMMENT ON CONSTRAINT "
                                + Sql.ident(constraint) + " ON " + shadow + " IS " + Sql.literal(rs.getString(8))));
                    }
                    if (rs.getBoolean(6)) {
                        list.add(new Statement("cluster mark", "ALTER TABLE " + shadow + " CLUSTER ON " + Sql.ident(index)));
                    }
                }
            }
        }
        return out;
    }

    private static Map<String, List<Statement>> foreignKeys(Connection c, Long[] oids) throws SQLException {
        String sql = """
                SELECT t.relname, k.conname, pg_get_constraintdef(k.oid), obj_description(k.oid, 'pg_constraint')
                FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid
                WHERE k.conrelid = ANY (?) AND k.contype = 'f' ORDER BY t.relname, k.conname""";
        Map<String, List<Statement>> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("oid", oids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String t = rs.getString(1);
                    String name = rs.getString(2);
                    List<Statement> list = out.computeIfAbsent(t, k -> new ArrayList<>());
                    list.add(new Statement("foreign key " + name, "ALTER TABLE " + shadowTable(t) + " ADD CONSTRAINT "
                            + Sql.ident(name) + " " + rs.getString(3)));
                    if (rs.getString(4) != null) {
                        list.add(new Statement("comment on foreign key " + name, "COMMENT ON CONSTRAINT "
                                + Sql.ident(name) + " ON " + shadowTable(t) + " IS " + Sql.literal(rs.getString(4))));
                    }
                }
            }
        }
        return out;
    }

    /** Table comment, storage parameters, column statistics targets and grants (to roles other than the owner). */
    private static Map<String, List<Statement>> finish(Connection c, Long[] oids) throws SQLException {
        Map<String, List<Statement>> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT t.relname, obj_description(t.oid, 'pg_class'), array_to_string(t.reloptions, ', ')
                FROM pg_class t WHERE t.oid = ANY (?) ORDER BY t.relname""")) {
            ps.setArray(1, c.createArrayOf("oid", oids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String t = rs.getString(1);
                    List<Statement> list = out.computeIfAbsent(t, k -> new ArrayList<>());
                    if (rs.getString(2) != null) {
                        list.add(new Statement("table comment", "COMMENT ON TABLE " + shadowTable(t) + " IS "
                                + Sql.literal(rs.getString(2))));
                    }
                    if (rs.getString(3) != null && !rs.getString(3).isEmpty()) {
                        list.add(new Statement("storage parameters", "ALTER TABLE " + shadowTable(t) + " SET ("
                                + rs.getString(3) + ")"));
                    }
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT t.relname, a.attname, a.attstattarget FROM pg_attribute a JOIN pg_class t ON t.oid = a.attrelid
                WHERE a.attrelid = ANY (?) AND a.attnum > 0 AND NOT a.attisdropped AND a.attstattarget >= 0
                ORDER BY t.relname, a.attnum""")) {
            ps.setArray(1, c.createArrayOf("oid", oids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Statement("statistics target",
                            "ALTER TABLE " + shadowTable(rs.getString(1)) + " ALTER COLUMN " + Sql.ident(rs.getString(2))
                                    + " SET STATISTICS " + rs.getInt(3)));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT g.relname, g.col, g.privilege_type,
                       CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(r.rolname) END, g.is_grantable
                FROM (SELECT t.relname, t.relowner, NULL::name AS col, (aclexplode(t.relacl)).*
                      FROM pg_class t WHERE t.oid = ANY (?) AND t.relacl IS NOT NULL
                      UNION ALL
                      SELECT t.relname, t.relowner, a.attname, (aclexplode(a.attacl)).*
                      FROM pg_attribute a JOIN pg_class t ON t.oid = a.attrelid
                      WHERE a.attrelid = ANY (?) AND a.attacl IS NOT NULL AND NOT a.attisdropped) g
                LEFT JOIN pg_roles r ON r.oid = g.grantee
                WHERE g.grantee <> g.relowner
                ORDER BY 1, 2 NULLS FIRST, 4, 3""")) {
            ps.setArray(1, c.createArrayOf("oid", oids));
            ps.setArray(2, c.createArrayOf("oid", oids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String col = rs.getString(2);
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Statement("grant",
                            "GRANT " + rs.getString(3) + (col == null ? "" : " (" + Sql.ident(col) + ")") + " ON "
                                    + shadowTable(rs.getString(1)) + " TO " + rs.getString(4)
                                    + (rs.getBoolean(5) ? " WITH GRANT OPTION" : "")));
                }
            }
        }
        return out;
    }

    /** Columns drawing from a sequence (identity or serial): the twin takes over the live sequence's position. */
    private static Map<String, List<String>> syncedColumns(Connection c, Long[] oids) throws SQLException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT t.relname, a.attname FROM pg_attribute a JOIN pg_class t ON t.oid = a.attrelid
                WHERE a.attrelid = ANY (?) AND a.attnum > 0 AND NOT a.attisdropped
                  AND (a.attidentity <> '' OR EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                       AND d.refclassid = 'pg_class'::regclass AND d.refobjid = t.oid AND d.refobjsubid = a.attnum
                       AND d.deptype = 'a'))
                ORDER BY t.relname, a.attnum""")) {
            ps.setArray(1, c.createArrayOf("oid", oids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
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

    static String shadowTable(String table) {
        return Sql.qualified(PublicationPlan.SHADOW_SCHEMA, table);
    }
}
