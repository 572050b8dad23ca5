package dev.dataflow.plan;

import dev.dataflow.config.ConfigException;
import dev.dataflow.config.Names;
import dev.dataflow.config.Pipeline;
import dev.dataflow.config.Pos;
import dev.dataflow.config.Problem;
import dev.dataflow.config.Step;
import dev.dataflow.graph.DependencyGraph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns a pipeline and a selection into a {@link Plan}. Pure: no I/O. */
public final class Planner {
    private static final Pos COMMAND_LINE = Pos.of("command line");

    private Planner() {
    }

    public static Plan plan(Pipeline pipeline, Selection selection) {
        List<Problem> problems = new ArrayList<>();
        DomainGraph graph = new DomainGraph(pipeline.domains());
        List<Step> ordered = order(pipeline.steps());
        Set<String> groups = new LinkedHashSet<>();
        ordered.forEach(s -> {
            if (s.group() != null) {
                groups.add(s.group());
            }
        });
        Set<String> ids = new LinkedHashSet<>();
        ordered.forEach(s -> ids.add(s.id()));
        for (String g : selection.groups()) {
            if (!groups.contains(g)) {
                problems.add(new Problem(COMMAND_LINE, "unknown group '" + g + "'",
                        Names.didYouMean(g, groups).orElse("groups: " + String.join(", ", groups))));
            }
        }
        for (String s : selection.steps()) {
            if (!ids.contains(s)) {
                problems.add(new Problem(COMMAND_LINE, "unknown step '" + s + "'",
                        Names.didYouMean(s, ids).orElse("steps: " + String.join(", ", ids))));
            }
        }
        if (selection.from() != null && !ids.contains(selection.from())) {
            problems.add(new Problem(COMMAND_LINE, "unknown step '" + selection.from() + "' in --from",
                    Names.didYouMean(selection.from(), ids).orElse("steps: " + String.join(", ", ids))));
        }
        Set<String> selectedDomains = new LinkedHashSet<>();
        for (String d : selection.domains()) {
            if (d.equals("all")) {
                selectedDomains.addAll(graph.names());
            } else if (graph.names().contains(d)) {
                selectedDomains.add(d);
            } else {
                Set<String> known = new LinkedHashSet<>(graph.names());
                known.add("all");
                problems.add(new Problem(COMMAND_LINE, "unknown domain '" + d + "'",
                        Names.didYouMean(d, known).orElse("domains: " + String.join(", ", known))));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        if (selection.domains().isEmpty()) {
            selectedDomains.addAll(graph.names());
        }

        List<Step> chosen = chooseSteps(ordered, selection);
        Map<String, String> buildReasons = buildSet(graph, selectedDomains);
        Map<String, String> publishReasons = publishSet(graph, selectedDomains);
        List<String> build = graph.order(buildReasons.keySet());
        List<String> publish = graph.order(publishReasons.keySet());
        List<Plan.PlannedStep> planned = new ArrayList<>();
        for (Step s : chosen) {
            List<String> domains = switch (s.kind().scope()) {
                case NONE -> List.of();
                case BUILD -> build;
                case PUBLISH -> publish;
            };
            planned.add(new Plan.PlannedStep(s, domains));
        }
        return new Plan(selection, List.copyOf(planned), build, buildReasons, publish, publishReasons);
    }

    private static List<Step> chooseSteps(List<Step> ordered, Selection selection) {
        List<Step> out = new ArrayList<>();
        int fromIndex = 0;
        if (selection.from() != null) {
            for (int i = 0; i < ordered.size(); i++) {
                if (ordered.get(i).id().equals(selection.from())) {
                    fromIndex = i;
                }
            }
        }
        boolean onlyFrom = selection.groups().isEmpty() && selection.steps().isEmpty();
        for (int i = fromIndex; i < ordered.size(); i++) {
            Step s = ordered.get(i);
            boolean pick;
            if (onlyFrom) {
                // --from alone means "the flow from here on"; the start step itself is run even if out of flow.
                pick = s.inFlow() || s.id().equals(selection.from());
            } else {
                pick = selection.steps().contains(s.id()) || s.group() != null && selection.groups().contains(s.group());
            }
            if (pick) {
                out.add(s);
            }
        }
        return out;
    }

    /** Selected + ancestors + descendants + the descendants' ancestors, each with the first reason found. */
    private static Map<String, String> buildSet(DomainGraph graph, Set<String> selected) {
        Map<String, String> reasons = new LinkedHashMap<>();
        selected.forEach(d -> reasons.put(d, "selected"));
        for (String d : selected) {
            ancestors(graph, d, reasons, "");
        }
        Map<String, String> descendants = new LinkedHashMap<>();
        for (String d : selected) {
            descendants(graph, d, descendants);
        }
        descendants.forEach(reasons::putIfAbsent);
        for (Map.Entry<String, String> e : descendants.entrySet()) {
            ancestors(graph, e.getKey(), reasons, " (" + e.getValue() + ")");
        }
        return reasons;
    }

    /** Selected + descendants: a CASCADE truncate of a domain empties its descendants, so they are reloaded too. */
    private static Map<String, String> publishSet(DomainGraph graph, Set<String> selected) {
        Map<String, String> reasons = new LinkedHashMap<>();
        selected.forEach(d -> reasons.put(d, "selected"));
        Map<String, String> descendants = new LinkedHashMap<>();
        for (String d : selected) {
            descendants(graph, d, descendants);
        }
        descendants.forEach(reasons::putIfAbsent);
        return reasons;
    }

    private static void ancestors(DomainGraph graph, String start, Map<String, String> reasons, String suffix) {
        Deque<String> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            String d = todo.poll();
            for (String p : graph.parents(d)) {
                if (reasons.putIfAbsent(p, "parent of " + d + suffix) == null) {
                    todo.add(p);
                }
            }
        }
    }

    private static void descendants(DomainGraph graph, String start, Map<String, String> out) {
        Deque<String> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            String d = todo.poll();
            for (String c : graph.children(d)) {
                if (!out.containsKey(c) && !c.equals(start)) {
                    out.put(c, "child of " + d);
                    todo.add(c);
                }
            }
        }
    }

    /** Steps in dependency order: a step after everything it needs, otherwise in declaration order. */
    static List<Step> order(List<Step> steps) {
        Map<String, Step> byId = new LinkedHashMap<>();
        steps.forEach(s -> byId.put(s.id(), s));
        return new DependencyGraph<>(byId.keySet(), id -> byId.get(id).needs()).order().stream().map(byId::get).toList();
    }
}
