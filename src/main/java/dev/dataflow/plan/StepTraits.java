package dev.dataflow.plan;

import dev.dataflow.config.Domain;
import dev.dataflow.config.Pipeline;
import dev.dataflow.config.Step;
import dev.dataflow.config.StepKind;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a kind of step is, apart from how it runs: which domains it has work for, what its fingerprint covers beyond
 * its rendered templates, which files it writes for later steps, and what it opens. Each kind's handler says it
 * ({@code exec.StepHandler} extends this); the handler registry maps each kind to its handler, so nothing else needs
 * a {@code switch} on the kind. Every method has a default, so a handler written as a lambda (a test's) still is one.
 */
public interface StepTraits {
    /** What a step may open, checked and connected to before step 1. */
    enum Resource { FLOW, TARGET, STORAGE }

    /** The traits of a kind with no handler in {@code kinds}: the defaults. */
    StepTraits DEFAULTS = new StepTraits() {
    };

    static StepTraits of(Map<StepKind, ? extends StepTraits> kinds, StepKind kind) {
        StepTraits t = kinds.get(kind);
        return t == null ? DEFAULTS : t;
    }

    /** Whether the step has anything to do for the domain (the plan lists only those): by default, yes. */
    default boolean worksOn(Step step, Domain domain) {
        return true;
    }

    /** What the fingerprint covers for one of the step's domains, beyond its templates and the domain's tables. */
    default List<FingerprintInput> fingerprint(Pipeline pipeline, Domain domain) {
        return List.of();
    }

    /** What the fingerprint covers once for the whole step (a schema file, say). */
    default List<FingerprintInput> fingerprint(Pipeline pipeline) {
        return List.of();
    }

    /** The local files the step writes for these domains, which later steps read. */
    default List<Path> writes(Pipeline pipeline, List<Domain> domains) {
        return List.of();
    }

    /** What the step opens: by default the flow database, where most steps work. */
    default Set<Resource> uses(Step step) {
        return Set.of(Resource.FLOW);
    }

    /**
     * Whether a run holding the step keeps its run state in the flow database, so that {@code resume} can continue it.
     * A run made only of steps that work outside the flow database (download, convert, reading the target's enums)
     * records nothing and needs no flow database.
     */
    default boolean needsRunState() {
        return true;
    }

    /** Whether the step runs its domains side by side (the plan shows in which waves). */
    default boolean sideBySide() {
        return false;
    }
}
