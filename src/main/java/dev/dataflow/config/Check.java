package dev.dataflow.config;

import java.util.List;

/**
 * A quality gate on a model table, run before publishing: a built-in {@code kind} with its arguments, or {@code sql}
 * (a template returning offending rows). {@code warn} checks report without blocking.
 */
public record Check(String name, String domain, Kind kind, String table, List<String> columns, List<String> values,
                    String to, String field, Long min, Double maxChangePercent, Integer srid, List<Double> extent,
                    String sql, boolean warn, Pos pos) {
    /** The built-in checks. */
    public enum Kind {
        NOT_NULL, UNIQUE, ACCEPTED_VALUES, RELATIONSHIPS, ROW_COUNT, VALID, SRID, GEOMETRY_TYPE, NOT_EMPTY,
        WITHIN_EXTENT, SQL;

        public String yamlName() {
            return name().toLowerCase();
        }
    }

    public String column() {
        return columns.isEmpty() ? null : columns.get(0);
    }
}
