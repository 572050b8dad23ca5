package dev.dataflow.cli;

import dev.dataflow.config.Pipeline;
import dev.dataflow.plan.Plan;
import dev.dataflow.plan.Planner;
import dev.dataflow.plan.Selection;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** What every subcommand reaches: the root command (global options, environment, handlers) and its own output. */
abstract class Subcommand implements Callable<Integer> {
    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    /** The pipeline the global options name, with its {@code .env}. */
    Pipeline pipeline() {
        return App.load(root.common, root.environment);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Every step of the flow for every domain: what {@code check} connects for and {@code validate} checks. */
    static Plan wholeFlow(Pipeline pipeline) {
        return Planner.plan(pipeline, Selection.flow(List.of("all")));
    }
}
