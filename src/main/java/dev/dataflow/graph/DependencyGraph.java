package dev.dataflow.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Nodes and what each depends on: the one dependency order and the one cycle finder of the runner, used for steps
 * (needs), domains (parents), model tables (foreign keys) and PostgreSQL domain types (base types).
 *
 * <p>Dependencies on nodes outside the graph are left out: they constrain nothing (a domain's parent that this run
 * does not build, a table outside the published set). Both walks are iterative, so a long chain in a hostile
 * pipeline (a 1 MiB file holds some 30,000 one-line steps) cannot overflow the stack.
 *
 * @param <T> the node type; equal nodes are the same node
 */
public final class DependencyGraph<T> {
    private final List<T> nodes;
    private final Map<T, List<T>> dependencies = new LinkedHashMap<>();

    /**
     * @param nodes     the nodes in their given order, which {@link #order()} keeps wherever dependencies allow
     * @param dependsOn each node's dependencies, in the order {@link #cycle()} follows them
     */
    public DependencyGraph(Collection<T> nodes, Function<T, ? extends Collection<T>> dependsOn) {
        for (T n : nodes) {
            dependencies.putIfAbsent(n, new ArrayList<>());
        }
        this.nodes = List.copyOf(dependencies.keySet());
        for (T n : this.nodes) {
            for (T d : dependsOn.apply(n)) {
                if (dependencies.containsKey(d)) {
                    dependencies.get(n).add(d);
                }
            }
        }
    }

    /**
     * Every node after all it depends on; of the nodes free to go at any point, the one given first goes first, so an
     * order that is already valid comes back unchanged and independent nodes keep their declaration order.
     *
     * @throws IllegalStateException when the dependencies form a cycle (its path is in the message)
     */
    public List<T> order() {
        Map<T, Integer> index = new HashMap<>();
        Map<T, Integer> waitingFor = new HashMap<>();
        Map<T, List<T>> dependents = new HashMap<>();
        for (T n : nodes) {
            index.put(n, index.size());
            waitingFor.put(n, dependencies.get(n).size());
            for (T d : dependencies.get(n)) {
                dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(n);
            }
        }
        PriorityQueue<T> free = new PriorityQueue<>((a, b) -> Integer.compare(index.get(a), index.get(b)));
        nodes.stream().filter(n -> waitingFor.get(n) == 0).forEach(free::add);
        List<T> out = new ArrayList<>(nodes.size());
        while (!free.isEmpty()) {
            T next = free.poll();
            out.add(next);
            for (T dependent : dependents.getOrDefault(next, List.of())) {
                if (waitingFor.merge(dependent, -1, Integer::sum) == 0) {
                    free.add(dependent);
                }
            }
        }
        if (out.size() < nodes.size()) {
            throw new IllegalStateException("dependencies form a cycle: " + cycle().map(DependencyGraph::path)
                    .orElse("?"));
        }
        return List.copyOf(out);
    }

    /**
     * One cycle, as the path a, b, …, a where each node depends on the next: a depth-first walk from each node in the
     * given order, following dependencies in their given order; the first node met again closes the cycle.
     */
    public Optional<List<T>> cycle() {
        Map<T, Boolean> finished = new HashMap<>(); // false: on the current path; true: explored, on no cycle
        for (T start : nodes) {
            if (finished.containsKey(start)) {
                continue;
            }
            List<T> path = new ArrayList<>();
            Deque<Iterator<T>> pending = new ArrayDeque<>();
            path.add(start);
            finished.put(start, false);
            pending.push(dependencies.get(start).iterator());
            while (!pending.isEmpty()) {
                Iterator<T> next = pending.peek();
                if (!next.hasNext()) {
                    pending.pop();
                    finished.put(path.remove(path.size() - 1), true);
                    continue;
                }
                T n = next.next();
                Boolean state = finished.get(n);
                if (state == null) {
                    path.add(n);
                    finished.put(n, false);
                    pending.push(dependencies.get(n).iterator());
                } else if (!state) {
                    List<T> cycle = new ArrayList<>(path.subList(path.indexOf(n), path.size()));
                    cycle.add(n);
                    return Optional.of(List.copyOf(cycle));
                }
            }
        }
        return Optional.empty();
    }

    /** A cycle or order as "a -> b -> a". */
    public static String path(List<?> nodes) {
        return nodes.stream().map(String::valueOf).collect(Collectors.joining(" -> "));
    }
}
