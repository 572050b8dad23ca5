package dev.dataflow.config;

import org.snakeyaml.engine.v2.nodes.Node;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.dataflow.config.ValueReader.orDefault;

/** Reads {@code settings:} (folders, parallelism, publishing, with their defaults) and {@code vars:}. */
final class SettingsReader {
    private static final Set<String> SETTINGS = Yaml.keys("sqlDir", "downloadDir", "convertDir", "renderDir",
            "drizzleSchema", "loadParallelism", "downloadParallelism", "splitLoadMiB", "rebuildIndexesMiB",
            "transformParallelism", "publishMode", "lockTimeoutMs", "lockRetries", "keepPrevious");

    private final Yaml yaml;
    private final ValueReader values;

    SettingsReader(Yaml yaml, ValueReader values) {
        this.yaml = yaml;
        this.values = values;
    }

    /** Reads the settings; the SQL folder's position goes to {@code positions} (its existence is checked later). */
    Settings settings(Node node, Positions positions) {
        Map<String, Node> m = node == null ? Map.of() : yaml.mapping(node, "settings", SETTINGS);
        List<String> ignored = new ArrayList<>();
        Path sql = Path.of(orDefault(values.text(m.get("sqlDir"), ignored), "sql"));
        Path download = Path.of(orDefault(values.text(m.get("downloadDir"), ignored), "data/download"));
        Path convert = Path.of(orDefault(values.text(m.get("convertDir"), ignored), "data/convert"));
        Path render = Path.of(orDefault(values.text(m.get("renderDir"), ignored), "target/rendered"));
        Path drizzle = Path.of(orDefault(values.text(m.get("drizzleSchema"), ignored), "drizzle/migrations/schema.ts"));
        int load = positive(m.get("loadParallelism"), "settings.loadParallelism", 4);
        int dl = positive(m.get("downloadParallelism"), "settings.downloadParallelism", 4);
        int transform = positive(m.get("transformParallelism"), "settings.transformParallelism",
                Settings.TRANSFORM_PARALLELISM);
        int split = 0;
        if (m.get("splitLoadMiB") != null) {
            Integer v = yaml.integer(m.get("splitLoadMiB"), "settings.splitLoadMiB");
            if (v != null && v < 0) {
                yaml.problem(m.get("splitLoadMiB"), "settings.splitLoadMiB must be 0 (never split) or more", null);
            }
            split = v == null || v < 0 ? 0 : v;
        }
        int rebuild = Settings.REBUILD_INDEXES_MIB;
        Node rebuildNode = m.get("rebuildIndexesMiB");
        String rebuildText = rebuildNode == null ? null : yaml.string(rebuildNode, "settings.rebuildIndexesMiB");
        if ("never".equals(rebuildText)) {
            rebuild = Settings.NEVER;
        } else if (rebuildText != null) {
            Integer v = yaml.integer(rebuildNode, "settings.rebuildIndexesMiB");
            if (v != null && v < 0) {
                yaml.problem(rebuildNode, "settings.rebuildIndexesMiB must be 0 (every table), more, or never", null);
            }
            rebuild = v == null || v < 0 ? rebuild : v;
        }
        positions.sqlDir(m.containsKey("sqlDir") ? yaml.pos(m.get("sqlDir")) : Pos.of(yaml.file()));
        return new Settings(sql, download, convert, render, drizzle, load, dl, split, rebuild, transform,
                PublishSettings.parse(yaml, m));
    }

    private int positive(Node node, String what, int fallback) {
        if (node == null) {
            return fallback;
        }
        Integer v = yaml.integer(node, what);
        if (v != null && v < 1) {
            yaml.problem(node, what + " must be at least 1", null);
        }
        return v == null || v < 1 ? fallback : v;
    }

    /** Reads {@code vars:}: plain names to values templates may paste into SQL, so only safe characters. */
    Map<String, Object> vars(Node node) {
        if (node == null) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        yaml.mapping(node, "vars", null).forEach((k, v) -> {
            if (!k.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                yaml.problem(v, "var name '" + k + "' must be a plain name", null);
            }
            Object value = yaml.plain(v);
            checkVarValue(k, value, v);
            out.put(k, value instanceof String s ? values.env().interpolate(s).value() : value);
        });
        return out;
    }

    private void checkVarValue(String name, Object value, Node at) {
        if (value instanceof String s && !Identifiers.isSafeValue(values.env().interpolate(s).value())) {
            yaml.problem(at, "var '" + name + "' holds characters that could change the SQL it is pasted into",
                    "vars may hold letters, digits, spaces and _ . , : / + @ = - only");
        } else if (value instanceof List<?> list) {
            list.forEach(item -> checkVarValue(name, item, at));
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(item -> checkVarValue(name, item, at));
        }
    }
}
