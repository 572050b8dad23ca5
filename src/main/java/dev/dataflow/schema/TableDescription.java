package dev.dataflow.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * A table's definition as the catalog states it, read with an empty search_path so every name outside pg_catalog is
 * schema-qualified. Two tables with equal descriptions accept the same rows in the same column order, which is what
 * positional copying between the flow and target databases relies on. Ownership, grants, comments, triggers,
 * policies and storage parameters are not part of it.
 *
 * @param columns     in physical order, dropped columns left out
 * @param constraints primary key, unique, check, exclusion and foreign key constraints, sorted by name
 * @param indexes     indexes that do not back a constraint, sorted by name
 */
public record TableDescription(String schema, String name, List<Column> columns, List<Constraint> constraints,
                               List<Index> indexes) {
    public TableDescription {
        columns = List.copyOf(columns);
        constraints = List.copyOf(constraints);
        indexes = List.copyOf(indexes);
    }

    /**
     * @param type       {@code format_type(atttypid, atttypmod)}, e.g. {@code public.geometry(MultiPolygon,2263)}
     * @param collation  qualified collation when it differs from the type's default, else null
     * @param defaultSql {@code pg_get_expr} of the default, or of the generation expression when {@code generated}
     * @param identity   "" when not an identity column, else {@code ALWAYS} or {@code BY DEFAULT}
     */
    public record Column(String name, String type, String collation, boolean notNull, String defaultSql,
                         boolean generated, String identity) {
        /** The column as it appears in CREATE TABLE. */
        String sql() {
            StringBuilder b = new StringBuilder(Sql.ident(name)).append(' ').append(type);
            if (collation != null) {
                b.append(" COLLATE ").append(collation);
            }
            if (notNull) {
                b.append(" NOT NULL");
            }
            if (!identity.isEmpty()) {
                b.append(" GENERATED ").append(identity).append(" AS IDENTITY");
            }
            if (defaultSql != null) {
                b.append(generated ? " GENERATED ALWAYS AS (" + defaultSql + ") STORED" : " DEFAULT " + defaultSql);
            }
            return b.toString();
        }
    }

    /**
     * @param kind       {@code p}rimary key, {@code u}nique, {@code c}heck, e{@code x}clusion or {@code f}oreign key
     * @param definition {@code pg_get_constraintdef}
     */
    public record Constraint(String name, char kind, String definition) {
    }

    /** @param definition {@code pg_get_indexdef}, a complete CREATE INDEX statement */
    public record Index(String name, String definition) {
    }

    /**
     * One line per fact, in a fixed order: what the fingerprint hashes and what drift messages compare, so a
     * difference can be named line by line.
     */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("table " + Sql.qualified(schema, name));
        for (int i = 0; i < columns.size(); i++) {
            out.add("column " + (i + 1) + " " + columns.get(i).sql());
        }
        for (Constraint k : constraints) {
            out.add("constraint " + Sql.ident(k.name()) + " " + k.definition());
        }
        for (Index x : indexes) {
            out.add("index " + x.definition());
        }
        return out;
    }
}
