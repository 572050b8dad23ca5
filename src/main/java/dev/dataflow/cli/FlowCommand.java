package dev.dataflow.cli;

import dev.dataflow.plan.Selection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code flow}: every step that belongs to the flow, for the given domains. */
@Command(name = "flow", mixinStandardHelpOptions = true,
        description = "Run the full flow (every step except those marked flow: false) for the given domains.")
final class FlowCommand implements Callable<Integer> {
    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--domain", paramLabel = "DOMAIN", description = "Domain (repeatable; 'all' = every domain; default all).")
    List<String> domains = new ArrayList<>();

    @Mixin
    RunFlags flags;

    @Override
    public Integer call() {
        return App.run(root.invocation(), flags.options(root.common.verbose), root.environment,
                App.planning(Selection.flow(SelectionOptions.splitCommas(domains)), spec.commandLine().getOut()));
    }
}
