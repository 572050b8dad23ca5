package dev.dataflow.config;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Typed reading of a YAML node tree that records every problem with its position instead of stopping at the first.
 */
final class Yaml {
    private final String file;
    private final List<Problem> problems;

    Yaml(String file, List<Problem> problems) {
        this.file = file;
        this.problems = problems;
    }

    /** Parses text into a node tree; a syntax error is returned as a problem and an empty result. */
    Optional<Node> compose(String text) {
        LoadSettings settings = LoadSettings.builder().setLabel(file).setAllowDuplicateKeys(false).build();
        try {
            return new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            Pos pos = e.getProblemMark().map(this::pos).orElse(Pos.of(file));
            problems.add(new Problem(pos, "YAML syntax: " + e.getProblem(), e.getContext()));
            return Optional.empty();
        } catch (YamlEngineException e) {
            problems.add(new Problem(Pos.of(file), "YAML: " + e.getMessage(), null));
            return Optional.empty();
        }
    }

    Pos pos(Node node) {
        if (node == null) {
            return Pos.of(file);
        }
        return node.getStartMark().map(this::pos).orElse(Pos.of(file));
    }

    private Pos pos(Mark mark) {
        return new Pos(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    void problem(Node at, String message, String hint) {
        problems.add(new Problem(pos(at), message, hint));
    }

    /** A problem at a position already known (a step's, a domain's), not at a node. */
    void problem(Problem problem) {
        problems.add(problem);
    }

    /** The file label positions name. */
    String file() {
        return file;
    }

    /** The keys a mapping may hold, in the order the "known keys" hint lists them. */
    static Set<String> keys(String... keys) {
        return new java.util.LinkedHashSet<>(List.of(keys));
    }

    /** The entries of a mapping, checking that every key is known (unknown keys get a did-you-mean hint). */
    Map<String, Node> mapping(Node node, String what, Set<String> known) {
        Map<String, Node> out = new LinkedHashMap<>();
        if (!(node instanceof MappingNode m)) {
            problem(node, what + " must be a mapping", null);
            return out;
        }
        Map<String, Node> seen = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String key = scalarText(t.getKeyNode());
            if (key == null) {
                problem(t.getKeyNode(), "keys in " + what + " must be plain names", null);
                continue;
            }
            Node first = seen.putIfAbsent(key, t.getKeyNode());
            if (first != null) {
                // YAML would let the second silently win: a second url: switches databases.
                problem(t.getKeyNode(), "duplicate key '" + key + "' in " + what + ": also on line "
                        + pos(first).line() + "; keep one", null);
                continue;
            }
            if (known != null && !known.contains(key)) {
                problem(t.getKeyNode(), "unknown key '" + key + "' in " + what,
                        Names.didYouMean(key, known).orElse("known keys: " + String.join(", ", known)));
                continue;
            }
            out.put(key, t.getValueNode());
        }
        return out;
    }

    /** The key nodes of a mapping (for positions of map keys such as domain names). */
    Map<String, Node> keyNodes(Node node) {
        Map<String, Node> out = new LinkedHashMap<>();
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                String key = scalarText(t.getKeyNode());
                if (key != null) {
                    out.putIfAbsent(key, t.getKeyNode());
                }
            }
        }
        return out;
    }

    List<Node> sequence(Node node, String what) {
        if (node instanceof SequenceNode s) {
            return s.getValue();
        }
        problem(node, what + " must be a list", null);
        return List.of();
    }

    /** A scalar as text; null (with a problem) when the node is not a scalar. */
    String string(Node node, String what) {
        String s = scalarText(node);
        if (s == null) {
            problem(node, what + " must be a single value", null);
        }
        return s;
    }

    /** A list of strings; a single scalar is accepted as a one-element list. */
    List<String> strings(Node node, String what) {
        if (node == null) {
            return List.of();
        }
        if (node instanceof ScalarNode && isNull(node)) {
            return List.of();
        }
        if (node instanceof ScalarNode) {
            return List.of(scalarText(node));
        }
        List<String> out = new ArrayList<>();
        for (Node item : sequence(node, what)) {
            String s = string(item, "an item of " + what);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    Boolean bool(Node node, String what) {
        String s = string(node, what);
        if (s == null) {
            return null;
        }
        return switch (s.toLowerCase()) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> {
                problem(node, what + " must be true or false, not '" + s + "'", null);
                yield null;
            }
        };
    }

    Integer integer(Node node, String what) {
        String s = string(node, what);
        if (s == null) {
            return null;
        }
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            problem(node, what + " must be a whole number, not '" + s + "'", null);
            return null;
        }
    }

    /** A plain value for {@code vars}: scalars stay strings, mappings become maps, sequences lists. */
    Object plain(Node node) {
        if (node instanceof ScalarNode s) {
            return isNull(node) ? null : s.getValue();
        }
        if (node instanceof SequenceNode s) {
            List<Object> out = new ArrayList<>();
            s.getValue().forEach(n -> out.add(plain(n)));
            return out;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        mapping(node, "vars", null).forEach((k, v) -> out.put(k, plain(v)));
        return out;
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getTag().getValue().endsWith(":null")
                && (s.getValue().isEmpty() || s.getValue().equals("~") || s.getValue().equalsIgnoreCase("null"));
    }

    private static String scalarText(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : null;
    }
}
