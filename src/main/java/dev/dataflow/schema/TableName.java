package dev.dataflow.schema;

/** A schema-qualified relation name, as the catalog spells it (unquoted). */
record TableName(String schema, String name) implements Comparable<TableName> {
    String sql() {
        return Sql.qualified(schema, name);
    }

    @Override
    public int compareTo(TableName o) {
        int bySchema = schema.compareTo(o.schema);
        return bySchema != 0 ? bySchema : name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return schema + "." + name;
    }
}
