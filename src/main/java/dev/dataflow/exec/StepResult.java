package dev.dataflow.exec;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The result of one planned step. */
public record StepResult(String stepId, List<String> domains, Status status, Duration duration, long rows,
                         Map<String, Long> tableRows, String message, Map<String, Object> details) {
    /** How a step ended. */
    public enum Status { OK, FAILED, SKIPPED, NOT_RUN, INTERRUPTED }
}
