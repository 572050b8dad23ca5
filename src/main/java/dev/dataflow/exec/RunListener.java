package dev.dataflow.exec;

import dev.dataflow.plan.Plan;

/** Told about each step as the run goes, e.g. to record run state. */
public interface RunListener {
    RunListener NONE = new RunListener() {
    };

    default void stepStarted(int position, Plan.PlannedStep step) {
    }

    default void stepFinished(int position, Plan.PlannedStep step, StepResult result) {
    }
}
