package dev.dataflow.config;

import org.snakeyaml.engine.v2.nodes.Node;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads {@code steps:} in declaration order: id, kind, group, needs, step-wide templates, database. */
final class StepsReader {
    private static final Pattern STEP_ID = Pattern.compile("[a-z0-9-]+(:[a-z0-9-]+){1,2}");
    private static final Set<String> STEP = Yaml.keys("id", "kind", "group", "needs", "flow", "sql", "database",
            "description");

    private final Yaml yaml;

    StepsReader(Yaml yaml) {
        this.yaml = yaml;
    }

    /**
     * Reads the steps; a step with an unknown kind is kept with a null kind (so references to it are not reported
     * as unknown too) and its problem is reported. Template names go to {@code positions}.
     */
    List<Step> read(Node node, Node root, Positions positions) {
        List<Step> steps = new ArrayList<>();
        if (node == null) {
            yaml.problem(new Problem(yaml.pos(root), "the pipeline declares no steps", "add a 'steps:' list"));
            return steps;
        }
        Set<String> seen = new LinkedHashSet<>();
        for (Node item : yaml.sequence(node, "steps")) {
            Map<String, Node> m = yaml.mapping(item, "a step", STEP);
            String id = m.containsKey("id") ? yaml.string(m.get("id"), "step id") : null;
            if (id == null) {
                yaml.problem(item, "a step needs an id", "ids look like <tool>:<target>:<operation>");
                continue;
            }
            if (!STEP_ID.matcher(id).matches()) {
                yaml.problem(m.get("id"), "step id '" + id + "' must look like <tool>:<target>:<operation>", null);
            }
            if (!seen.add(id)) {
                yaml.problem(m.get("id"), "step id '" + id + "' is declared twice", null);
            }
            StepKind kind = kind(m, item, id);
            String group = m.containsKey("group") && !Yaml.isNull(m.get("group"))
                    ? yaml.string(m.get("group"), "group") : null;
            List<String> needs = yaml.strings(m.get("needs"), "needs");
            Boolean flow = m.containsKey("flow") ? yaml.bool(m.get("flow"), "flow") : Boolean.TRUE;
            List<String> sql = yaml.strings(m.get("sql"), "sql");
            sql.forEach(t -> positions.template(t, yaml.pos(m.get("sql"))));
            String database = m.containsKey("database") ? yaml.string(m.get("database"), "database") : "flow";
            if (database != null && !database.equals("flow") && !database.equals("target")) {
                yaml.problem(m.get("database"), "database must be flow or target, not '" + database + "'", null);
            }
            String description = m.containsKey("description") ? yaml.string(m.get("description"), "description") : "";
            steps.add(new Step(id, kind, group, List.copyOf(needs), flow == null || flow, List.copyOf(sql), database,
                    description, yaml.pos(item)));
        }
        return steps;
    }

    /** The step's kind, or null with a problem when it is missing or unknown. */
    private StepKind kind(Map<String, Node> m, Node item, String id) {
        String kindName = m.containsKey("kind") ? yaml.string(m.get("kind"), "kind") : null;
        if (kindName == null) {
            yaml.problem(item, "step " + id + " needs a kind", kindHint());
            return null;
        }
        StepKind kind = StepKind.fromYaml(kindName).orElse(null);
        if (kind == null) {
            yaml.problem(m.get("kind"), "unknown step kind '" + kindName + "'",
                    Names.didYouMean(kindName, kindNames()).orElse(kindHint()));
        }
        return kind;
    }

    private static List<String> kindNames() {
        return Arrays.stream(StepKind.values()).map(StepKind::yamlName).toList();
    }

    private static String kindHint() {
        return "kinds: " + String.join(", ", kindNames());
    }
}
