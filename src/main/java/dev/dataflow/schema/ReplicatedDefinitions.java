package dev.dataflow.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The definitions the model tables were replicated from: each target table's description lines and their fingerprint,
 * kept in the flow database ({@code dataflow.model_fingerprint}) so that the populate step, possibly a later process,
 * can tell whether the target schema changed since the model tables were cloned. The lines are stored next to the hash
 * so a drift message can say what changed. (Not to be confused with a step's input fingerprint, which resume
 * compares: that one lives in the {@code state} package.)
 */
final class ReplicatedDefinitions {
    static final String TABLE = "dataflow.model_fingerprint";

    private ReplicatedDefinitions() {
    }

    /** A stored fingerprint and the description lines it was computed from. */
    record Stored(String fingerprint, List<String> lines) {
    }

    /** SHA-256 over length-prefixed lines, so no line content (newlines included) can make two lists collide. */
    static String fingerprint(List<String> lines) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String line : lines) {
                byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
                sha.update(bytes);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static void ensureTable(Connection flow) throws SQLException {
        Sql.execute(flow, "CREATE SCHEMA IF NOT EXISTS dataflow");
        Sql.execute(flow, """
                CREATE TABLE IF NOT EXISTS dataflow.model_fingerprint (
                    table_schema text NOT NULL,
                    table_name text NOT NULL,
                    fingerprint text NOT NULL,
                    definition text[] NOT NULL,
                    replicated_at timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (table_schema, table_name)
                )""");
    }

    static void save(Connection flow, TableName table, List<String> lines) throws SQLException {
        try (PreparedStatement ps = flow.prepareStatement("""
                INSERT INTO dataflow.model_fingerprint (table_schema, table_name, fingerprint, definition)
                VALUES (?, ?, ?, ?)
                ON CONFLICT (table_schema, table_name)
                DO UPDATE SET fingerprint = excluded.fingerprint, definition = excluded.definition,
                              replicated_at = now()""")) {
            ps.setString(1, table.schema());
            ps.setString(2, table.name());
            ps.setString(3, fingerprint(lines));
            ps.setArray(4, flow.createArrayOf("text", lines.toArray()));
            ps.executeUpdate();
        }
    }

    /** The stored fingerprints of tables of one schema, by name; tables never replicated are left out. */
    static Map<String, Stored> load(Connection flow, String schema, List<String> tables) throws SQLException {
        Map<String, Stored> out = new HashMap<>();
        if (!exists(flow)) {
            return out;
        }
        try (PreparedStatement ps = flow.prepareStatement("SELECT table_name, fingerprint, definition "
                + "FROM dataflow.model_fingerprint WHERE table_schema = ? AND table_name = ANY (?)")) {
            ps.setString(1, schema);
            ps.setArray(2, flow.createArrayOf("text", tables.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Stored(rs.getString(2),
                            Arrays.asList((String[]) rs.getArray(3).getArray())));
                }
            }
        }
        return out;
    }

    /** Tables replicated earlier: the flow tables this tool may drop without asking. */
    static List<TableName> recorded(Connection flow) throws SQLException {
        List<TableName> out = new ArrayList<>();
        if (!exists(flow)) {
            return out;
        }
        try (PreparedStatement ps = flow.prepareStatement("SELECT table_schema, table_name FROM dataflow.model_fingerprint");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new TableName(rs.getString(1), rs.getString(2)));
            }
        }
        return out;
    }

    static void delete(Connection flow, TableName table) throws SQLException {
        try (PreparedStatement ps = flow.prepareStatement(
                "DELETE FROM dataflow.model_fingerprint WHERE table_schema = ? AND table_name = ?")) {
            ps.setString(1, table.schema());
            ps.setString(2, table.name());
            ps.executeUpdate();
        }
    }

    private static boolean exists(Connection flow) throws SQLException {
        try (PreparedStatement ps = flow.prepareStatement("SELECT to_regclass('dataflow.model_fingerprint') IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** The lines only in the stored description ("-") and only in the current one ("+"), in their own order. */
    static List<String> difference(List<String> stored, List<String> current) {
        List<String> out = new ArrayList<>();
        for (String line : stored) {
            if (!current.contains(line)) {
                out.add("- " + line);
            }
        }
        for (String line : current) {
            if (!stored.contains(line)) {
                out.add("+ " + line);
            }
        }
        return out;
    }
}
