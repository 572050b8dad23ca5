package dev.dataflow.cli;

import dev.dataflow.DataflowException;
import dev.dataflow.config.StepKind;
import dev.dataflow.exec.StepHandler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code runner.jar --group G | --step ID | --from ID}: runs the selected steps; the subcommands flow, plan, check,
 * validate, render and more. A bare call runs nothing: it prints the usage and exits 2, as dbt and Flyway do.
 */
@Command(name = "runner.jar", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Populates a PostGIS API database from files in S3-compatible storage through a scratch flow database.",
                "Without a subcommand, runs the steps selected by --group, --step or --from; `flow` runs the whole flow.",
                "Global options (--pipeline, --env-file, --verbose) go before or after the command."},
        subcommands = {FlowCommand.class, PlanCommand.class, CheckCommand.class, ValidateCommand.class,
                RenderCommand.class, ConvertCommand.class, StatusCommand.class, ResumeCommand.class, RollbackCommand.class,
                DemoCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:everything asked for ran and succeeded",
                "1:a step failed, or a connection failed (the message names the step, file and line)",
                "2:bad usage, configuration, a template or a missing input file (nothing ran)",
                "3:internal error (a bug: please report it with --verbose output)",
                "130:interrupted by Ctrl-C (SIGINT); 143: stopped by SIGTERM"})
final class RootCommand implements Callable<Integer> {
    final Map<String, String> environment;
    final List<String> args;
    final Map<StepKind, StepHandler> handlers;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    SelectionOptions selection;

    @Mixin
    RunFlags flags;

    RootCommand(Map<String, String> environment, List<String> args, Map<StepKind, StepHandler> handlers) {
        this.environment = environment;
        this.args = List.copyOf(args);
        this.handlers = handlers;
    }

    /** This call's global options, command line, writers and step handlers, for a command that runs steps. */
    Invocation invocation() {
        return new Invocation(common, "runner.jar " + String.join(" ", args), spec.commandLine().getOut(),
                spec.commandLine().getErr(), handlers);
    }

    @Override
    public Integer call() {
        if (selection.groups.isEmpty() && selection.steps.isEmpty() && selection.from == null) {
            printShortUsage(spec.commandLine().getErr());
            return DataflowException.BAD_CONFIG;
        }
        return App.run(invocation(), flags.options(common.verbose), environment,
                App.planning(selection.selection(), spec.commandLine().getOut()));
    }

    /** What a bare call prints: the two ways to run, the commands, and where the rest is. Touches nothing. */
    private void printShortUsage(PrintWriter err) {
        err.println("runner.jar: nothing to do (no command and no --group, --step or --from); nothing was run.");
        err.println("Usage: runner.jar [--pipeline FILE] [--env-file FILE] [-v] COMMAND [OPTIONS]");
        err.println("       runner.jar (--group GROUP | --step ID | --from ID) [--domain DOMAIN] [--refresh] [--force]");
        err.println("Commands:");
        for (Map.Entry<String, picocli.CommandLine> e : spec.subcommands().entrySet()) {
            String[] d = e.getValue().getCommandSpec().usageMessage().description();
            err.printf("  %-10s %s%n", e.getKey(), d.length == 0 ? "" : d[0]);
        }
        err.println("Run `runner.jar flow` for the whole flow, `runner.jar --help` for every option.");
        err.flush();
    }
}
