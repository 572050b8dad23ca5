package dev.dataflow.graph;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DependencyGraphTest {
    private static DependencyGraph<String> graph(Map<String, List<String>> edges, String... order) {
        return new DependencyGraph<>(List.of(order), n -> edges.getOrDefault(n, List.of()));
    }

    @Test
    void keepsTheGivenOrderWhereDependenciesAllow() {
        DependencyGraph<String> g = graph(Map.of("b", List.of("d")), "a", "b", "c", "d", "e");
        assertEquals(List.of("a", "c", "d", "b", "e"), g.order());
        assertEquals(Optional.empty(), g.cycle());
    }

    @Test
    void aValidOrderComesBackUnchanged() {
        DependencyGraph<String> g = graph(Map.of("b", List.of("a"), "c", List.of("a", "b")), "a", "b", "c");
        assertEquals(List.of("a", "b", "c"), g.order());
    }

    @Test
    void theEarliestFreeNodeGoesFirstAfterEachPlacement() {
        // x waits for z; once z is placed, x (given before y) goes before y.
        DependencyGraph<String> g = graph(Map.of("x", List.of("z"), "y", List.of("z")), "x", "y", "z");
        assertEquals(List.of("z", "x", "y"), g.order());
    }

    @Test
    void dependenciesOutsideTheGraphConstrainNothing() {
        DependencyGraph<String> g = graph(Map.of("a", List.of("elsewhere"), "b", List.of("a")), "b", "a");
        assertEquals(List.of("a", "b"), g.order());
        assertEquals(Optional.empty(), g.cycle());
    }

    @Test
    void findsTheCycleFromTheFirstNodeOnIt() {
        DependencyGraph<String> g = graph(Map.of("a", List.of("b"), "b", List.of("c"), "c", List.of("a")),
                "x", "a", "b", "c");
        assertEquals(Optional.of(List.of("a", "b", "c", "a")), g.cycle());
        IllegalStateException e = assertThrows(IllegalStateException.class, g::order);
        assertEquals("dependencies form a cycle: a -> b -> c -> a", e.getMessage());
    }

    @Test
    void followsDependenciesInTheirGivenOrder() {
        // a depends on b (a dead end) then c, and c back on a: the walk leaves b and finds a -> c -> a.
        DependencyGraph<String> g = graph(Map.of("a", List.of("b", "c"), "c", List.of("a")), "a", "b", "c");
        assertEquals(Optional.of(List.of("a", "c", "a")), g.cycle());
    }

    @Test
    void aNodeDependingOnItselfIsACycle() {
        assertEquals(Optional.of(List.of("a", "a")), graph(Map.of("a", List.of("a")), "a").cycle());
    }

    @Test
    void aLongChainNeedsNoDeepStack() {
        int n = 200_000;
        List<Integer> nodes = IntStream.range(0, n).boxed().toList();
        DependencyGraph<Integer> chain = new DependencyGraph<>(nodes, i -> i + 1 < n ? List.of(i + 1) : List.of());
        List<Integer> order = chain.order();
        assertEquals(n - 1, order.get(0));
        assertEquals(0, order.get(n - 1));
        assertTrue(chain.cycle().isEmpty());
        DependencyGraph<Integer> loop = new DependencyGraph<>(nodes, i -> List.of((i + 1) % n));
        assertEquals(n + 1, loop.cycle().orElseThrow().size());
    }
}
