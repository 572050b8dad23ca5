package dev.dataflow.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Each key of a domain's {@code sql:} names a declared step that runs SQL templates (kind sql or transform). */
final class DomainSqlCheck implements CrossCheck {
    @Override
    public void check(Draft draft, List<Problem> problems) {
        Set<String> stepIds = new LinkedHashSet<>();
        draft.steps().forEach(s -> stepIds.add(s.id()));
        for (Positions.SqlKey key : draft.positions().sqlKeys()) {
            String stepId = key.stepId();
            Optional<Step> step = draft.steps().stream().filter(s -> s.id().equals(stepId)).findFirst();
            if (step.isEmpty()) {
                problems.add(new Problem(key.pos(), "unknown step '" + stepId + "' in domain " + key.domain() + " sql",
                        Names.didYouMean(stepId, stepIds).orElse(null)));
                continue;
            }
            // A draft step has no kind when its kind was unknown (reported already); a parsed Pipeline never does.
            StepKind kind = step.get().kind();
            if (kind != null && kind != StepKind.SQL && kind != StepKind.TRANSFORM) {
                problems.add(new Problem(key.pos(), "step " + stepId + " (kind " + kind.yamlName()
                        + ") does not run SQL templates", null));
            }
        }
    }
}
