package dev.dataflow.config;

import org.snakeyaml.engine.v2.nodes.Node;

import java.util.List;
import java.util.Optional;

/**
 * Reads scalar values with their {@code ${VAR}} references filled in from the environment, and reports a bad value
 * where its fix goes: at the .env line it came from, else at the pipeline.yaml node.
 */
final class ValueReader {
    private final Yaml yaml;
    private final Env env;

    ValueReader(Yaml yaml, Env env) {
        this.yaml = yaml;
        this.env = env;
    }

    Env env() {
        return env;
    }

    /** An interpolated scalar, or null when absent; the names of unset variables it uses are added to {@code unset}. */
    String text(Node node, List<String> unset) {
        if (node == null || Yaml.isNull(node)) {
            return null;
        }
        String raw = yaml.string(node, "value");
        if (raw == null) {
            return null;
        }
        Env.Interpolated i = env.interpolate(raw);
        unset.addAll(i.unset());
        return i.value();
    }

    static String orDefault(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    /**
     * A problem with an interpolated value: at the .env line the value came from when it came from one (that is
     * where the fix goes), else at the pipeline.yaml node.
     */
    void problemFromValue(Node at, String message, String hint) {
        Optional<Pos> from = at == null ? Optional.empty() : env.origin(yaml.string(at, "value"));
        if (from.isPresent()) {
            yaml.problem(new Problem(from.get(), message + " (used at " + yaml.pos(at) + ")", hint));
        } else {
            yaml.problem(at, message, hint);
        }
    }
}
