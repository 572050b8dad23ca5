package dev.dataflow.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options every command takes. */
final class CommonOptions {
    @Option(names = "--pipeline", paramLabel = "FILE", description = "The pipeline file (default: ${DEFAULT-VALUE}).",
            defaultValue = "pipeline.yaml")
    Path pipeline;

    @Option(names = "--env-file", paramLabel = "FILE",
            description = "Variables for $${VAR} in the pipeline (default: .env beside the pipeline; the environment wins).")
    Path envFile;

    @Option(names = {"-v", "--verbose"}, description = "Show stack traces and more detail.")
    boolean verbose;
}
