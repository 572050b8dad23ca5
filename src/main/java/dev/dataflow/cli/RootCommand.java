package dev.dataflow.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.Map;
import java.util.concurrent.Callable;

/** {@code runner.jar [selection]}: runs the selected steps; the subcommands plan, validate, render and more. */
@Command(name = "runner.jar", mixinStandardHelpOptions = true, version = "data-flow 0.1.0",
        description = {"Populates a PostGIS API database from files in S3-compatible storage through a scratch flow database.",
                "Without a subcommand, runs the selected steps (the whole flow when nothing is selected)."},
        subcommands = {FlowCommand.class, PlanCommand.class, ValidateCommand.class, RenderCommand.class, ConvertCommand.class, StatusCommand.class, ResumeCommand.class, RollbackCommand.class, DemoCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:everything asked for ran and succeeded",
                "1:a step failed (the message names the step, file and line)",
                "2:bad usage or configuration (nothing ran)",
                "3:internal error"})
final class RootCommand implements Callable<Integer> {
    final Map<String, String> environment;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    SelectionOptions selection;

    @Mixin
    RunFlags flags;

    RootCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        return App.run(App.load(common, environment), selection.selection(), flags.options(common.verbose),
                spec.commandLine().getOut(), environment);
    }
}
