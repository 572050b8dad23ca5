package dev.dataflow.exec;

import dev.dataflow.plan.StepTraits;

/**
 * Does the work of one kind of step, and says what that kind works on, reads and opens ({@link StepTraits}).
 * Throws {@link dev.dataflow.DataflowException} with a user-facing message on failure.
 */
@FunctionalInterface
public interface StepHandler extends StepTraits {
    StepOutcome run(StepContext context) throws Exception;
}
