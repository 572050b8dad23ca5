package dev.dataflow.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The column names of tables, read from a database's catalog, for matching model and target columns by name before a
 * COPY. (The schema package's {@code CatalogReader} reads whole table definitions for replication and drift.)
 */
public final class TableColumns {
    private TableColumns() {
    }

    /**
     * The column names of each table in physical order (dropped and generated columns left out), read in one query; a
     * table that does not exist maps to an empty list.
     */
    public static Map<String, List<String>> read(Connection c, String schema, List<String> tables) throws SQLException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        tables.forEach(t -> out.put(t, new ArrayList<>()));
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT t.relname, a.attname FROM pg_attribute a
                JOIN pg_class t ON t.oid = a.attrelid JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = ? AND t.relname = ANY (?) AND a.attnum > 0 AND NOT a.attisdropped
                  AND a.attgenerated = ''
                ORDER BY t.relname, a.attnum""")) {
            ps.setString(1, schema);
            ps.setArray(2, c.createArrayOf("text", tables.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.get(rs.getString(1)).add(rs.getString(2));
                }
            }
        }
        return out;
    }
}
