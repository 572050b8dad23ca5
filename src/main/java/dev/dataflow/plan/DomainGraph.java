package dev.dataflow.plan;

import dev.dataflow.config.Domain;
import dev.dataflow.graph.DependencyGraph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parents and derived children of the domains, and a dependency order (parents first, then declaration order). */
final class DomainGraph {
    private final Map<String, Domain> domains = new LinkedHashMap<>();
    private final Map<String, List<String>> children = new LinkedHashMap<>();

    DomainGraph(List<Domain> list) {
        for (Domain d : list) {
            domains.put(d.name(), d);
            children.put(d.name(), new ArrayList<>());
        }
        for (Domain d : list) {
            for (String p : d.parents()) {
                children.computeIfAbsent(p, k -> new ArrayList<>()).add(d.name());
            }
        }
    }

    Set<String> names() {
        return domains.keySet();
    }

    List<String> parents(String name) {
        return domains.get(name).parents();
    }

    List<String> children(String name) {
        return children.getOrDefault(name, List.of());
    }

    /** The given names sorted so that every domain comes after its parents; ties keep declaration order. */
    List<String> order(Set<String> names) {
        return new DependencyGraph<>(domains.keySet().stream().filter(names::contains).toList(), this::parents).order();
    }
}
