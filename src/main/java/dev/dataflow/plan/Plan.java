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

    /**
     * A step with the domains it covers, in dependency order, and the fingerprint of its inputs: null until the
     * {@link Fingerprinter} has seen the plan (a plan only printed or checked has none), or when it could not be made.
     */
    public record PlannedStep(Step step, List<String> domains, String fingerprint) {
        public PlannedStep(Step step, List<String> domains) {
            this(step, domains, null);
        }

        PlannedStep withFingerprint(String fp) {
            return new PlannedStep(step, domains, fp);
        }
    }
}
