package dev.dataflow.cli;

import dev.dataflow.config.Pipeline;
import dev.dataflow.plan.Planner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/** {@code plan}: prints what a selection would run, touching nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Print the ordered steps, the domains each covers and why each domain is included. Touches nothing.")
final class PlanCommand implements Callable<Integer> {
    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    SelectionOptions selection;

    @Override
    public Integer call() {
        Pipeline pipeline = App.load(common, root.environment);
        PlanPrinter.print(pipeline, Planner.plan(pipeline, selection.selection()), spec.commandLine().getOut());
        return 0;
    }
}
