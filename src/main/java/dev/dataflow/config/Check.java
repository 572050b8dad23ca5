package dev.dataflow.config;

import java.util.List;

/**
 * A quality gate on a model table, run before publishing: one record per kind of check, each holding only what that
 * kind needs, plus what every check has ({@link About}). {@code warn} checks report without blocking.
 */
public sealed interface Check {
    /**
     * What every check has: its name (given, or the kind with its table and columns), its domain, the model table it
     * checks (null only for a {@link Sql} check that names none), whether it only warns, and where it is declared.
     */
    record About(String name, String domain, String table, boolean warn, Pos pos) {
    }

    About about();

    /** The kind as spelled in pipeline.yaml ({@code check: not_null}). */
    String yamlName();

    default String name() {
        return about().name();
    }

    default String domain() {
        return about().domain();
    }

    default String table() {
        return about().table();
    }

    default boolean warn() {
        return about().warn();
    }

    default Pos pos() {
        return about().pos();
    }

    /** None of the columns is null. */
    record NotNull(About about, List<String> columns) implements Check {
        public String yamlName() {
            return "not_null";
        }
    }

    /** No two rows share the values of the columns together. */
    record Unique(About about, List<String> columns) implements Check {
        public String yamlName() {
            return "unique";
        }
    }

    /** The column, when set, holds one of the values (compared as text). */
    record AcceptedValues(About about, String column, List<String> values) implements Check {
        public String yamlName() {
            return "accepted_values";
        }
    }

    /** The column, when set, matches {@code field} of a row of model table {@code to}. */
    record Relationships(About about, String column, String to, String field) implements Check {
        public String yamlName() {
            return "relationships";
        }
    }

    /**
     * The model table has at least {@code min} rows, and differs from the target table by at most
     * {@code maxChangePercent}; either may be null (not checked), not both.
     */
    record RowCount(About about, Long min, Double maxChangePercent) implements Check {
        public String yamlName() {
            return "row_count";
        }
    }

    /** The geometry column holds valid geometries. */
    record Valid(About about, String column) implements Check {
        public String yamlName() {
            return "valid";
        }
    }

    /** The geometry column's SRID is {@code srid}. */
    record Srid(About about, String column, int srid) implements Check {
        public String yamlName() {
            return "srid";
        }
    }

    /** The geometry column holds only the given types ({@code POLYGON}, {@code MULTIPOLYGON}...). */
    record GeometryType(About about, String column, List<String> types) implements Check {
        public String yamlName() {
            return "geometry_type";
        }
    }

    /** The geometry column is set and not empty. */
    record NotEmpty(About about, String column) implements Check {
        public String yamlName() {
            return "not_empty";
        }
    }

    /** The geometry column lies inside {@code extent}: xmin, ymin, xmax, ymax. */
    record WithinExtent(About about, String column, List<Double> extent) implements Check {
        public String yamlName() {
            return "within_extent";
        }
    }

    /** A template ({@code sql}, in the SQL folder) returning the offending rows. */
    record Sql(About about, String sql) implements Check {
        public String yamlName() {
            return "sql";
        }
    }
}
