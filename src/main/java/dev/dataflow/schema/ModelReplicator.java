package dev.dataflow.schema;

import dev.dataflow.DataflowException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Clones target tables into the flow database from catalog reads, with no pg_dump, so the clone does not depend
 * on a client binary matching the server's major version; and guards the later publish against target schema changes.
 */
public final class ModelReplicator {
    private ModelReplicator() {
    }

    /**
     * Recreates {@code tables} of {@code schema} from the target in the flow database ({@code pg:model:create}):
     * columns in physical order with types, defaults and NOT NULL; constraints under their names; indexes; the enum
     * and domain types the columns need. The set must be closed under foreign keys and must not contain
     * {@code forbiddenNames} (the source tables). Fingerprints go to {@code dataflow.model_fingerprint}. Give the
     * flow connection in auto-commit mode: enum changes are committed first, because PostgreSQL refuses to use an
     * enum value added in the same transaction; the tables are then built in one transaction of their own.
     */
    public static ReplicationResult replicate(Connection target, Connection flow, String schema, List<String> tables,
                                              Set<String> forbiddenNames) {
        TargetModel model;
        try {
            model = TargetModel.read(target, schema, tables, forbiddenNames);
        } catch (SQLException e) {
            throw Sql.failed("cannot read the target schema", e);
        }
        try {
            return ModelWriter.write(flow, schema, model);
        } catch (SQLException e) {
            throw Sql.failed("cannot create the model tables in the flow database", e);
        }
    }

    /**
     * Refuses to publish when a target table's definition differs from the one recorded by {@link #replicate}
     * ({@code pg:target:populate}); the message names every changed table and its changed lines.
     */
    public static void verifyNoDrift(Connection target, Connection flow, String schema, List<String> tables) {
        verifyNoDrift(target, flow, schema, tables, () -> true);
    }

    /** What the drift check waits for before it reads the target's catalog: the locks that keep it from changing. */
    @FunctionalInterface
    public interface LockWait {
        /** False when the caller gave up on publishing; the check then ends without a verdict. */
        boolean await() throws InterruptedException;
    }

    /**
     * {@link #verifyNoDrift(Connection, Connection, String, List)} that reads the recorded fingerprints and prepares
     * the target connection first, then waits for {@code locked}; the catalog reads after it are a fixed handful of
     * queries, however many tables there are, as they sit on the critical path of every publish.
     */
    public static void verifyNoDrift(Connection target, Connection flow, String schema, List<String> tables,
                                     LockWait locked) {
        List<String> problems = new ArrayList<>();
        try {
            Map<String, ReplicatedDefinitions.Stored> stored = ReplicatedDefinitions.load(flow, schema, tables);
            Map<String, List<String>> now = Sql.withQualifiedNames(target, c -> {
                try {
                    if (!locked.await()) {
                        return null;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted while waiting for the target's locks", e);
                }
                return definitions(c, schema, tables);
            });
            if (now == null) {
                return;
            }
            for (String table : tables) {
                TableName name = new TableName(schema, table);
                ReplicatedDefinitions.Stored recorded = stored.get(table);
                List<String> lines = now.get(table);
                if (recorded == null) {
                    problems.add(name + ": no fingerprint recorded in the flow database");
                } else if (lines == null) {
                    problems.add(name + ": no longer exists in the target database");
                } else if (!ReplicatedDefinitions.fingerprint(lines).equals(recorded.fingerprint())) {
                    problems.add(name + " changed: "
                            + String.join("; ", ReplicatedDefinitions.difference(recorded.lines(), lines)));
                }
            }
        } catch (SQLException e) {
            throw Sql.failed("cannot check the target schema for changes", e);
        }
        if (!problems.isEmpty()) {
            throw DataflowException.stepFailed("the target schema differs from the one the model tables were "
                            + "created from; refusing to publish. " + String.join(" | ", problems),
                    "run pg:model:create and pg:model:transform again", null);
        }
    }

    /** The catalog-derived definition of one table; equal descriptions mean interchangeable tables. */
    public static TableDescription describe(Connection db, String schema, String table) {
        try {
            TableDescription d = Sql.withQualifiedNames(db, c -> describeOrNull(c, schema, table));
            if (d == null) {
                throw DataflowException.stepFailed("table " + schema + "." + table + " does not exist", null, null);
            }
            return d;
        } catch (SQLException e) {
            throw Sql.failed("cannot describe " + schema + "." + table, e);
        }
    }

    /**
     * The tables ordered parents first by the foreign keys among them (other tables' keys are ignored), keeping the
     * given order where the keys allow; for loading, and reversed, for emptying.
     */
    public static List<String> foreignKeyOrder(Connection db, String schema, List<String> tables) {
        try {
            TargetModel.checkRelations(schema, tables, CatalogReader.relations(db, schema, tables), "given");
            List<TableName> ordered = new ForeignKeyGraph(CatalogReader.foreignKeys(db, schema))
                    .order(tables.stream().map(t -> new TableName(schema, t)).toList());
            return ordered.stream().map(TableName::name).toList();
        } catch (SQLException e) {
            throw Sql.failed("cannot read foreign keys of schema " + schema, e);
        }
    }

    /**
     * Tables, as {@code schema.table}, that are not in {@code tables} but have a foreign key into one of them: what a
     * TRUNCATE ... CASCADE of the set would empty as well.
     */
    public static List<String> referencingTablesOutside(Connection db, String schema, List<String> tables) {
        Set<TableName> set = new LinkedHashSet<>();
        tables.forEach(t -> set.add(new TableName(schema, t)));
        try {
            List<TableName> outside = new ForeignKeyGraph(CatalogReader.foreignKeys(db, schema)).childrenOutside(set);
            return outside.stream().map(TableName::toString).toList();
        } catch (SQLException e) {
            throw Sql.failed("cannot read foreign keys of schema " + schema, e);
        }
    }

    /** A foreign key between two tables of a schema. */
    public record Reference(String child, String parent, String constraint) {
    }

    /** Every foreign key among the tables of {@code schema}. */
    public static List<Reference> references(Connection db, String schema) {
        try {
            return CatalogReader.foreignKeys(db, schema).stream()
                    .map(k -> new Reference(k.child().name(), k.parent().name(), k.name())).toList();
        } catch (SQLException e) {
            throw Sql.failed("cannot read foreign keys of schema " + schema, e);
        }
    }

    /** The fingerprint lines of the tables that exist, by name. */
    private static Map<String, List<String>> definitions(Connection c, String schema, List<String> tables)
            throws SQLException {
        Map<String, Long> oids = new LinkedHashMap<>();
        CatalogReader.relations(c, schema, tables).forEach((name, r) -> oids.put(name, r.oid()));
        if (oids.isEmpty()) {
            return Map.of();
        }
        return TableDependencies.definitionLines(c, CatalogReader.describe(c, schema, oids), oids);
    }

    private static TableDescription describeOrNull(Connection c, String schema, String table) throws SQLException {
        Map<String, CatalogReader.Relation> found = CatalogReader.relations(c, schema, List.of(table));
        CatalogReader.Relation r = found.get(table);
        if (r == null) {
            return null;
        }
        return CatalogReader.describe(c, schema, table, r.oid());
    }
}
