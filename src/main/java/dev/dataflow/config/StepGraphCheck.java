package dev.dataflow.config;

import dev.dataflow.graph.DependencyGraph;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every step a step needs is declared, and the needs form no cycle. */
final class StepGraphCheck implements CrossCheck {
    @Override
    public void check(Draft draft, List<Problem> problems) {
        Set<String> ids = new LinkedHashSet<>();
        draft.steps().forEach(s -> ids.add(s.id()));
        for (Step s : draft.steps()) {
            for (String need : s.needs()) {
                if (!ids.contains(need)) {
                    problems.add(new Problem(s.pos(), "step " + s.id() + " needs unknown step '" + need + "'",
                            Names.didYouMean(need, ids).orElse(null)));
                }
            }
        }
        Map<String, List<String>> edges = new LinkedHashMap<>();
        Map<String, Pos> pos = new HashMap<>();
        for (Step s : draft.steps()) {
            edges.put(s.id(), s.needs());
            pos.put(s.id(), s.pos());
        }
        new DependencyGraph<>(edges.keySet(), edges::get).cycle().ifPresent(cycle -> problems.add(new Problem(pos.get(cycle.get(0)),
                "steps depend on each other in a cycle: " + DependencyGraph.path(cycle), "remove one of the needs")));
    }
}
