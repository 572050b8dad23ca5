package dev.dataflow.schema;

import dev.dataflow.DataflowException;
import dev.dataflow.graph.DependencyGraph;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Foreign keys between tables as a graph: load order, closure of a table set, and who references it from outside. */
final class ForeignKeyGraph {
    private final List<CatalogReader.ForeignKey> keys;

    ForeignKeyGraph(List<CatalogReader.ForeignKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /**
     * The tables with every parent before its children; among tables free to go, the given order is kept, so a
     * hand-written load order that is already valid comes back unchanged. Self-references do not constrain the
     * order (rows of one table load together); any other cycle has no valid order and is reported with its path.
     */
    List<TableName> order(List<TableName> tables) {
        Set<TableName> set = new LinkedHashSet<>(tables);
        Map<TableName, Set<TableName>> parents = new HashMap<>();
        for (TableName t : set) {
            parents.put(t, new TreeSet<>());
        }
        for (CatalogReader.ForeignKey k : keys) {
            if (set.contains(k.child()) && set.contains(k.parent()) && !k.child().equals(k.parent())) {
                parents.get(k.child()).add(k.parent());
            }
        }
        // Parents sorted, so that the cycle reported is the same on every run whatever order the catalog gave.
        DependencyGraph<TableName> graph = new DependencyGraph<>(set, parents::get);
        graph.cycle().ifPresent(cycle -> {
            throw DataflowException.stepFailed("the foreign keys between these tables form a cycle: "
                    + DependencyGraph.path(cycle), "tables in a cycle have no load order", null);
        });
        return graph.order();
    }

    /** Foreign keys from a table in the set to a table outside it, as "child -> parent (constraint)", sorted. */
    List<String> parentsOutside(Set<TableName> set) {
        Set<String> out = new TreeSet<>();
        for (CatalogReader.ForeignKey k : keys) {
            if (set.contains(k.child()) && !set.contains(k.parent())) {
                out.add(k.child() + " -> " + k.parent() + " (" + k.name() + ")");
            }
        }
        return List.copyOf(out);
    }

    /** Tables outside the set with a foreign key into it, sorted. */
    List<TableName> childrenOutside(Set<TableName> set) {
        Set<TableName> out = new TreeSet<>();
        for (CatalogReader.ForeignKey k : keys) {
            if (set.contains(k.parent()) && !set.contains(k.child())) {
                out.add(k.child());
            }
        }
        return List.copyOf(out);
    }
}
