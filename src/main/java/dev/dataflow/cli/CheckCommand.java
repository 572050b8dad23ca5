package dev.dataflow.cli;

import dev.dataflow.config.Pipeline;
import dev.dataflow.db.Databases;
import dev.dataflow.exec.Console;
import dev.dataflow.plan.Plan;
import picocli.CommandLine.Command;

/**
 * {@code check}: the preflight on its own, like {@code dbt debug}: resolves the connections of the whole flow and
 * opens each (flow and target databases, the storage with every bucket the flow reads), one line each. Runs nothing.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Connect to the flow and API databases and to the storage, one line each (versions, host, user). Runs nothing.")
final class CheckCommand extends Subcommand {
    @Override
    public Integer call() {
        Pipeline pipeline = pipeline();
        Plan plan = wholeFlow(pipeline);
        Preflight.check(pipeline, plan, root.handlers);
        Console console = new Console(spec.commandLine().getOut(), spec.commandLine().getErr(), false);
        try (Databases dbs = new Databases(pipeline.flow(), pipeline.target(), 1)) {
            Preflight.connect(pipeline, plan, root.handlers, dbs, console);
        }
        console.line("check: every connection works");
        return 0;
    }
}
