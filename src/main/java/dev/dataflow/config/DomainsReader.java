package dev.dataflow.config;

import org.snakeyaml.engine.v2.nodes.Node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code domains:}: each domain's parents, tables, sources, per-step templates and checks. What a domain says
 * about other domains and steps is left to the cross-checks, which get the positions they need.
 */
final class DomainsReader {
    private static final Pattern DOMAIN_NAME = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Set<String> DOMAIN = Yaml.keys("parents", "tables", "sources", "sql", "checks");

    private final Yaml yaml;
    private final SourceReader sources;
    private final CheckReader checks;

    DomainsReader(Yaml yaml) {
        this.yaml = yaml;
        this.sources = new SourceReader(yaml);
        this.checks = new CheckReader(yaml);
    }

    List<Domain> read(Node node, Positions positions) {
        List<Domain> domains = new ArrayList<>();
        if (node == null) {
            return domains;
        }
        Map<String, Node> keys = yaml.keyNodes(node);
        for (Map.Entry<String, Node> e : yaml.mapping(node, "domains", null).entrySet()) {
            String name = e.getKey();
            Node keyNode = keys.get(name);
            if (name.equals("all")) {
                yaml.problem(keyNode, "'all' is reserved: it selects every domain", "rename the domain");
                continue;
            }
            if (!DOMAIN_NAME.matcher(name).matches()) {
                yaml.problem(keyNode, "domain name '" + name + "' must match [a-z][a-z0-9-]*", null);
            }
            Node body = e.getValue();
            Map<String, Node> m = Yaml.isNull(body) ? Map.of() : yaml.mapping(body, "domain " + name, DOMAIN);
            domains.add(domain(name, m, yaml.pos(keyNode), positions));
        }
        return domains;
    }

    private Domain domain(String name, Map<String, Node> m, Pos pos, Positions positions) {
        List<String> parents = yaml.strings(m.get("parents"), "parents");
        List<String> tables = yaml.strings(m.get("tables"), "tables");
        positions.tableList(name, yaml.pos(m.get("tables")));
        for (String t : tables) {
            if (!Identifiers.isValid(t)) {
                yaml.problem(m.get("tables"), "table name '" + t + "' is not a valid identifier",
                        "use [a-z_][a-z0-9_]* or a double-quoted name");
            }
        }
        List<Source> read = new ArrayList<>();
        if (m.containsKey("sources")) {
            for (Node s : yaml.sequence(m.get("sources"), "sources")) {
                Source src = sources.read(name, s, positions);
                if (src != null) {
                    read.add(src);
                }
            }
        }
        Map<String, List<String>> sql = new LinkedHashMap<>();
        if (m.containsKey("sql")) {
            Map<String, Node> sqlKeys = yaml.keyNodes(m.get("sql"));
            yaml.mapping(m.get("sql"), "domain " + name + " sql", null).forEach((stepId, v) -> {
                positions.sqlKey(name, stepId, yaml.pos(sqlKeys.get(stepId)));
                List<String> files = yaml.strings(v, "sql");
                files.forEach(t -> positions.template(t, yaml.pos(v)));
                sql.put(stepId, List.copyOf(files));
            });
        }
        List<Check> declared = new ArrayList<>();
        if (m.containsKey("checks")) {
            for (Node c : yaml.sequence(m.get("checks"), "checks")) {
                Check check = checks.read(name, tables, c, positions);
                if (check != null) {
                    declared.add(check);
                }
            }
        }
        return new Domain(name, List.copyOf(parents), List.copyOf(tables), List.copyOf(read), Map.copyOf(sql),
                List.copyOf(declared), pos);
    }
}
