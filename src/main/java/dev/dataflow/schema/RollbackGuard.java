package dev.dataflow.schema;

import dev.dataflow.DataflowException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Refuses a rollback whose previous copy went stale: a table the last swap recorded is gone, was replaced or
 * rewritten (its {@code oid:relfilenode} changed), or the target schema's definitions no longer match the previous
 * tables'. Run under the swap's exclusive locks, so nothing changes between the check and the swap.
 */
final class RollbackGuard {
    private static final String PREVIOUS = PublicationPlan.PREVIOUS_SCHEMA;

    private RollbackGuard() {
    }

    /** Throws, naming what changed, unless the tables are as {@code rec} left them. */
    static void check(Connection conn, String schema, SwapRecord rec) throws SQLException {
        List<String> changed = new ArrayList<>();
        compare(SwapRecord.identities(conn, schema, rec.tables()), rec.live(), schema, changed);
        compare(SwapRecord.identities(conn, PREVIOUS, rec.tables()), rec.previous(), PREVIOUS, changed);
        if (!changed.isEmpty()) {
            throw DataflowException.stepFailed("refusing to roll back: the tables changed since the " + rec.action()
                    + " of " + rec.at() + " (" + String.join("; ", changed) + ")",
                    "a later publish, a rewrite or a dropped table makes the previous copy stale", null);
        }
        List<String> differ = definitionDifferences(conn, schema, rec.tables());
        if (!differ.isEmpty()) {
            throw DataflowException.stepFailed("refusing to roll back: the API schema changed since the "
                    + rec.action() + " of " + rec.at() + ": " + String.join(" | ", differ),
                    "the previous tables no longer match the API's definitions", null);
        }
    }

    private static void compare(Map<String, String> now, Map<String, String> recorded, String schema,
                                List<String> changed) {
        recorded.forEach((t, id) -> {
            String current = now.get(t);
            if (current == null) {
                changed.add(schema + "." + t + " is gone");
            } else if (!current.equals(id)) {
                changed.add(schema + "." + t + " was replaced or rewritten");
            }
        });
    }

    /**
     * Where the previous tables' definitions differ from the live ones'. Each side is read with its own schema first
     * on the search_path, so keys among the set read alike; index definitions name their schema, which is set aside.
     */
    private static List<String> definitionDifferences(Connection c, String schema, List<String> tables)
            throws SQLException {
        Map<String, List<String>> live = Sql.withSearchPath(c, Sql.ident(schema),
                conn -> lines(conn, schema, tables));
        Map<String, List<String>> previous = Sql.withSearchPath(c, Sql.ident(PREVIOUS) + ", " + Sql.ident(schema),
                conn -> lines(conn, PREVIOUS, tables));
        List<String> out = new ArrayList<>();
        for (String t : tables) {
            List<String> a = live.getOrDefault(t, List.of());
            List<String> b = previous.getOrDefault(t, List.of());
            if (!Objects.equals(a, b)) {
                out.add(schema + "." + t + ": " + String.join("; ", ReplicatedDefinitions.difference(b, a)));
            }
        }
        return out;
    }

    private static Map<String, List<String>> lines(Connection c, String schema, List<String> tables)
            throws SQLException {
        Map<String, Long> oids = new LinkedHashMap<>();
        CatalogReader.relations(c, schema, tables).forEach((name, r) -> oids.put(name, r.oid()));
        String qualifiedSchema;
        try (PreparedStatement ps = c.prepareStatement("SELECT quote_ident(?)")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                qualifiedSchema = rs.getString(1) + ".";
            }
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        CatalogReader.describe(c, schema, oids).forEach((name, d) -> out.put(name, d.lines().stream().skip(1)
                .map(l -> l.startsWith("index ") ? l.replace(" ON " + qualifiedSchema, " ON ") : l).toList()));
        return out;
    }
}
