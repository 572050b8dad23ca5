package dev.dataflow.exec;

import java.time.Duration;
import java.util.Map;

/** The result of one planned step. */
public record StepResult(String stepId, Status status, Duration duration, long rows, Map<String, Long> tableRows,
                         String message) {
    /** How a step ended. */
    public enum Status { OK, FAILED, SKIPPED }
}
