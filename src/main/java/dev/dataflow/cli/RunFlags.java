package dev.dataflow.cli;

import dev.dataflow.exec.RunOptions;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options of the commands that run steps. */
final class RunFlags {
    @Option(names = "--refresh", description = "Download objects again even when the local copy matches.")
    boolean refresh;

    @Option(names = "--force", description = "Publish even when a row_count max_change check fails (other checks still block).")
    boolean force;

    @Option(names = "--report", paramLabel = "FILE", description = "Where to write the JSON run report (default: target/run-report.json).")
    Path report;

    RunOptions options(boolean verbose) {
        return new RunOptions(refresh, verbose, force, report);
    }
}
