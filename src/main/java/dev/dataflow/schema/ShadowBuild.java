package dev.dataflow.schema;

import dev.dataflow.DataflowException;
import dev.dataflow.schema.PublicationPlan.OwnedSequence;
import dev.dataflow.schema.PublicationPlan.ShadowTable;
import dev.dataflow.schema.PublicationPlan.Statement;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Builds the shadow twins of the published tables in {@link PublicationPlan#SHADOW_SCHEMA}, inside the populate's
 * transaction: {@link #create} before the copy (columns, defaults, identity, NOT NULL and CHECK constraints, column
 * comments), {@link #complete} after it (keys and indexes sorting the rows once, then foreign keys checked by one
 * join each, then comments, storage parameters and grants). Nothing of it is visible to the API until the swap commits,
 * and a failure or a killed run rolls all of it back.
 */
public final class ShadowBuild {
    private static final String LIKE = " INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING IDENTITY INCLUDING STORAGE"
            + " INCLUDING COMPRESSION INCLUDING COMMENTS INCLUDING CONSTRAINTS";

    private ShadowBuild() {
    }

    /** Empty twins of every table of the plan, ready for COPY. */
    public static void create(Connection c, PublicationPlan plan) {
        try {
            Sql.withSearchPath(c, searchPath(plan), conn -> {
                // A shadow schema left by anything but this transaction is stale by definition: populates are
                // serialised by their advisory lock and never commit one.
                Sql.execute(conn, "DROP SCHEMA IF EXISTS " + Sql.ident(PublicationPlan.SHADOW_SCHEMA) + " CASCADE");
                Sql.execute(conn, "CREATE SCHEMA " + Sql.ident(PublicationPlan.SHADOW_SCHEMA));
                for (ShadowTable t : plan.tables()) {
                    String shadow = PublicationPlan.shadowTable(t.name());
                    Sql.execute(conn, "CREATE TABLE " + shadow + " (LIKE " + Sql.qualified(plan.schema(), t.name())
                            + LIKE + ")");
                    for (OwnedSequence s : t.sequences()) {
                        Sql.execute(conn, "CREATE SEQUENCE " + Sql.qualified(PublicationPlan.SHADOW_SCHEMA, s.name())
                                + " " + s.createOptions() + " OWNED BY " + shadow + "." + Sql.ident(s.column()));
                        // Read with the target schema on the path, the default names the sequence unqualified; here
                        // the shadow schema comes first, so it names the twin's own sequence.
                        Sql.execute(conn, "ALTER TABLE " + shadow + " ALTER COLUMN " + Sql.ident(s.column())
                                + " SET DEFAULT " + s.defaultSql());
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            throw Sql.failed("creating the shadow tables failed", e);
        }
    }

    /**
     * Makes the twins' keys, indexes, foreign keys, comments and grants; returns the time each table took, in
     * nanoseconds. A row a key or foreign key rejects fails the step, naming it.
     */
    public static Map<String, Long> complete(Connection c, PublicationPlan plan, Consumer<String> progress) {
        Map<String, Long> took = new LinkedHashMap<>();
        List<Map.Entry<String, Statement>> order = new ArrayList<>();
        plan.tables().forEach(t -> t.keys().forEach(s -> order.add(Map.entry(t.name(), s))));
        plan.tables().forEach(t -> t.foreignKeys().forEach(s -> order.add(Map.entry(t.name(), s))));
        plan.tables().forEach(t -> t.finish().forEach(s -> order.add(Map.entry(t.name(), s))));
        try {
            Sql.withSearchPath(c, searchPath(plan), conn -> {
                for (int n = 0; n < order.size(); n++) {
                    String table = order.get(n).getKey();
                    Statement s = order.get(n).getValue();
                    progress.accept("  building " + s.what() + " of " + table + " (" + (n + 1) + " of " + order.size()
                            + ")");
                    long start = System.nanoTime();
                    try (java.sql.Statement st = conn.createStatement()) {
                        st.execute(s.sql());
                    } catch (SQLException e) {
                        throw DataflowException.stepFailed("building " + s.what() + " of " + table
                                + " after the copy failed: " + e.getMessage(), "the model rows break the API table's "
                                + s.what() + "; fix the transform (nothing was published)", e);
                    }
                    took.merge(table, System.nanoTime() - start, Long::sum);
                }
                return null;
            });
        } catch (SQLException e) {
            throw Sql.failed("building the shadow tables' indexes and keys failed", e);
        }
        return took;
    }

    /** The shadow schema first, so unqualified names of published tables land on their twins. */
    static String searchPath(PublicationPlan plan) {
        return Sql.ident(PublicationPlan.SHADOW_SCHEMA) + ", " + Sql.ident(plan.schema());
    }
}
