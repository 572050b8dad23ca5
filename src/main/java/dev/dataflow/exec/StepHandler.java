package dev.dataflow.exec;

/** Does the work of one kind of step. Throws {@link dev.dataflow.DataflowException} with a user-facing message on failure. */
public interface StepHandler {
    StepOutcome run(StepContext context) throws Exception;
}
