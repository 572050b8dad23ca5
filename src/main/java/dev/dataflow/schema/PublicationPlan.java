package dev.dataflow.schema;

import java.util.List;

/**
 * How one populate publishes a set of target tables, read from the target database's catalog by
 * {@link PublicationPlanReader#read}: the tables parents first, what keeps them from being swapped (with the reason), and
 * for each table the statements that build its shadow twin.
 *
 * @param schema          the target schema the tables live in
 * @param order           the published tables, parents first by the foreign keys among them
 * @param refusals        why the tables cannot be swapped safely; empty when they can
 * @param outsideKeys     foreign keys from tables outside the set into it: a publish may go ahead only while those
 *                        tables hold no rows (a truncate empties them; a swap points their keys at the new tables)
 * @param tables          per table, what its shadow twin needs, in {@code order}
 * @param liveBytes       disk the live tables take now, with indexes and TOAST: about what a shadow copy adds
 * @param previousBytes   disk the kept previous copy takes now
 */
public record PublicationPlan(String schema, List<String> order, List<Refusal> refusals,
                              List<OutsideKey> outsideKeys, List<ShadowTable> tables, long liveBytes,
                              long previousBytes) {
    /** The schema shadow tables are built in; it exists only inside a populate's transaction. */
    public static final String SHADOW_SCHEMA = "dataflow_shadow";
    /** The schema the replaced tables move to, for {@code rollback}. */
    public static final String PREVIOUS_SCHEMA = "dataflow_previous";

    /** A table's shadow twin, qualified and quoted. */
    static String shadowTable(String table) {
        return Sql.qualified(SHADOW_SCHEMA, table);
    }

    /** A reason a table (or the whole set, when {@code table} is null) cannot be swapped. */
    public record Refusal(String table, String reason) {
        @Override
        public String toString() {
            return table == null ? reason : table + ": " + reason;
        }
    }

    /**
     * What building one table's shadow twin takes, beyond {@code CREATE TABLE ... (LIKE ...)}, which copies columns,
     * defaults, identity, NOT NULL and CHECK constraints and column comments.
     *
     * @param name       the table
     * @param sequences  serial columns whose sequence the table owns: the twin gets a sequence of its own
     * @param keys       primary key, unique and exclusion constraints and plain indexes, with their comments and
     *                   CLUSTER marks: made after the copy, each sorting the rows once
     * @param foreignKeys the table's foreign keys, to tables in the set (their twins) or outside it
     * @param finish     table comment, storage parameters, and grants
     * @param synced     columns whose sequence position the twin takes over at the swap
     */
    public record ShadowTable(String name, List<OwnedSequence> sequences, List<Statement> keys,
                              List<Statement> foreignKeys, List<Statement> finish, List<String> synced) {
    }

    /** A sequence a serial column draws from and its table owns, with the column's default in the target schema. */
    public record OwnedSequence(String column, String name, String createOptions, String defaultSql) {
    }

    /** A statement to run on the shadow table, and what it makes, for messages. */
    public record Statement(String what, String sql) {
    }

    /**
     * A foreign key of a table outside the set into it: {@code table} quoted for SQL, {@code display} as
     * {@code schema.table}, and the key's definition read with the target schema on the search_path.
     */
    public record OutsideKey(String table, String display, String name, String definition, String comment) {
    }

    /** The tables outside the set with a foreign key into it, quoted for SQL, each once. */
    public List<String> referencingTables() {
        return outsideKeys.stream().map(OutsideKey::table).distinct().toList();
    }
}
