package dev.dataflow.exec;

import java.util.List;

/** The results of all planned steps, in plan order. */
public record RunResult(List<StepResult> steps) {
    public boolean ok() {
        return steps.stream().noneMatch(s -> s.status() == StepResult.Status.FAILED);
    }
}
