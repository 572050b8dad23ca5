package dev.dataflow.cli;

import dev.dataflow.config.Pos;
import dev.dataflow.config.Step;
import dev.dataflow.config.StepKind;
import dev.dataflow.handlers.Handlers;
import dev.dataflow.plan.Plan;
import dev.dataflow.plan.Selection;
import picocli.CommandLine.Command;

import java.util.List;
import java.util.Map;

/** {@code rollback}: puts the target tables the last swap publish replaced back, recorded as a run of its own. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Swap the previous copy of the API tables (kept by the last populate that swapped tables in) "
                + "back in, in one short transaction.",
                "Refused, with the reason, when the tables were replaced, rewritten or altered since. Run it again to "
                        + "undo it."})
final class RollbackCommand extends RunningSubcommand {
    @Override
    public Integer call() {
        Step step = new Step(Handlers.rollbackStepId(), StepKind.POPULATE, null, List.of(), false, List.of(), "target",
                "swap the previous API tables back in", Pos.of("(rollback)"));
        Plan plan = new Plan(Selection.flow(List.of()), List.of(new Plan.PlannedStep(step, List.of())), List.of(),
                Map.of(), List.of(), Map.of());
        return App.run(root.invocation(), flags.options(root.common.verbose), root.environment, pipeline -> plan,
                Handlers.rollback());
    }
}
