package dev.dataflow.config;

import org.snakeyaml.engine.v2.nodes.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one entry of a domain's {@code checks:} into the {@link Check} record of its kind. Every key is read and
 * checked whatever the kind, so a mistake is reported even on a key that kind ignores.
 */
final class CheckReader {
    private static final Set<String> CHECK = Yaml.keys("check", "name", "table", "column", "columns", "values", "to",
            "field", "min", "max_change", "srid", "types", "extent", "sql", "severity");
    /** The kinds as pipeline.yaml spells them, in the order the hint lists them. */
    static final List<String> KINDS = List.of("not_null", "unique", "accepted_values", "relationships", "row_count",
            "valid", "srid", "geometry_type", "not_empty", "within_extent", "sql");
    private static final Set<String> NO_COLUMN = Set.of("row_count", "sql");

    private final Yaml yaml;

    CheckReader(Yaml yaml) {
        this.yaml = yaml;
    }

    /** The check, or null when its kind or (for all but sql) its table is missing; the problem is reported. */
    Check read(String domain, List<String> tables, Node node, Positions positions) {
        Map<String, Node> m = yaml.mapping(node, "a check of " + domain, CHECK);
        String kind = m.containsKey("check") ? yaml.string(m.get("check"), "check") : null;
        if (kind == null) {
            yaml.problem(node, "a check needs 'check: <kind>'", "kinds: " + String.join(", ", KINDS));
            return null;
        }
        if (!KINDS.contains(kind)) {
            yaml.problem(m.get("check"), "unknown check '" + kind + "'",
                    Names.didYouMean(kind, KINDS).orElse("kinds: " + String.join(", ", KINDS)));
            return null;
        }
        String table = m.containsKey("table") ? yaml.string(m.get("table"), "table") : null;
        if (!kind.equals("sql")) {
            if (table == null) {
                yaml.problem(node, "check " + kind + " needs a table", null);
                return null;
            }
            if (!tables.contains(table)) {
                yaml.problem(m.get("table"), "table " + table + " is not a table of domain " + domain,
                        Names.didYouMean(table, tables).orElse("tables: " + String.join(", ", tables)));
            }
        }
        List<String> columns = new ArrayList<>(yaml.strings(m.get("columns"), "columns"));
        if (m.containsKey("column")) {
            columns.add(0, yaml.string(m.get("column"), "column"));
        }
        for (String c : columns) {
            if (!Identifiers.isValid(c)) {
                yaml.problem(node, "column name '" + c + "' is not a valid identifier", null);
            }
        }
        if (!NO_COLUMN.contains(kind) && columns.isEmpty()) {
            yaml.problem(node, "check " + kind + " needs 'column' (or 'columns')", null);
        }
        List<String> values = new ArrayList<>(yaml.strings(m.get("values"), "values"));
        values.addAll(yaml.strings(m.get("types"), "types"));
        if ((kind.equals("accepted_values") || kind.equals("geometry_type")) && values.isEmpty()) {
            yaml.problem(node, "check " + kind + " needs " + (kind.equals("accepted_values") ? "values" : "types"), null);
        }
        String to = m.containsKey("to") ? yaml.string(m.get("to"), "to") : null;
        String field = m.containsKey("field") ? yaml.string(m.get("field"), "field") : null;
        if (kind.equals("relationships") && (to == null || field == null || !Identifiers.isValid(to)
                || !Identifiers.isValid(field))) {
            yaml.problem(node, "check relationships needs 'to: <table>' and 'field: <column>' (identifiers)", null);
        }
        Integer minValue = m.containsKey("min") ? yaml.integer(m.get("min"), "min") : null;
        Long min = minValue == null ? null : minValue.longValue();
        Double maxChange = maxChange(m.get("max_change"));
        if (kind.equals("row_count") && min == null && maxChange == null) {
            yaml.problem(node, "check row_count needs min and/or max_change", null);
        }
        Integer srid = m.containsKey("srid") ? yaml.integer(m.get("srid"), "srid") : null;
        if (kind.equals("srid") && srid == null) {
            yaml.problem(node, "check srid needs 'srid: <number>'", null);
        }
        List<Double> extent = extent(m.get("extent"));
        if (kind.equals("within_extent") && extent.size() != 4) {
            yaml.problem(node, "check within_extent needs 'extent: [xmin, ymin, xmax, ymax]'", null);
        }
        String sql = m.containsKey("sql") ? yaml.string(m.get("sql"), "sql") : null;
        if (kind.equals("sql")) {
            if (sql == null) {
                yaml.problem(node, "check sql needs 'sql: <template returning offending rows>'", null);
            } else {
                positions.template(sql, yaml.pos(m.get("sql")));
            }
        }
        String severity = m.containsKey("severity") ? yaml.string(m.get("severity"), "severity") : "error";
        if (!"error".equals(severity) && !"warn".equals(severity)) {
            yaml.problem(m.get("severity"), "severity must be error or warn, not '" + severity + "'", null);
        }
        String name = m.containsKey("name") ? yaml.string(m.get("name"), "name")
                : kind + "(" + (table == null ? "" : table) + (columns.isEmpty() ? "" : ": " + String.join(", ", columns)) + ")";
        Check.About about = new Check.About(name, domain, table, "warn".equals(severity), yaml.pos(node));
        // When a value a kind needs is missing, the problem above fails the parse: the stand-ins below are never used.
        String column = columns.isEmpty() ? null : columns.get(0);
        return switch (kind) {
            case "not_null" -> new Check.NotNull(about, List.copyOf(columns));
            case "unique" -> new Check.Unique(about, List.copyOf(columns));
            case "accepted_values" -> new Check.AcceptedValues(about, column, List.copyOf(values));
            case "relationships" -> new Check.Relationships(about, column, to, field);
            case "row_count" -> new Check.RowCount(about, min, maxChange);
            case "valid" -> new Check.Valid(about, column);
            case "srid" -> new Check.Srid(about, column, srid == null ? 0 : srid);
            case "geometry_type" -> new Check.GeometryType(about, column, List.copyOf(values));
            case "not_empty" -> new Check.NotEmpty(about, column);
            case "within_extent" -> new Check.WithinExtent(about, column, List.copyOf(extent));
            case "sql" -> new Check.Sql(about, sql);
            default -> throw new IllegalStateException("check kind " + kind + " has no record");
        };
    }

    /** {@code max_change: 10%} as a percentage; null when absent or malformed (reported). */
    private Double maxChange(Node node) {
        if (node == null) {
            return null;
        }
        String raw = yaml.string(node, "max_change");
        try {
            return Double.parseDouble(raw.strip().replace("%", ""));
        } catch (RuntimeException e) {
            yaml.problem(node, "max_change must look like 10%, not '" + raw + "'", null);
            return null;
        }
    }

    private List<Double> extent(Node node) {
        List<Double> extent = new ArrayList<>();
        for (String e : yaml.strings(node, "extent")) {
            try {
                extent.add(Double.parseDouble(e));
            } catch (NumberFormatException ex) {
                yaml.problem(node, "extent values must be numbers", null);
            }
        }
        return extent;
    }
}
