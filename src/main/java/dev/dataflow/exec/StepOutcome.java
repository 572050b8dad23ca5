package dev.dataflow.exec;

import java.util.Map;

/**
 * What a step did: rows handled, rows per table (in order), a one-line summary, and details for the run report
 * (e.g. downloaded objects, check results).
 */
public record StepOutcome(long rows, Map<String, Long> tableRows, String summary, Map<String, Object> details) {
    public StepOutcome(long rows, Map<String, Long> tableRows, String summary) {
        this(rows, tableRows, summary, Map.of());
    }

    public static StepOutcome of(String summary) {
        return new StepOutcome(0, Map.of(), summary);
    }

    public static StepOutcome rows(Map<String, Long> tableRows, String summary) {
        return new StepOutcome(tableRows.values().stream().mapToLong(Long::longValue).sum(), tableRows, summary);
    }

    public StepOutcome withDetails(Map<String, Object> more) {
        java.util.Map<String, Object> all = new java.util.LinkedHashMap<>(details);
        all.putAll(more);
        return new StepOutcome(rows, tableRows, summary, all);
    }
}
