package dev.dataflow.config;

import java.util.Arrays;
import java.util.Optional;

/** The handler behind a step, and which domains the step covers. */
public enum StepKind {
    DRIZZLE_PULL("drizzle-pull", Scope.NONE),
    DOWNLOAD("download", Scope.BUILD),
    CONVERT("convert", Scope.BUILD),
    SQL("sql", Scope.BUILD),
    DRIZZLE_PUSH("drizzle-push", Scope.NONE),
    LOAD("load", Scope.BUILD),
    MODEL_CREATE("model-create", Scope.BUILD),
    TRANSFORM("transform", Scope.BUILD),
    POPULATE("populate", Scope.PUBLISH);

    /** Which domain set a step works on. */
    public enum Scope { NONE, BUILD, PUBLISH }

    private final String yamlName;
    private final Scope scope;

    StepKind(String yamlName, Scope scope) {
        this.yamlName = yamlName;
        this.scope = scope;
    }

    public String yamlName() {
        return yamlName;
    }

    public Scope scope() {
        return scope;
    }

    public static Optional<StepKind> fromYaml(String name) {
        return Arrays.stream(values()).filter(k -> k.yamlName.equals(name)).findFirst();
    }
}
