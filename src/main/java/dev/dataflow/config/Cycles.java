package dev.dataflow.config;

import dev.dataflow.graph.DependencyGraph;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A cycle among named nodes given as node → the nodes it depends on, as the path a → b → … → a. */
final class Cycles {
    private Cycles() {
    }

    static Optional<List<String>> find(Map<String, List<String>> edges) {
        return new DependencyGraph<>(edges.keySet(), edges::get).cycle();
    }
}
