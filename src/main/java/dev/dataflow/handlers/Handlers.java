package dev.dataflow.handlers;

import dev.dataflow.config.StepKind;
import dev.dataflow.exec.StepHandler;

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
        m.put(StepKind.POPULATE, new PopulateStep(null));
        return m;
    }
}
