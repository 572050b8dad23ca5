package dev.dataflow.handlers;

import dev.dataflow.DataflowException;
import dev.dataflow.config.Domain;
import dev.dataflow.config.Identifiers;
import dev.dataflow.exec.StepContext;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Refuses, before a populate takes any lock, to publish domains whose model tables the flow database does not have.
 * A publish carries a domain's children with it, and a later build of another domain can drop a child's model tables
 * (rebuilding boroughs rebuilds agencies, which drops capital-planning's): without this check the populate stopped on
 * PostgreSQL's bare "relation does not exist", naming neither the domain nor what to run.
 */
final class BuiltModelCheck {
    private BuiltModelCheck() {
    }

    static void require(StepContext ctx, Connection flow) throws SQLException {
        String schema = ctx.pipeline().flow().schema();
        Map<String, Domain> owner = new LinkedHashMap<>();
        ctx.domains().forEach(d -> d.tables().forEach(t -> owner.put(t, d)));
        List<String> missing = new ArrayList<>();
        String[] qualified = owner.keySet().stream()
                .map(t -> Identifiers.quote(schema) + "." + Identifiers.quote(t)).toArray(String[]::new);
        try (PreparedStatement ps = flow.prepareStatement("SELECT i FROM unnest(?::text[]) WITH ORDINALITY AS x(n, i) "
                + "WHERE to_regclass(n) IS NULL ORDER BY i")) {
            Array names = flow.createArrayOf("text", qualified);
            ps.setArray(1, names);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> tables = List.copyOf(owner.keySet());
                while (rs.next()) {
                    missing.add(tables.get(rs.getInt(1) - 1));
                }
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        Map<String, String> reasons = ctx.plan().publishReasons();
        Map<Domain, List<String>> byDomain = new LinkedHashMap<>();
        missing.forEach(t -> byDomain.computeIfAbsent(owner.get(t), d -> new ArrayList<>())
                .add(schema + "." + Identifiers.bare(t)));
        String unbuilt = byDomain.entrySet().stream().map(e -> {
            String why = reasons.getOrDefault(e.getKey().name(), "selected");
            return e.getKey().name() + " (" + (why.equals("selected") ? "" : why + ": ") + String.join(", ", e.getValue())
                    + ")";
        }).collect(Collectors.joining(" or "));
        List<String> selected = ctx.plan().selection().domains();
        throw DataflowException.stepFailed("the flow database has no model tables for " + unbuilt
                        + "; a populate publishes only domains built in the flow database",
                "build what the populate publishes in the same run, e.g. for the shipped flow: --group seed --group "
                        + "populate" + selected.stream().map(d -> " --domain " + d).collect(Collectors.joining()), null);
    }
}
