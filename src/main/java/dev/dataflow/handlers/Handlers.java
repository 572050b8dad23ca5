package dev.dataflow.handlers;

import dev.dataflow.config.StepKind;
import dev.dataflow.exec.StepHandler;
import dev.dataflow.schema.ModelReplicator;

import java.util.EnumMap;
import java.util.Map;

/** The built-in step handlers by kind. */
public final class Handlers {
    private Handlers() {
    }

    public static Map<StepKind, StepHandler> builtIn() {
        Map<StepKind, StepHandler> m = new EnumMap<>(StepKind.class);
        m.put(StepKind.SQL, new SqlStep(false));
        m.put(StepKind.TRANSFORM, new SqlStep(true));
        m.put(StepKind.LOAD, new LoadStep());
        m.put(StepKind.CONVERT, new ConvertStep());
        m.put(StepKind.DOWNLOAD, new DownloadStep());
        m.put(StepKind.POPULATE, new PopulateStep(ModelReplicator::verifyNoDrift));
        m.put(StepKind.DRIZZLE_PULL, new SchemaSteps.Pull());
        m.put(StepKind.DRIZZLE_PUSH, new SchemaSteps.Push());
        m.put(StepKind.MODEL_CREATE, new SchemaSteps.ModelCreate());
        return m;
    }

    /** The handlers of a {@code rollback} run: its one step is recorded as a publish-scope step. */
    public static Map<StepKind, StepHandler> rollback() {
        return Map.of(StepKind.POPULATE, new RollbackStep());
    }

    /** The step id a rollback run records. */
    public static String rollbackStepId() {
        return RollbackStep.STEP_ID;
    }
}
