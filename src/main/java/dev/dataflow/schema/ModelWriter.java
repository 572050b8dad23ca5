package dev.dataflow.schema;

import dev.dataflow.DataflowException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the model tables of a {@link TargetModel} in the flow database: drops the previous ones, recreates types and
 * tables from catalog-derived DDL, checks the result against the target and records fingerprints, all in one
 * transaction so a failure leaves the previous model tables in place.
 */
final class ModelWriter {
    private ModelWriter() {
    }

    static ReplicationResult write(Connection flow, String schema, TargetModel model) throws SQLException {
        requireExternalTypes(flow, model.externalTypes());
        // Own transaction first: enum values added by ALTER TYPE cannot be used (in defaults, say) before commit.
        PushResult enums = EnumPusher.push(flow, model.enums());
        return Sql.inTransaction(flow, c -> Sql.withQualifiedNames(c, q -> build(q, schema, model, enums)));
    }

    private static ReplicationResult build(Connection c, String schema, TargetModel model, PushResult enums)
            throws SQLException {
        ReplicatedDefinitions.ensureTable(c);
        List<String> names = model.tables().stream().map(TableDescription::name).toList();
        List<TableName> stale = dropPrevious(c, schema, names);
        createSchemaIfMissing(c, schema);
        List<String> domains = new ArrayList<>();
        for (TableDependencies.Domain d : model.domains()) {
            if (!TableDependencies.typeExists(c, d.schema(), d.name())) {
                Sql.execute(c, d.createSql());
                domains.add(d.schema() + "." + d.name());
            }
        }
        for (TableDependencies.Sequence s : model.sequences()) {
            createSequenceIfMissing(c, s);
        }
        for (TableDescription t : model.tables()) {
            createTable(c, t);
        }
        Set<TableName> created = new LinkedHashSet<>();
        names.forEach(n -> created.add(new TableName(schema, n)));
        for (TableDependencies.Sequence s : model.sequences()) {
            // Owned, as on the target, so the next run's DROP TABLE takes the sequence with it.
            if (s.ownerTable() != null && created.contains(s.ownerTable())) {
                Sql.execute(c, "ALTER SEQUENCE " + Sql.qualified(s.schema(), s.name()) + " OWNED BY "
                        + s.ownerTable().sql() + "." + Sql.ident(s.ownerColumn()));
            }
        }
        // Foreign keys last: by then every referenced key and unique index exists, whatever the order or cycles.
        for (TableDescription t : model.tables()) {
            for (TableDescription.Constraint k : t.constraints()) {
                if (k.kind() == 'f') {
                    Sql.execute(c, addConstraint(t, k));
                }
            }
        }
        Map<String, String> fingerprints = new LinkedHashMap<>();
        for (TableDescription t : model.tables()) {
            checkSame(c, t);
            List<String> lines = model.definitions().get(t.name());
            ReplicatedDefinitions.save(c, new TableName(t.schema(), t.name()), lines);
            fingerprints.put(t.name(), ReplicatedDefinitions.fingerprint(lines));
        }
        return new ReplicationResult(names, fingerprints, enums, domains,
                stale.stream().map(TableName::toString).toList());
    }

    /**
     * Drops the model tables of a previous run, plus earlier model tables of other builds that reference them (they
     * would otherwise silently lose their foreign keys); any other referencing table stops the step. One DROP
     * statement without CASCADE, children first, so nothing outside the list can go with it.
     */
    private static List<TableName> dropPrevious(Connection c, String schema, List<String> names) throws SQLException {
        Map<String, CatalogReader.Relation> existing = CatalogReader.relations(c, schema, names);
        List<String> present = names.stream().filter(existing::containsKey).toList();
        TargetModel.checkRelations(schema, present, existing, "flow");
        Set<TableName> dropping = new LinkedHashSet<>();
        for (int i = present.size() - 1; i >= 0; i--) {
            dropping.add(new TableName(schema, present.get(i)));
        }
        ForeignKeyGraph graph = new ForeignKeyGraph(CatalogReader.foreignKeys(c, schema));
        Set<TableName> recorded = new LinkedHashSet<>(ReplicatedDefinitions.recorded(c));
        List<TableName> stale = new ArrayList<>();
        for (List<TableName> outside = graph.childrenOutside(dropping); !outside.isEmpty();
             outside = graph.childrenOutside(dropping)) {
            List<TableName> foreign = outside.stream().filter(t -> !recorded.contains(t)).toList();
            if (!foreign.isEmpty()) {
                throw DataflowException.stepFailed("flow tables " + foreign + " reference model tables that must be "
                        + "recreated", "drop their foreign keys or the tables themselves", null);
            }
            stale.addAll(0, outside);
            Set<TableName> withStale = new LinkedHashSet<>(outside);
            withStale.addAll(dropping);
            dropping = withStale;
        }
        if (!dropping.isEmpty()) {
            Sql.execute(c, "DROP TABLE " + String.join(", ", dropping.stream().map(TableName::sql).toList()));
        }
        for (TableName t : stale) {
            ReplicatedDefinitions.delete(c, t);
        }
        return stale;
    }

    /** A sequence left from elsewhere keeps its state; only a clash with another kind of relation is an error. */
    private static void createSequenceIfMissing(Connection c, TableDependencies.Sequence s) throws SQLException {
        CatalogReader.Relation existing = CatalogReader.relations(c, s.schema(), List.of(s.name())).get(s.name());
        if (existing == null) {
            createSchemaIfMissing(c, s.schema());
            Sql.execute(c, s.createSql());
        } else if (existing.kind() != 'S') {
            throw DataflowException.stepFailed(s.schema() + "." + s.name() + " exists in the flow database but is not "
                    + "a sequence; a column default of the model tables needs it as one", null, null);
        }
    }

    private static void createSchemaIfMissing(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    Sql.execute(c, "CREATE SCHEMA " + Sql.ident(schema));
                }
            }
        }
    }

    /**
     * Columns in physical order, then keys, checks and exclusions by name, then indexes. Constraints go through ALTER
     * TABLE so that flags such as NOT VALID come out as they are on the target.
     */
    private static void createTable(Connection c, TableDescription t) throws SQLException {
        List<String> columns = t.columns().stream().map(col -> "    " + col.sql()).toList();
        Sql.execute(c, "CREATE TABLE " + Sql.qualified(t.schema(), t.name()) + " (\n"
                + String.join(",\n", columns) + "\n)");
        for (TableDescription.Constraint k : t.constraints()) {
            if (k.kind() != 'f') {
                Sql.execute(c, addConstraint(t, k));
            }
        }
        for (TableDescription.Index x : t.indexes()) {
            Sql.execute(c, x.definition());
        }
    }

    private static String addConstraint(TableDescription t, TableDescription.Constraint k) {
        return "ALTER TABLE " + Sql.qualified(t.schema(), t.name()) + " ADD CONSTRAINT " + Sql.ident(k.name()) + " "
                + k.definition();
    }

    /** The whole point of the step, so it is checked rather than assumed: the flow table must describe the same. */
    private static void checkSame(Connection c, TableDescription target) throws SQLException {
        TableName name = new TableName(target.schema(), target.name());
        long oid = CatalogReader.relations(c, target.schema(), List.of(target.name())).get(target.name()).oid();
        TableDescription flow = CatalogReader.describe(c, target.schema(), target.name(), oid);
        if (!flow.equals(target)) {
            throw DataflowException.stepFailed("model table " + name + " does not match the target after creation: "
                    + String.join("; ", ReplicatedDefinitions.difference(target.lines(), flow.lines())),
                    "the table uses a feature this tool does not replicate", null);
        }
    }

    /** Extension types cannot be created here; they come with the extension (pg:flow:configure). */
    private static void requireExternalTypes(Connection flow, List<TableDependencies.NeededType> types) throws SQLException {
        List<String> missing = new ArrayList<>();
        for (TableDependencies.NeededType t : types) {
            if (!TableDependencies.typeExists(flow, t.schema(), t.name())) {
                missing.add(t.display() + (t.extension() != null ? " (extension " + t.extension() + ")"
                        : " (typtype " + t.typtype() + ", not copied by this tool)"));
            }
        }
        if (!missing.isEmpty()) {
            throw DataflowException.stepFailed("types the model tables need are missing in the flow database: "
                    + String.join(", ", missing), "create the extensions first (pg:flow:configure)", null);
        }
    }
}
