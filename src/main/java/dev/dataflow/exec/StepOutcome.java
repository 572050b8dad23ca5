package dev.dataflow.exec;

import java.util.Map;

/** What a step did: rows handled, rows per table (in order), and a one-line summary. */
public record StepOutcome(long rows, Map<String, Long> tableRows, String summary) {
    public static StepOutcome of(String summary) {
        return new StepOutcome(0, Map.of(), summary);
    }

    public static StepOutcome rows(Map<String, Long> tableRows, String summary) {
        return new StepOutcome(tableRows.values().stream().mapToLong(Long::longValue).sum(), tableRows, summary);
    }
}
