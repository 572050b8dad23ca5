package dev.dataflow.schema;

import java.util.List;

/**
 * A PostgreSQL enum type: its schema, name and labels in declaration (sort) order.
 */
public record EnumType(String schema, String name, List<String> values) {
    public EnumType {
        values = List.copyOf(values);
    }
}
