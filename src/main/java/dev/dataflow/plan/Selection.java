package dev.dataflow.plan;

import java.util.List;

/**
 * What the user asked for: groups, steps, a step to start from, and domains ({@code all} or none = every domain).
 * With no groups, steps or start, the selection is the whole flow.
 */
public record Selection(List<String> groups, List<String> steps, String from, List<String> domains) {
    public Selection {
        groups = groups == null ? List.of() : List.copyOf(groups);
        steps = steps == null ? List.of() : List.copyOf(steps);
        domains = domains == null ? List.of() : List.copyOf(domains);
    }

    public static Selection flow(List<String> domains) {
        return new Selection(List.of(), List.of(), null, domains);
    }

    public boolean isWholeFlow() {
        return groups.isEmpty() && steps.isEmpty() && from == null;
    }
}
