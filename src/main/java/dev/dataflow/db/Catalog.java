package dev.dataflow.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the populate step needs from a database's catalog: foreign-key edges and column lists. */
public final class Catalog {
    private Catalog() {
    }

    /** Foreign keys among the tables of a schema: child table → the tables it references. */
    public static Map<String, Set<String>> foreignKeys(Connection c, String schema) throws SQLException {
        Map<String, Set<String>> edges = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT child.relname, parent.relname
                FROM pg_constraint k
                JOIN pg_class child ON child.oid = k.conrelid
                JOIN pg_class parent ON parent.oid = k.confrelid
                JOIN pg_namespace n ON n.oid = child.relnamespace
                WHERE k.contype = 'f' AND n.nspname = ?
                ORDER BY 1, 2""")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    edges.computeIfAbsent(rs.getString(1), k -> new LinkedHashSet<>()).add(rs.getString(2));
                }
            }
        }
        return edges;
    }

    /** Tables outside {@code set} that a TRUNCATE ... CASCADE of the set would empty (directly or transitively). */
    public static Set<String> cascadeOutside(Map<String, Set<String>> foreignKeys, Set<String> set) {
        Set<String> reached = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(set);
        while (!todo.isEmpty()) {
            String parent = todo.poll();
            foreignKeys.forEach((child, parents) -> {
                if (parents.contains(parent) && !set.contains(child) && reached.add(child)) {
                    todo.add(child);
                }
            });
        }
        return reached;
    }

    /** The tables in an order where every referenced table comes first; ties keep the given order. */
    public static List<String> parentsFirst(Map<String, Set<String>> foreignKeys, List<String> tables) {
        List<String> out = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        while (out.size() < tables.size()) {
            boolean progressed = false;
            for (String t : tables) {
                if (placed.contains(t)) {
                    continue;
                }
                boolean ready = foreignKeys.getOrDefault(t, Set.of()).stream()
                        .allMatch(p -> p.equals(t) || !tables.contains(p) || placed.contains(p));
                if (ready) {
                    out.add(t);
                    placed.add(t);
                    progressed = true;
                    break;
                }
            }
            if (!progressed) {
                // A cycle of foreign keys: keep the declared order for the rest.
                tables.stream().filter(t -> !placed.contains(t)).forEach(t -> {
                    out.add(t);
                    placed.add(t);
                });
            }
        }
        return out;
    }

    /** The column names of a table in physical order (dropped and generated columns left out), or empty if absent. */
    public static List<String> columns(Connection c, String schema, String table) throws SQLException {
        List<String> cols = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT a.attname FROM pg_attribute a
                JOIN pg_class t ON t.oid = a.attrelid JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = ? AND t.relname = ? AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
                ORDER BY a.attnum""")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cols.add(rs.getString(1));
                }
            }
        }
        return cols;
    }
}
