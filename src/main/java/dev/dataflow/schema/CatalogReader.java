package dev.dataflow.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Catalog queries behind table replication, drift checks and rollback: which relations exist, the foreign keys
 * among them, and each table's description. Callers of {@link #describe} run it inside {@link Sql#withQualifiedNames}
 * so that the catalog functions' output is schema-qualified and can be replayed as DDL on another server; the
 * relation and foreign-key queries return plain names and need no such care.
 */
final class CatalogReader {
    private CatalogReader() {
    }

    /** A relation as found in pg_class: its kind, and the extension that owns it, if any. */
    record Relation(long oid, char kind, String extension) {
    }

    /** A foreign key from child to parent. */
    record ForeignKey(TableName child, TableName parent, String name) {
    }

    static Map<String, Relation> relations(Connection c, String schema, List<String> names) throws SQLException {
        String sql = """
                SELECT r.relname, r.oid, r.relkind,
                       (SELECT e.extname FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
                        WHERE d.classid = 'pg_class'::regclass AND d.objid = r.oid
                          AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e')
                FROM pg_class r JOIN pg_namespace n ON n.oid = r.relnamespace
                WHERE n.nspname = ? AND r.relname = ANY (?)""";
        Map<String, Relation> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, schema);
            ps.setArray(2, c.createArrayOf("text", names.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Relation(rs.getLong(2), rs.getString(3).charAt(0), rs.getString(4)));
                }
            }
        }
        return out;
    }

    static TableDescription describe(Connection c, String schema, String table, long oid) throws SQLException {
        return describe(c, schema, Map.of(table, oid)).get(table);
    }

    /**
     * The descriptions of several tables of one schema, by name, from three catalog queries whatever their number:
     * the drift check runs on the critical path of every publish.
     */
    static Map<String, TableDescription> describe(Connection c, String schema, Map<String, Long> oids)
            throws SQLException {
        Long[] array = oids.values().toArray(Long[]::new);
        Map<Long, List<TableDescription.Column>> columns = columns(c, array);
        Map<Long, List<TableDescription.Constraint>> constraints = constraints(c, array);
        Map<Long, List<TableDescription.Index>> indexes = indexes(c, array);
        Map<String, TableDescription> out = new LinkedHashMap<>();
        oids.forEach((table, oid) -> out.put(table, new TableDescription(schema, table,
                columns.getOrDefault(oid, List.of()), constraints.getOrDefault(oid, List.of()),
                indexes.getOrDefault(oid, List.of()))));
        return out;
    }

    private static Map<Long, List<TableDescription.Column>> columns(Connection c, Long[] oids) throws SQLException {
        String sql = """
                SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                       pg_get_expr(d.adbin, d.adrelid), a.attgenerated <> '', a.attidentity,
                       CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation
                            THEN quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END
                FROM pg_attribute a
                JOIN pg_type t ON t.oid = a.atttypid
                LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                LEFT JOIN pg_collation co ON co.oid = a.attcollation
                LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
                WHERE a.attrelid = ANY (?) AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY a.attrelid, a.attnum""";
        Map<Long, List<TableDescription.Column>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("oid", oids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String identity = switch (rs.getString(7)) {
                        case "a" -> "ALWAYS";
                        case "d" -> "BY DEFAULT";
                        default -> "";
                    };
                    out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new TableDescription.Column(
                            rs.getString(2), rs.getString(3), rs.getString(8), rs.getBoolean(4), rs.getString(5),
                            rs.getBoolean(6), identity));
                }
            }
        }
        return out;
    }

    /** NOT NULL entries (contype 'n', PostgreSQL 18+) are left out: the column's notNull already says it. */
    private static Map<Long, List<TableDescription.Constraint>> constraints(Connection c, Long[] oids)
            throws SQLException {
        String sql = """
                SELECT conrelid, conname, contype, pg_get_constraintdef(oid)
                FROM pg_constraint
                WHERE conrelid = ANY (?) AND contype IN ('p', 'u', 'c', 'x', 'f')""";
        Map<Long, List<TableDescription.Constraint>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("oid", oids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new TableDescription.Constraint(
                            rs.getString(2), rs.getString(3).charAt(0), rs.getString(4)));
                }
            }
        }
        out.values().forEach(l -> l.sort(Comparator.comparing(TableDescription.Constraint::name)));
        return out;
    }

    /** Indexes backing a primary key, unique or exclusion constraint come with the constraint, so they are skipped. */
    private static Map<Long, List<TableDescription.Index>> indexes(Connection c, Long[] oids) throws SQLException {
        String sql = """
                SELECT i.indrelid, x.relname, pg_get_indexdef(i.indexrelid)
                FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid
                WHERE i.indrelid = ANY (?)
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint k
                                  WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid
                                    AND k.contype IN ('p', 'u', 'x'))""";
        Map<Long, List<TableDescription.Index>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("oid", oids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new TableDescription.Index(rs.getString(2), rs.getString(3)));
                }
            }
        }
        out.values().forEach(l -> l.sort(Comparator.comparing(TableDescription.Index::name)));
        return out;
    }

    /** Every foreign key whose child or parent table is in {@code schema}. */
    static List<ForeignKey> foreignKeys(Connection c, String schema) throws SQLException {
        String sql = """
                SELECT cn.nspname, ct.relname, pn.nspname, pt.relname, k.conname
                FROM pg_constraint k
                JOIN pg_class ct ON ct.oid = k.conrelid JOIN pg_namespace cn ON cn.oid = ct.relnamespace
                JOIN pg_class pt ON pt.oid = k.confrelid JOIN pg_namespace pn ON pn.oid = pt.relnamespace
                WHERE k.contype = 'f' AND (cn.nspname = ? OR pn.nspname = ?)""";
        List<ForeignKey> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, schema);
            ps.setString(2, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ForeignKey(new TableName(rs.getString(1), rs.getString(2)),
                            new TableName(rs.getString(3), rs.getString(4)), rs.getString(5)));
                }
            }
        }
        return out;
    }
}
