package dev.dataflow.plan;

import dev.dataflow.config.Domain;
import dev.dataflow.config.Pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which of a step's domains may run side by side: two domains with no path between them in the domain graph are
 * independent; a domain waits for every ancestor of it that the step covers (through ancestors the step does not
 * cover too, so a grandchild still waits for its grandparent).
 */
public final class SideBySide {
    private SideBySide() {
    }

    /** For each of {@code domains} (in dependency order), the covered ancestors it must wait for. */
    public static Map<String, Set<String>> waitsFor(Pipeline pipeline, List<String> domains) {
        Set<String> covered = new LinkedHashSet<>(domains);
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (String d : domains) {
            Set<String> ancestors = new LinkedHashSet<>();
            collectAncestors(pipeline, d, ancestors);
            // In the domains' order, not Set.copyOf's, whose order changes from one JVM to the next.
            Set<String> waits = new LinkedHashSet<>();
            covered.stream().filter(ancestors::contains).forEach(waits::add);
            out.put(d, Collections.unmodifiableSet(waits));
        }
        return out;
    }

    private static void collectAncestors(Pipeline pipeline, String domain, Set<String> into) {
        Domain d = pipeline.domain(domain).orElse(null);
        if (d == null) {
            return;
        }
        for (String p : d.parents()) {
            if (into.add(p)) {
                collectAncestors(pipeline, p, into);
            }
        }
    }

    /**
     * The domains in waves: the first holds those that wait for nobody, each later one those whose ancestors are all
     * in earlier waves. Domains of one wave may run together (up to the parallelism); a domain of a later wave starts
     * as soon as its own ancestors end, not when the whole wave before it does.
     */
    public static List<List<String>> waves(Pipeline pipeline, List<String> domains) {
        Map<String, Set<String>> waits = waitsFor(pipeline, domains);
        Map<String, Integer> level = new LinkedHashMap<>();
        for (String d : domains) {
            int l = 0;
            for (String a : waits.get(d)) {
                l = Math.max(l, level.getOrDefault(a, 0) + 1);
            }
            level.put(d, l);
        }
        List<List<String>> waves = new ArrayList<>();
        level.forEach((d, l) -> {
            while (waves.size() <= l) {
                waves.add(new ArrayList<>());
            }
            waves.get(l).add(d);
        });
        return waves.stream().map(List::copyOf).toList();
    }
}
