package dev.dataflow.cli;

import dev.dataflow.config.Pipeline;
import dev.dataflow.plan.Plan;
import dev.dataflow.plan.Planner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code plan}: prints what a selection would run, touching nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Print the ordered steps, the domains each covers and why each domain is included. Touches nothing.")
final class PlanCommand extends Subcommand {
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
        Pipeline pipeline = pipeline();
        Plan plan = Planner.plan(pipeline, selection.selection());
        if (graph) {
            spec.commandLine().getOut().print(dev.dataflow.report.Mermaid.graph(pipeline, plan));
            spec.commandLine().getOut().flush();
            return 0;
        }
        PlanPrinter.print(pipeline, plan, root.handlers, out());
        if (explain) {
            PlanPrinter.explainPopulate(pipeline, plan, spec.commandLine().getOut());
        }
        return 0;
    }
}
