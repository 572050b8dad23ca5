package dev.dataflow.cli;

import dev.dataflow.plan.Selection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** {@code flow}: every step that belongs to the flow, for the given domains. */
@Command(name = "flow", mixinStandardHelpOptions = true,
        description = "Run the full flow (every step except those marked flow: false) for the given domains.")
final class FlowCommand extends RunningSubcommand {
    @Option(names = "--domain", paramLabel = "DOMAIN", description = "Domain (repeatable; 'all' = every domain; default all).")
    List<String> domains = new ArrayList<>();

    @Override
    public Integer call() {
        return run(root.environment, App.planning(Selection.flow(SelectionOptions.splitCommas(domains)), out()));
    }
}
