package dev.dataflow.schema;

import dev.dataflow.schema.PublicationPlan.OwnedSequence;
import dev.dataflow.schema.PublicationPlan.Refusal;
import dev.dataflow.schema.PublicationPlan.Statement;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads from the target database's catalog the DDL that gives each published table's shadow twin what the live table
 * has: its sequences, keys and indexes, foreign keys, comments, storage parameters, statistics targets and grants,
 * all written against {@link PublicationPlan#SHADOW_SCHEMA}, per table.
 */
final class ShadowDdlReader {
    private ShadowDdlReader() {
    }

    /** Serial columns' sequences: the twin gets its own, or dropping the previous table would take the live one's. */
    static Map<String, List<OwnedSequence>> ownedSequences(Connection c, String schema, Long[] oids,
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
        Sql.forEachRow(c, sql, oids, rs -> {
            String t = rs.getString(1);
            String def = rs.getString(6);
            if (!schema.equals(rs.getString(4)) || def == null || !def.contains(rs.getString(3))) {
                refusals.add(new Refusal(t, "sequence " + rs.getString(4) + "." + rs.getString(3)
                        + " belongs to column " + rs.getString(2) + " but is not its default in schema "
                        + schema));
                return;
            }
            out.computeIfAbsent(t, k -> new ArrayList<>()).add(new OwnedSequence(rs.getString(2),
                    rs.getString(3), rs.getString(5), def));
        });
        return out;
    }

    /** Primary keys, unique and exclusion constraints, then plain indexes, with comments and CLUSTER marks. */
    static Map<String, List<Statement>> keys(Connection c, Long[] oids) throws SQLException {
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
        Sql.forEachRow(c, sql, oids, rs -> {
            String t = rs.getString(1);
            String index = rs.getString(2);
            String constraint = rs.getString(3);
            String shadow = PublicationPlan.shadowTable(t);
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
        });
        return out;
    }

    static Map<String, List<Statement>> foreignKeys(Connection c, Long[] oids) throws SQLException {
        String sql = """
                SELECT t.relname, k.conname, pg_get_constraintdef(k.oid), obj_description(k.oid, 'pg_constraint')
                FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid
                WHERE k.conrelid = ANY (?) AND k.contype = 'f' ORDER BY t.relname, k.conname""";
        Map<String, List<Statement>> out = new LinkedHashMap<>();
        Sql.forEachRow(c, sql, oids, rs -> {
            String t = rs.getString(1);
            String name = rs.getString(2);
            List<Statement> list = out.computeIfAbsent(t, k -> new ArrayList<>());
            list.add(new Statement("foreign key " + name, "ALTER TABLE " + PublicationPlan.shadowTable(t) + " ADD CONSTRAINT "
                    + Sql.ident(name) + " " + rs.getString(3)));
            if (rs.getString(4) != null) {
                list.add(new Statement("comment on foreign key " + name, "COMMENT ON CONSTRAINT "
                        + Sql.ident(name) + " ON " + PublicationPlan.shadowTable(t) + " IS " + Sql.literal(rs.getString(4))));
            }
        });
        return out;
    }

    /** Table comment, storage parameters, column statistics targets and grants (to roles other than the owner). */
    static Map<String, List<Statement>> finish(Connection c, Long[] oids) throws SQLException {
        Map<String, List<Statement>> out = new LinkedHashMap<>();
        Sql.forEachRow(c, """
                SELECT t.relname, obj_description(t.oid, 'pg_class'), array_to_string(t.reloptions, ', ')
                FROM pg_class t WHERE t.oid = ANY (?) ORDER BY t.relname""", oids, rs -> {
            String t = rs.getString(1);
            List<Statement> list = out.computeIfAbsent(t, k -> new ArrayList<>());
            if (rs.getString(2) != null) {
                list.add(new Statement("table comment", "COMMENT ON TABLE " + PublicationPlan.shadowTable(t) + " IS "
                        + Sql.literal(rs.getString(2))));
            }
            if (rs.getString(3) != null && !rs.getString(3).isEmpty()) {
                list.add(new Statement("storage parameters", "ALTER TABLE " + PublicationPlan.shadowTable(t) + " SET ("
                        + rs.getString(3) + ")"));
            }
        });
        Sql.forEachRow(c, """
                SELECT t.relname, a.attname, a.attstattarget FROM pg_attribute a JOIN pg_class t ON t.oid = a.attrelid
                WHERE a.attrelid = ANY (?) AND a.attnum > 0 AND NOT a.attisdropped AND a.attstattarget >= 0
                ORDER BY t.relname, a.attnum""", oids, rs -> {
            out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Statement("statistics target",
                    "ALTER TABLE " + PublicationPlan.shadowTable(rs.getString(1)) + " ALTER COLUMN " + Sql.ident(rs.getString(2))
                            + " SET STATISTICS " + rs.getInt(3)));
        });
        Sql.forEachRow(c, """
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
                ORDER BY 1, 2 NULLS FIRST, 4, 3""", oids, rs -> {
            String col = rs.getString(2);
            out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Statement("grant",
                    "GRANT " + rs.getString(3) + (col == null ? "" : " (" + Sql.ident(col) + ")") + " ON "
                            + PublicationPlan.shadowTable(rs.getString(1)) + " TO " + rs.getString(4)
                            + (rs.getBoolean(5) ? " WITH GRANT OPTION" : "")));
        });
        return out;
    }

    /** Columns drawing from a sequence (identity or serial): the twin takes over the live sequence's position. */
    static Map<String, List<String>> syncedColumns(Connection c, Long[] oids) throws SQLException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Sql.forEachRow(c, """
                SELECT t.relname, a.attname FROM pg_attribute a JOIN pg_class t ON t.oid = a.attrelid
                WHERE a.attrelid = ANY (?) AND a.attnum > 0 AND NOT a.attisdropped
                  AND (a.attidentity <> '' OR EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                       AND d.refclassid = 'pg_class'::regclass AND d.refobjid = t.oid AND d.refobjsubid = a.attnum
                       AND d.deptype = 'a'))
                ORDER BY t.relname, a.attnum""", oids, rs -> {
            out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
        });
        return out;
    }
}
