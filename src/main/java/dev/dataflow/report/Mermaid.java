package dev.dataflow.report;

import dev.dataflow.config.Domain;
import dev.dataflow.config.Pipeline;
import dev.dataflow.plan.Plan;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Mermaid text for the pictures a user would rather look at than read, drawn by GitHub in Markdown: the domain graph
 * with the build and publish sets of a selection, and a Gantt chart of a run's steps. Pure: names and timings in,
 * text out.
 */
public final class Mermaid {
    private Mermaid() {
    }

    /**
     * The domains as a left-to-right flowchart, parent to child. Domains the selection rebuilds are drawn in amber,
     * those it also publishes in green with a thick border; the rest stay plain. Labels say the same in words, for
     * readers of the text.
     */
    public static String graph(Pipeline pipeline, Plan plan) {
        StringBuilder sb = new StringBuilder("flowchart LR\n");
        // When the selection publishes every domain, marking each one says nothing: one comment says it instead.
        boolean all = pipeline.domains().stream().allMatch(d -> plan.publish().contains(d.name()));
        sb.append(all ? "  %% every domain is rebuilt in the flow database and published to the API database\n"
                : "  %% build: rebuilt in the flow database; publish: also copied to the API database\n");
        for (Domain d : pipeline.domains()) {
            boolean build = plan.build().contains(d.name());
            boolean publish = plan.publish().contains(d.name());
            String mark = all ? "" : publish ? " (build, publish)" : build ? " (build)" : "";
            sb.append("  ").append(id(d.name())).append("[\"").append(label(d.name())).append(mark).append("\"]\n");
        }
        for (Domain d : pipeline.domains()) {
            for (String p : d.parents()) {
                sb.append("  ").append(id(p)).append(" --> ").append(id(d.name())).append('\n');
            }
        }
        List<String> buildOnly = pipeline.domains().stream().map(Domain::name)
                .filter(n -> plan.build().contains(n) && !plan.publish().contains(n)).toList();
        List<String> publish = pipeline.domains().stream().map(Domain::name).filter(plan.publish()::contains).toList();
        sb.append("  classDef build fill:#fff3c4,stroke:#b58900\n");
        sb.append("  classDef publish fill:#d6f5d6,stroke:#2e7d32,stroke-width:3px\n");
        if (!buildOnly.isEmpty()) {
            sb.append("  class ").append(String.join(",", buildOnly.stream().map(Mermaid::id).toList())).append(" build\n");
        }
        if (!publish.isEmpty()) {
            sb.append("  class ").append(String.join(",", publish.stream().map(Mermaid::id).toList())).append(" publish\n");
        }
        return sb.toString();
    }

    /**
     * A Gantt chart of a run report's steps, one bar per step that ran, in plan order, from each step's recorded start
     * ({@code startedAt}) and duration; a step without a recorded start starts where the one before ended. A failed
     * step is drawn red ("crit"), steps that never ran are left out.
     */
    @SuppressWarnings("unchecked")
    public static String gantt(Map<String, Object> report) {
        StringBuilder sb = new StringBuilder("gantt\n");
        sb.append("  title run").append(report.get("runId") == null ? "" : " " + report.get("runId"))
                .append(" of ").append(label(String.valueOf(report.get("pipeline")))).append('\n');
        sb.append("  dateFormat x\n  axisFormat %M:%S\n  section steps\n");
        long at = Instant.parse(String.valueOf(report.get("startedAt"))).toEpochMilli();
        for (Map<String, Object> s : (List<Map<String, Object>>) report.get("steps")) {
            String status = String.valueOf(s.get("status"));
            if ("skipped".equals(status) || "not_run".equals(status)) {
                continue;
            }
            // A bar shorter than a pixel disappears; a step of a few milliseconds still gets a sliver.
            long took = Math.max(((Number) s.get("durationMs")).longValue(), 1);
            if (s.get("startedAt") != null) {
                at = Instant.parse(String.valueOf(s.get("startedAt"))).toEpochMilli();
            }
            sb.append("  ").append(taskName(String.valueOf(s.get("id")))).append(" :")
                    .append("failed".equals(status) ? "crit, " : "done, ").append(at).append(", ").append(at + took)
                    .append('\n');
            at += took;
        }
        // A transform's domains, one bar each from their own start and end: those that ran side by side overlap.
        for (Map<String, Object> s : (List<Map<String, Object>>) report.get("steps")) {
            if (!(s.get("domainRuns") instanceof List<?> runs) || runs.isEmpty()) {
                continue;
            }
            StringBuilder section = new StringBuilder();
            for (Object o : runs) {
                Map<String, Object> d = (Map<String, Object>) o;
                if (d.get("startedAt") == null || d.get("finishedAt") == null) {
                    continue;
                }
                long from = Instant.parse(String.valueOf(d.get("startedAt"))).toEpochMilli();
                long to = Math.max(Instant.parse(String.valueOf(d.get("finishedAt"))).toEpochMilli(), from + 1);
                section.append("  ").append(taskName(String.valueOf(d.get("domain")))).append(" :")
                        .append("ok".equals(d.get("status")) ? "done, " : "crit, ").append(from).append(", ").append(to)
                        .append('\n');
            }
            if (!section.isEmpty()) {
                sb.append("  section ").append(taskName(String.valueOf(s.get("id")))).append(" domains\n").append(section);
            }
        }
        return sb.toString();
    }

    /** A node id: letters, digits and underscores only (a '-' could read as part of an arrow). */
    static String id(String name) {
        return "d_" + name.replaceAll("[^A-Za-z0-9]", "_");
    }

    private static String label(String text) {
        return text.replace("\"", "#quot;");
    }

    /** A Gantt task name may hold neither ':' (it starts the task's data) nor '#' or ';'. */
    static String taskName(String stepId) {
        return stepId.replaceAll("[:;#]", "-");
    }
}
