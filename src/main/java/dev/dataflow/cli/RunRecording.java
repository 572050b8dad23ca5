package dev.dataflow.cli;

import dev.dataflow.DataflowException;
import dev.dataflow.exec.Console;
import dev.dataflow.exec.RunListener;
import dev.dataflow.exec.StepResult;
import dev.dataflow.plan.Plan;
import dev.dataflow.state.RunState;

import java.time.Instant;
import java.util.Map;

/**
 * Records each step's start time for the report and passes the steps on to the run state. Losing the flow
 * database mid-run must not hide the step's own error: a failure to record is a warning, said once.
 */
final class RunRecording implements RunListener {
    private final RunState state;
    private final Map<String, Instant> starts;
    private final Console console;
    private boolean warned;

    RunRecording(RunState state, Map<String, Instant> starts, Console console) {
        this.state = state;
        this.starts = starts;
        this.console = console;
    }

    @Override
    public void stepStarted(int position, Plan.PlannedStep step) {
        starts.put(step.step().id(), Instant.now());
        if (state != null) {
            guard(() -> state.stepStarted(position, step));
        }
    }

    @Override
    public void stepFinished(int position, Plan.PlannedStep step, StepResult result) {
        if (state != null) {
            guard(() -> state.stepFinished(position, step, result));
        }
    }

    private void guard(Runnable r) {
        try {
            r.run();
        } catch (DataflowException e) {
            if (!warned) {
                warned = true;
                console.error("warning: " + e.getMessage());
            }
        }
    }
}
