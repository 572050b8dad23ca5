package dev.dataflow.schema;

import dev.dataflow.schema.PublicationPlan.Refusal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads from the target database's catalog what would keep a set of tables from being published by a swap: missing
 * privileges on the schemas, and anything attached to a table that a shadow twin would not carry over (triggers,
 * rules, dependent views, row-level security and the like). A {@link PublicationPlan} with refusals falls back to a
 * truncate publish.
 */
final class RefusalReader {
    private RefusalReader() {
    }

    /** What the target database user needs to make the shadow and previous schemas and move tables between them. */
    static List<Refusal> schemaRefusals(Connection c, String schema) throws SQLException {
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
    static long tableRefusals(Connection c, Long[] oids, List<Refusal> out) throws SQLException {
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
        long[] bytes = {0};
        Sql.forEachRow(c, sql, oids, rs -> {
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
            bytes[0] += rs.getLong(19);
        });
        return bytes[0];
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
}
