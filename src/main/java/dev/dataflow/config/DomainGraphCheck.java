package dev.dataflow.config;

import dev.dataflow.graph.DependencyGraph;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every parent a domain names is a domain, and the parents form no cycle. */
final class DomainGraphCheck implements CrossCheck {
    @Override
    public void check(Draft draft, List<Problem> problems) {
        List<Domain> domains = draft.domains();
        Set<String> names = new LinkedHashSet<>();
        domains.forEach(d -> names.add(d.name()));
        Map<String, List<String>> edges = new LinkedHashMap<>();
        for (Domain d : domains) {
            for (String p : d.parents()) {
                if (!names.contains(p)) {
                    problems.add(new Problem(d.pos(), "domain " + d.name() + " has unknown parent '" + p + "'",
                            Names.didYouMean(p, names).orElse("domains: " + String.join(", ", names))));
                }
            }
            edges.put(d.name(), d.parents());
        }
        new DependencyGraph<>(edges.keySet(), edges::get).cycle().ifPresent(cycle -> problems.add(new Problem(
                domains.stream().filter(d -> d.name().equals(cycle.get(0))).findFirst().map(Domain::pos).orElse(null),
                "domain parents form a cycle: " + DependencyGraph.path(cycle), null)));
    }
}
