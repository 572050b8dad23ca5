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
    SelectionOptions selection;

    @picocli.CommandLine.Option(names = "--explain", description = {"Also read the API database's foreign keys and show, "
            + "for the populate, which tables are truncated and reloaded, which are reached through foreign keys,",
            "and which tables outside the publish set would block it."})
    boolean explain;

    @picocli.CommandLine.Option(names = "--graph", description = {"Print the domain graph as Mermaid instead (paste it "
            + "into Markdown: GitHub draws it), the selection's build set amber, its publish set green."})
    boolean graph;

    @Override
    public Integer call() {
        Pipeline pipeline = App.load(root.common, root.environment);
        dev.dataflow.plan.Plan plan = Planner.plan(pipeline, selection.selection());
        if (graph) {
            spec.commandLine().getOut().print(dev.dataflow.report.Mermaid.graph(pipeline, plan));
            spec.commandLine().getOut().flush();
            return 0;
        }
        PlanPrinter.print(pipeline, plan, spec.commandLine().getOut());
        if (explain) {
            PlanPrinter.explainPopulate(pipeline, plan, spec.commandLine().getOut());
        }
        return 0;
    }
}
