package dev.dataflow.cli;

import dev.dataflow.DataflowException;
import dev.dataflow.config.Pipeline;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;

/** {@code validate}: parses the pipeline and renders every template, with no network. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Parse pipeline.yaml and render every SQL template for every domain. Needs no database or network.")
final class ValidateCommand extends Subcommand {
    @Override
    public Integer call() {
        Pipeline pipeline = pipeline();
        Preflight.checkVariables(pipeline, wholeFlow(pipeline), root.handlers);
        List<RenderCommand.Output> rendered;
        try {
            rendered = RenderCommand.renderAll(pipeline);
        } catch (DataflowException e) {
            throw e.asConfig();
        }
        PrintWriter out = out();
        out.println(pipeline.file().getFileName() + ": OK - " + pipeline.steps().size() + " steps, "
                + pipeline.domains().size() + " domains, "
                + pipeline.domains().stream().mapToInt(d -> d.sources().size()).sum() + " sources, "
                + rendered.size() + " SQL templates rendered");
        out.flush();
        return 0;
    }
}
