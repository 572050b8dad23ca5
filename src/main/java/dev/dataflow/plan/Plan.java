package dev.dataflow.plan;

import dev.dataflow.config.Step;

import java.util.List;
import java.util.Map;

/**
 * The ordered steps to run and the domains each covers, with why each domain is included.
 * {@code build} domains are rebuilt in the flow database; {@code publish} domains are copied to the target.
 */
public record Plan(Selection selection, List<PlannedStep> steps, List<String> build, Map<String, String> buildReasons,
                   List<String> publish, Map<String, String> publishReasons) {

    /** A step with the domains it covers, in dependency order. */
    public record PlannedStep(Step step, List<String> domains) {
    }
}
