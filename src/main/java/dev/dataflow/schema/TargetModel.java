package dev.dataflow.schema;

import dev.dataflow.DataflowException;
import dev.dataflow.graph.DependencyGraph;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything {@code pg:model:create} reads from the target before touching the flow database: the tables'
 * descriptions in foreign-key order and the user-defined types their columns need. Reading all of it first means a
 * bad table list fails before anything is dropped.
 *
 * @param externalTypes types the flow database must already have (extension types such as geometry, and kinds this
 *                      tool does not copy)
 * @param sequences     sequences the column defaults draw from
 * @param definitions   per table, the lines its fingerprint is computed from
 */
record TargetModel(List<TableDescription> tables, List<EnumType> enums, List<TableDependencies.Domain> domains,
                   List<TableDependencies.NeededType> externalTypes, List<TableDependencies.Sequence> sequences,
                   Map<String, List<String>> definitions) {

    static TargetModel read(Connection target, String schema, List<String> names, Set<String> forbidden)
            throws SQLException {
        Set<String> unique = new LinkedHashSet<>(names);
        if (unique.size() != names.size()) {
            throw DataflowException.badConfig("model table list has duplicates: " + names, null);
        }
        List<String> clashes = names.stream().filter(forbidden::contains).sorted().toList();
        if (!clashes.isEmpty()) {
            throw DataflowException.stepFailed("model tables " + clashes + " have the names of source tables",
                    "a model table would replace the source table in the flow database; rename the source table", null);
        }
        return Sql.withQualifiedNames(target, c -> readQualified(c, schema, names));
    }

    private static TargetModel readQualified(Connection c, String schema, List<String> names) throws SQLException {
        Map<String, CatalogReader.Relation> found = CatalogReader.relations(c, schema, names);
        checkRelations(schema, names, found, "target");
        List<TableName> requested = names.stream().map(n -> new TableName(schema, n)).toList();
        ForeignKeyGraph graph = new ForeignKeyGraph(CatalogReader.foreignKeys(c, schema));
        List<String> open = graph.parentsOutside(new LinkedHashSet<>(requested));
        if (!open.isEmpty()) {
            throw DataflowException.stepFailed("the model tables are not closed under foreign keys; they reference "
                            + "tables outside the set: " + String.join(", ", open),
                    "add the referenced tables to the model tables of this build", null);
        }
        Map<String, Long> byName = new LinkedHashMap<>();
        graph.order(requested).forEach(t -> byName.put(t.name(), found.get(t.name()).oid()));
        Map<String, TableDescription> described = CatalogReader.describe(c, schema, byName);
        List<TableDescription> tables = List.copyOf(described.values());
        List<Long> oids = List.copyOf(byName.values());
        Map<String, List<String>> definitions = TableDependencies.definitionLines(c, described, byName);
        List<EnumType> enums = new ArrayList<>();
        List<TableDependencies.Domain> domains = new ArrayList<>();
        List<TableDependencies.NeededType> external = new ArrayList<>();
        for (TableDependencies.NeededType type : TableDependencies.neededTypes(c, oids)) {
            if (type.extension() == null && type.typtype() == 'e') {
                enums.add(TableDependencies.enumType(c, type));
            } else if (type.extension() == null && type.typtype() == 'd') {
                domains.add(TableDependencies.domain(c, type));
            } else {
                external.add(type);
            }
        }
        return new TargetModel(tables, enums, baseFirst(domains), external, TableDependencies.sequences(c, oids),
                definitions);
    }

    /** Refuses missing relations, non-tables and extension-owned tables (PostGIS's spatial_ref_sys, for one). */
    static void checkRelations(String schema, List<String> names, Map<String, CatalogReader.Relation> found,
                               String side) {
        List<String> missing = names.stream().filter(n -> !found.containsKey(n)).toList();
        if (!missing.isEmpty()) {
            throw DataflowException.stepFailed("tables missing in the " + side + " database (schema " + schema + "): "
                    + String.join(", ", missing), "check the table names of the build", null);
        }
        for (String n : names) {
            CatalogReader.Relation r = found.get(n);
            if (r.extension() != null) {
                throw DataflowException.stepFailed(schema + "." + n + " belongs to extension " + r.extension()
                        + " and cannot be a model table", null, null);
            }
            if (r.kind() != 'r') {
                throw DataflowException.stepFailed(schema + "." + n + " in the " + side + " database is not a plain "
                        + "table (relkind " + r.kind() + ")", "only plain tables can be model tables", null);
            }
        }
    }

    /** Domains built on other domains come after them. */
    private static List<TableDependencies.Domain> baseFirst(List<TableDependencies.Domain> domains) {
        Map<Long, TableDependencies.Domain> byOid = new LinkedHashMap<>();
        domains.forEach(d -> byOid.put(d.oid(), d));
        return new DependencyGraph<>(byOid.keySet(), oid -> List.of(byOid.get(oid).baseDomain())).order().stream()
                .map(byOid::get).toList();
    }
}
