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

    // Written out: a record's generated equals and hashCode are bootstrapped through method handles on first use,
    // ~10 ms of class generation that a populate would otherwise pay just before its COPYs.
    @Override
    public boolean equals(Object o) {
        return o instanceof TableName t && schema.equals(t.schema) && name.equals(t.name);
    }

    @Override
    public int hashCode() {
        return 31 * schema.hashCode() + name.hashCode();
    }

    @Override
    public String toString() {
        return schema + "." + name;
    }
}
