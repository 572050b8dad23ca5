package dev.dataflow.schema;

import dev.dataflow.DataflowException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
            parents.put(t, new HashSet<>());
        }
        for (CatalogReader.ForeignKey k : keys) {
            if (set.contains(k.child()) && set.contains(k.parent()) && !k.child().equals(k.parent())) {
                parents.get(k.child()).add(k.parent());
            }
        }
        List<TableName> out = new ArrayList<>();
        Set<TableName> placed = new HashSet<>();
        while (out.size() < set.size()) {
            TableName next = null;
            for (TableName t : set) {
                if (!placed.contains(t) && placed.containsAll(parents.get(t))) {
                    next = t;
                    break;
                }
            }
            if (next == null) {
                throw DataflowException.stepFailed("the foreign keys between these tables form a cycle: "
                        + cycle(set, placed, parents), "tables in a cycle have no load order", null);
            }
            out.add(next);
            placed.add(next);
        }
        return out;
    }

    /** Follows unplaced parents from any unplaced table until one repeats; that stretch is a cycle. */
    private static String cycle(Set<TableName> set, Set<TableName> placed, Map<TableName, Set<TableName>> parents) {
        TableName start = set.stream().filter(t -> !placed.contains(t)).findFirst().orElseThrow();
        List<TableName> path = new ArrayList<>();
        TableName at = start;
        while (!path.contains(at)) {
            path.add(at);
            at = parents.get(at).stream().filter(p -> !placed.contains(p)).sorted().findFirst().orElseThrow();
        }
        List<TableName> loop = new ArrayList<>(path.subList(path.indexOf(at), path.size()));
        loop.add(at);
        return String.join(" -> ", loop.stream().map(TableName::toString).toList());
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
