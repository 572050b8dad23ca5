package dev.dataflow.cli;

import dev.dataflow.config.Pipeline;
import dev.dataflow.plan.Plan;
import picocli.CommandLine.Mixin;

import java.util.Map;
import java.util.function.Function;

/** A subcommand that runs steps: it takes the run flags and runs what its planner plans. */
abstract class RunningSubcommand extends Subcommand {
    @Mixin
    RunFlags flags;

    /** Runs the plan {@code planner} makes, in {@code environment}, through the call's handlers. */
    int run(Map<String, String> environment, Function<Pipeline, Plan> planner) {
        return App.run(root.invocation(), flags.options(root.common.verbose), environment, planner);
    }
}
