package dev.dataflow.config;

import java.util.List;

/**
 * A step of the flow, named {@code <tool>:<target>:<operation>}. {@code sql} holds step-wide templates (e.g. configure);
 * per-domain templates live on the domains. {@code database} is {@code flow} or {@code target} for SQL steps.
 * {@code kind} is never null in a {@link Pipeline}: a step whose kind is missing or unknown is a problem, and
 * {@link PipelineParser#parse} returns no pipeline while any problem exists.
 */
public record Step(String id, StepKind kind, String group, List<String> needs, boolean inFlow, List<String> sql,
                   String database, String description, Pos pos) {
}
