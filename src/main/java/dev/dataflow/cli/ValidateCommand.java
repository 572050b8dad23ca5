package dev.dataflow.cli;

import dev.dataflow.config.Pipeline;
import dev.dataflow.plan.Planner;
import dev.dataflow.plan.Selection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code validate}: parses the pipeline and renders every template, with no network. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Parse pipeline.yaml and render every SQL template for every domain. Needs no database or network.")
final class ValidateCommand implements Callable<Integer> {
    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        Pipeline pipeline = App.load(common, root.environment);
        Preflight.checkVariables(pipeline, Planner.plan(pipeline, new Selection(List.of(), List.of(), null, List.of("all"))));
        List<RenderCommand.Output> rendered = RenderCommand.renderAll(pipeline);
        PrintWriter out = spec.commandLine().getOut();
        out.println(pipeline.file().getFileName() + ": OK - " + pipeline.steps().size() + " steps, "
                + pipeline.domains().size() + " domains, "
                + pipeline.domains().stream().mapToInt(d -> d.sources().size()).sum() + " sources, "
                + rendered.size() + " SQL templates rendered");
        out.flush();
        return 0;
    }
}
