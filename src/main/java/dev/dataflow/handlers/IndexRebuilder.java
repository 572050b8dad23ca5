package dev.dataflow.handlers;

import dev.dataflow.DataflowException;
import dev.dataflow.config.Identifiers;
import dev.dataflow.exec.Console;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sets the indexes and foreign keys of big published tables aside while a populate's COPYs fill them, then makes them
 * again from their own definitions in the same transaction, as pg_restore does.
 */
final class IndexRebuilder {
    // Why: a COPY into a table with indexes inserts each row into each index, and a foreign key fires a lookup per row
    // (three times the COPY's own time for one key to a five-row table). Built afterwards, an index sorts the rows once
    // and a foreign key is checked by one join. The TRUNCATE before the COPYs holds every published table's exclusive
    // lock, so nobody sees the tables without their indexes, and a failure rolls the drops back with the rest.

    enum Kind {
        INDEX("index"), CONSTRAINT("constraint"), FOREIGN_KEY("foreign key");

        final String word;

        Kind(String word) {
            this.word = word;
        }
    }

    /** An index, a constraint that owns one, or a foreign key: how to drop it and how to make it again. */
    record Item(String table, Kind kind, String name, String drop, String create) {
    }

    static final IndexRebuilder NONE = new IndexRebuilder(List.of(), List.of(), Map.of());

    // Foreign keys are dropped before the indexes they rely on, and made again after them.
    private final List<Item> foreignKeys;
    private final List<Item> indexes;
    private final Map<String, String> kept;

    private IndexRebuilder(List<Item> foreignKeys, List<Item> indexes, Map<String, String> kept) {
        this.foreignKeys = foreignKeys;
        this.indexes = indexes;
        this.kept = kept;
    }

    /** Big tables whose indexes stay during the COPY, with the reason. */
    Map<String, String> kept() {
        return kept;
    }

    /**
     * Decides, from both catalogs, what to set aside for the published {@code tables} (bare names) whose model table
     * takes {@code minBytes} or more in the flow database.
     */
    static IndexRebuilder plan(Connection flow, String flowSchema, Connection target, String schema, List<String> tables,
                               long minBytes) throws SQLException {
        List<String> big = new ArrayList<>();
        try (PreparedStatement ps = flow.prepareStatement("""
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relname = ANY (?) AND pg_table_size(c.oid) >= ?""")) {
            ps.setString(1, flowSchema);
            ps.setArray(2, flow.createArrayOf("text", tables.toArray()));
            ps.setLong(3, minBytes);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    big.add(rs.getString(1));
                }
            }
        }
        if (big.isEmpty()) {
            return NONE;
        }
        Set<String> alterable = new HashSet<>();
        Set<String> specialIndexes = new HashSet<>();
        // Ownership is needed to drop anything; partitions and inheritance would need their own rules. An index that
        // is clustered, a replica identity, invalid, commented, in a tablespace of its own or needed by an object
        // other than a foreign key would not come back exactly as it was, so its table keeps its indexes.
        try (PreparedStatement ps = target.prepareStatement("""
                SELECT t.relname,
                       t.relkind = 'r' AND NOT t.relispartition AND pg_has_role(t.relowner, 'USAGE')
                         AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = t.oid OR h.inhparent = t.oid),
                       EXISTS (SELECT 1 FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid
                               LEFT JOIN pg_constraint k ON k.conindid = i.indexrelid AND k.conrelid = t.oid
                                                         AND k.contype IN ('p', 'u', 'x')
                               WHERE i.indrelid = t.oid AND (i.indisclustered OR i.indisreplident OR NOT i.indisvalid
                                 OR x.reltablespace <> 0 OR obj_description(x.oid, 'pg_class') IS NOT NULL
                                 OR obj_description(k.oid, 'pg_constraint') IS NOT NULL
                                 OR EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = x.oid AND a.attstattarget >= 0)
                                 OR EXISTS (SELECT 1 FROM pg_depend d WHERE d.refclassid = 'pg_class'::regclass
                                            AND d.refobjid = x.oid AND d.classid <> 'pg_constraint'::regclass)))
                FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = ? AND t.relname = ANY (?)""")) {
            ps.setString(1, schema);
            ps.setArray(2, target.createArrayOf("text", tables.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getBoolean(2)) {
                        alterable.add(rs.getString(1));
                    }
                    if (rs.getBoolean(3)) {
                        specialIndexes.add(rs.getString(1));
                    }
                }
            }
        }
        Map<String, String> kept = new LinkedHashMap<>();
        Set<String> rebuilt = new LinkedHashSet<>();
        for (String t : big) {
            if (!alterable.contains(t)) {
                kept.put(t, "the API database user does not own it, or it is partitioned or inherited");
            } else if (specialIndexes.contains(t)) {
                kept.put(t, "an index of it is clustered, a replica identity, invalid, commented, in its own "
                        + "tablespace or needed by another object");
            } else {
                rebuilt.add(t);
            }
        }
        List<ForeignKey> keys = foreignKeys(target, schema, tables, big);
        for (ForeignKey k : keys) {
            // Dropping a table's unique index means dropping the foreign keys that point at it, from any table.
            if (rebuilt.contains(k.parent) && (!k.childInSet || !alterable.contains(k.child) || k.commented)) {
                rebuilt.remove(k.parent);
                kept.put(k.parent, "foreign key " + k.name + " of " + k.child + " needs its index"
                        + (k.commented ? " and has a comment" : k.childInSet ? " and cannot be dropped" : ""));
            }
        }
        if (rebuilt.isEmpty()) {
            return new IndexRebuilder(List.of(), List.of(), kept);
        }
        List<Item> dropped = new ArrayList<>();
        for (ForeignKey k : keys) {
            // A foreign key to a table outside the publish set stays: re-adding it would lock that table.
            if (!k.commented && (rebuilt.contains(k.parent) || rebuilt.contains(k.child) && k.parentInSet)) {
                String alter = "ALTER TABLE " + qualified(schema, k.child);
                dropped.add(new Item(k.child, Kind.FOREIGN_KEY, k.name, alter + " DROP CONSTRAINT " + Identifiers.quoteExact(k.name),
                        alter + " ADD CONSTRAINT " + Identifiers.quoteExact(k.name) + " " + k.definition));
            }
        }
        List<Item> indexes = new ArrayList<>();
        try (PreparedStatement ps = target.prepareStatement("""
                SELECT t.relname, x.relname, k.conname, pg_get_indexdef(i.indexrelid), pg_get_constraintdef(k.oid)
                FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                LEFT JOIN pg_constraint k ON k.conindid = i.indexrelid AND k.conrelid = t.oid
                                          AND k.contype IN ('p', 'u', 'x')
                WHERE n.nspname = ? AND t.relname = ANY (?)
                ORDER BY t.relname, x.relname""")) {
            ps.setString(1, schema);
            ps.setArray(2, target.createArrayOf("text", rebuilt.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String table = rs.getString(1);
                    String constraint = rs.getString(3);
                    if (constraint == null) {
                        indexes.add(new Item(table, Kind.INDEX, rs.getString(2),
                                "DROP INDEX " + qualified(schema, rs.getString(2)), rs.getString(4)));
                    } else {
                        String alter = "ALTER TABLE " + qualified(schema, table);
                        indexes.add(new Item(table, Kind.CONSTRAINT, constraint, alter + " DROP CONSTRAINT "
                                + Identifiers.quoteExact(constraint), alter + " ADD CONSTRAINT " + Identifiers.quoteExact(constraint) + " " + rs.getString(5)));
                    }
                }
            }
        }
        return new IndexRebuilder(List.copyOf(dropped), List.copyOf(indexes), kept);
    }

    private record ForeignKey(String name, String child, boolean childInSet, String parent, boolean parentInSet,
                              String definition, boolean commented) {
    }

    /** The foreign keys from or to the {@code big} tables. */
    private static List<ForeignKey> foreignKeys(Connection target, String schema, List<String> tables, List<String> big)
            throws SQLException {
        List<ForeignKey> out = new ArrayList<>();
        try (PreparedStatement ps = target.prepareStatement("""
                SELECT k.conname, c.relname, cn.nspname = ? AND c.relname = ANY (?), p.relname,
                       pn.nspname = ? AND p.relname = ANY (?), pg_get_constraintdef(k.oid),
                       obj_description(k.oid, 'pg_constraint') IS NOT NULL
                FROM pg_constraint k
                JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace cn ON cn.oid = c.relnamespace
                JOIN pg_class p ON p.oid = k.confrelid JOIN pg_namespace pn ON pn.oid = p.relnamespace
                WHERE k.contype = 'f' AND ((cn.nspname = ? AND c.relname = ANY (?)) OR (pn.nspname = ? AND p.relname = ANY (?)))
                ORDER BY c.relname, k.conname""")) {
            java.sql.Array set = target.createArrayOf("text", tables.toArray());
            java.sql.Array bigs = target.createArrayOf("text", big.toArray());
            ps.setString(1, schema);
            ps.setArray(2, set);
            ps.setString(3, schema);
            ps.setArray(4, set);
            ps.setString(5, schema);
            ps.setArray(6, bigs);
            ps.setString(7, schema);
            ps.setArray(8, bigs);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ForeignKey(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4),
                            rs.getBoolean(5), rs.getString(6), rs.getBoolean(7)));
                }
            }
        }
        return out;
    }

    /** Drops what is set aside; the caller's transaction already holds the tables' exclusive locks. */
    void drop(Connection target) {
        if (foreignKeys.isEmpty() && indexes.isEmpty()) {
            return;
        }
        try (Statement s = target.createStatement()) {
            for (Item i : foreignKeys) {
                s.addBatch(i.drop());
            }
            for (Item i : indexes) {
                s.addBatch(i.drop());
            }
            s.executeBatch();
        } catch (SQLException e) {
            SQLException cause = e.getNextException() != null ? e.getNextException() : e;
            throw DataflowException.stepFailed("setting indexes and foreign keys aside before the copy failed: "
                    + cause.getMessage(), "settings.rebuildIndexesMiB: never keeps them in place", e);
        }
    }

    /**
     * Makes every index and constraint again, then the foreign keys, and tells the console what each table got back and
     * how long it took. A row the definitions reject fails the step, naming the index or constraint.
     */
    void rebuild(Connection target, Console console) {
        Map<String, long[]> perTable = new LinkedHashMap<>();
        Map<String, Map<Kind, Integer>> counts = new LinkedHashMap<>();
        List<Item> order = new ArrayList<>(indexes);
        order.addAll(foreignKeys);
        try (Statement s = target.createStatement()) {
            for (int n = 0; n < order.size(); n++) {
                Item i = order.get(n);
                console.progress("  rebuilding " + i.kind().word + " " + i.name() + " of " + i.table() + " (" + (n + 1)
                        + " of " + order.size() + ")");
                long start = System.nanoTime();
                try {
                    s.execute(i.create());
                } catch (SQLException e) {
                    throw DataflowException.stepFailed("rebuilding " + i.kind().word + " " + i.name() + " of " + i.table()
                            + " after the copy failed: " + e.getMessage(), "the model rows break the API table's "
                            + i.kind().word + "; fix the transform (nothing was published)", e);
                }
                perTable.computeIfAbsent(i.table(), t -> new long[1])[0] += System.nanoTime() - start;
                counts.computeIfAbsent(i.table(), t -> new LinkedHashMap<>()).merge(i.kind(), 1, Integer::sum);
            }
        } catch (SQLException e) {
            throw DataflowException.stepFailed("rebuilding indexes after the copy failed: " + e.getMessage(), null, e);
        }
        counts.forEach((table, byKind) -> {
            List<String> parts = new ArrayList<>();
            byKind.forEach((kind, n) -> parts.add(n + " " + kind.word + (n == 1 ? "" : kind == Kind.INDEX ? "es" : "s")));
            console.line("  " + table + " rebuilt " + String.join(", ", parts) + " "
                    + Console.seconds(perTable.get(table)[0]));
        });
    }

    private static String qualified(String schema, String name) {
        return Identifiers.quoteExact(schema) + "." + Identifiers.quoteExact(name);
    }
}
