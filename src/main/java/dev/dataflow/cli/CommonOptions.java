package dev.dataflow.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;

/**
 * The global options: declared once on the root command and inherited by every subcommand, so they work before or
 * after it ({@code --pipeline p.yaml plan} and {@code plan --pipeline p.yaml} are the same). The value lands in
 * this one object wherever it is typed.
 */
final class CommonOptions {
    @Option(names = "--pipeline", scope = ScopeType.INHERIT, paramLabel = "FILE", description = "The pipeline file (default: ${DEFAULT-VALUE}).",
            defaultValue = "pipeline.yaml")
    Path pipeline;

    @Option(names = "--env-file", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "Variables for $${VAR} in the pipeline (default: .env beside the pipeline; the environment wins).")
    Path envFile;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Show stack traces and more detail.")
    boolean verbose;
}
