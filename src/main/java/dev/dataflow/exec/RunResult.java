package dev.dataflow.exec;

import dev.dataflow.DataflowException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.List;

/** The results of all planned steps, in plan order, and what stopped the run (null when nothing failed). */
public record RunResult(List<StepResult> steps, Exception failure) {
    public RunResult(List<StepResult> steps) {
        this(steps, null);
    }

    public static RunResult none() {
        return new RunResult(List.of(), null);
    }

    public boolean ok() {
        return steps.stream().noneMatch(s -> s.status() == StepResult.Status.FAILED);
    }

    /**
     * The exit code of a run that got this far: 0, 1 for a failed step (its input, its SQL, a lost connection or
     * file), 3 when the step died of a bug (an unexpected exception our own code let through).
     */
    public int exitCode() {
        if (ok()) {
            return 0;
        }
        boolean environment = failure == null || failure instanceof DataflowException || failure instanceof SQLException
                || failure instanceof IOException || failure instanceof UncheckedIOException;
        return environment ? DataflowException.STEP_FAILED : DataflowException.INTERNAL;
    }
}
