package dev.dataflow.schema;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Catalog queries for what tables need besides themselves: the user-defined types of their columns and the sequences
 * their defaults draw from. A table-by-table clone fails without them, which is why pg_dump's table filter was not
 * enough in the original flow.
 */
final class TableDependencies {
    private TableDependencies() {
    }

    /** A non-built-in type a column needs, with the extension that owns it, if any. */
    record NeededType(long oid, String schema, String name, char typtype, String extension) {
        String display() {
            return schema + "." + name;
        }
    }

    /** A domain type with everything CREATE DOMAIN needs; {@code baseDomain} is the oid of a domain it builds on, or 0. */
    record Domain(long oid, String schema, String name, String baseType, String collation, String defaultSql,
                  boolean notNull, List<String> checks, long baseDomain) {
        String createSql() {
            StringBuilder b = new StringBuilder("CREATE DOMAIN ").append(Sql.qualified(schema, name))
                    .append(" AS ").append(baseType);
            if (collation != null) {
                b.append(" COLLATE ").append(collation);
            }
            if (defaultSql != null) {
                b.append(" DEFAULT ").append(defaultSql);
            }
            if (notNull) {
                b.append(" NOT NULL");
            }
            for (String check : checks) {
                b.append(' ').append(check);
            }
            return b.toString();
        }
    }

    /**
     * A sequence a column default calls nextval() on (a serial column's, typically), with its parameters; the owner
     * is the column it belongs to, or null.
     */
    record Sequence(String schema, String name, String type, long start, long increment, long min, long max,
                    long cache, boolean cycle, TableName ownerTable, String ownerColumn) {
        String createSql() {
            return "CREATE SEQUENCE " + Sql.qualified(schema, name) + " AS " + type + " INCREMENT BY " + increment
                    + " MINVALUE " + min + " MAXVALUE " + max + " START WITH " + start + " CACHE " + cache
                    + (cycle ? " CYCLE" : " NO CYCLE");
        }
    }

    /**
     * The non-built-in types that columns of these tables use: element types of arrays, and for domains also their
     * base types, recursively.
     */
    static List<NeededType> neededTypes(Connection c, List<Long> tableOids) throws SQLException {
        Map<Long, NeededType> byOid = new HashMap<>();
        neededTypesByTable(c, tableOids).values().forEach(types -> types.forEach(t -> byOid.putIfAbsent(t.oid(), t)));
        List<NeededType> out = new ArrayList<>(byOid.values());
        out.sort(TYPE_ORDER);
        return out;
    }

    private static final Comparator<NeededType> TYPE_ORDER =
            Comparator.comparing(NeededType::schema).thenComparing(NeededType::name);

    /** {@link #neededTypes} of each table, in one query. */
    private static Map<Long, List<NeededType>> neededTypesByTable(Connection c, List<Long> tableOids)
            throws SQLException {
        String sql = """
                WITH RECURSIVE needed(rel, oid) AS (
                    SELECT a.attrelid, CASE WHEN t.typcategory = 'A' AND t.typelem <> 0 THEN t.typelem ELSE t.oid END
                    FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
                    WHERE a.attrelid = ANY (?) AND a.attnum > 0 AND NOT a.attisdropped
                  UNION
                    SELECT nd.rel, CASE WHEN b.typcategory = 'A' AND b.typelem <> 0 THEN b.typelem ELSE b.oid END
                    FROM needed nd JOIN pg_type t ON t.oid = nd.oid JOIN pg_type b ON b.oid = t.typbasetype
                    WHERE t.typtype = 'd'
                )
                SELECT nd.rel, t.oid, n.nspname, t.typname, t.typtype,
                       (SELECT e.extname FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
                        WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid
                          AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e')
                FROM needed nd JOIN pg_type t ON t.oid = nd.oid JOIN pg_namespace n ON n.oid = t.typnamespace
                WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')""";
        Map<Long, List<NeededType>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("bigint", tableOids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new NeededType(rs.getLong(2),
                            rs.getString(3), rs.getString(4), rs.getString(5).charAt(0), rs.getString(6)));
                }
            }
        }
        out.values().forEach(l -> l.sort(TYPE_ORDER));
        return out;
    }

    static EnumType enumType(Connection c, NeededType type) throws SQLException {
        String sql = """
                SELECT coalesce(array_agg(enumlabel ORDER BY enumsortorder), '{}')
                FROM pg_enum WHERE enumtypid = ?""";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, type.oid());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new EnumType(type.schema(), type.name(), Arrays.asList((String[]) rs.getArray(1).getArray()));
            }
        }
    }

    static Domain domain(Connection c, NeededType type) throws SQLException {
        String sql = """
                SELECT format_type(t.typbasetype, t.typtypmod),
                       CASE WHEN t.typcollation <> 0 AND t.typcollation <> b.typcollation
                            THEN quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END,
                       pg_get_expr(t.typdefaultbin, 0), t.typnotnull,
                       coalesce((SELECT array_agg('CONSTRAINT ' || quote_ident(k.conname) || ' '
                                                  || pg_get_constraintdef(k.oid) ORDER BY k.conname)
                                 FROM pg_constraint k WHERE k.contypid = t.oid AND k.contype = 'c'), '{}'),
                       CASE WHEN bb.typtype = 'd' THEN bb.oid ELSE 0 END
                FROM pg_type t
                JOIN pg_type b ON b.oid = t.typbasetype
                JOIN pg_type bb ON bb.oid = CASE WHEN b.typcategory = 'A' AND b.typelem <> 0 THEN b.typelem ELSE b.oid END
                LEFT JOIN pg_collation co ON co.oid = t.typcollation
                LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
                WHERE t.oid = ?""";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, type.oid());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Array checks = rs.getArray(5);
                return new Domain(type.oid(), type.schema(), type.name(), rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getBoolean(4), Arrays.asList((String[]) checks.getArray()),
                        rs.getLong(6));
            }
        }
    }

    /** Whether a type of this name exists; used on the flow side, where oids mean nothing. */
    static boolean typeExists(Connection c, String schema, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT 1 FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                WHERE n.nspname = ? AND t.typname = ?""")) {
            ps.setString(1, schema);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * What a table's fingerprint covers: its description plus the definitions of the enum and domain types its
     * columns use, since removing an enum value or tightening a domain check in the target breaks a publish as surely
     * as a changed column does. For several tables at once, by name; a type several tables use is read once.
     */
    static Map<String, List<String>> definitionLines(Connection c, Map<String, TableDescription> tables,
                                                     Map<String, Long> oids) throws SQLException {
        Map<Long, List<NeededType>> types = neededTypesByTable(c, List.copyOf(oids.values()));
        Map<Long, String> typeLines = new HashMap<>();
        for (List<NeededType> list : types.values()) {
            for (NeededType type : list) {
                if (type.extension() == null && type.typtype() == 'e' && !typeLines.containsKey(type.oid())) {
                    EnumType e = enumType(c, type);
                    typeLines.put(type.oid(), "CREATE TYPE " + Sql.qualified(e.schema(), e.name()) + " AS ENUM ("
                            + String.join(", ", e.values().stream().map(Sql::literal).toList()) + ")");
                } else if (type.extension() == null && type.typtype() == 'd' && !typeLines.containsKey(type.oid())) {
                    typeLines.put(type.oid(), domain(c, type).createSql());
                }
            }
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        tables.forEach((name, table) -> {
            List<String> lines = new ArrayList<>(table.lines());
            for (NeededType type : types.getOrDefault(oids.get(name), List.of())) {
                String line = typeLines.get(type.oid());
                if (line != null) {
                    lines.add(line);
                }
            }
            out.put(name, lines);
        });
        return out;
    }

    static List<Sequence> sequences(Connection c, List<Long> tableOids) throws SQLException {
        String sql = """
                SELECT DISTINCT sn.nspname, s.relname, format_type(q.seqtypid, NULL), q.seqstart, q.seqincrement,
                       q.seqmin, q.seqmax, q.seqcache, q.seqcycle, otn.nspname, ot.relname, oa.attname
                FROM pg_attrdef d
                JOIN pg_depend dep ON dep.classid = 'pg_attrdef'::regclass AND dep.objid = d.oid
                                  AND dep.refclassid = 'pg_class'::regclass
                JOIN pg_class s ON s.oid = dep.refobjid AND s.relkind = 'S'
                JOIN pg_namespace sn ON sn.oid = s.relnamespace
                JOIN pg_sequence q ON q.seqrelid = s.oid
                LEFT JOIN pg_depend od ON od.classid = 'pg_class'::regclass AND od.objid = s.oid
                                      AND od.refclassid = 'pg_class'::regclass AND od.deptype = 'a'
                LEFT JOIN pg_class ot ON ot.oid = od.refobjid
                LEFT JOIN pg_namespace otn ON otn.oid = ot.relnamespace
                LEFT JOIN pg_attribute oa ON oa.attrelid = od.refobjid AND oa.attnum = od.refobjsubid
                WHERE d.adrelid = ANY (?)""";
        List<Sequence> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("bigint", tableOids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TableName owner = rs.getString(11) == null ? null : new TableName(rs.getString(10), rs.getString(11));
                    out.add(new Sequence(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getBoolean(9), owner,
                            rs.getString(12)));
                }
            }
        }
        out.sort(Comparator.comparing(Sequence::schema).thenComparing(Sequence::name));
        return out;
    }
}
