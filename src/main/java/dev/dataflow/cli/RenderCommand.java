package dev.dataflow.cli;

import dev.dataflow.DataflowException;
import dev.dataflow.config.Domain;
import dev.dataflow.config.Pipeline;
import dev.dataflow.config.Step;
import dev.dataflow.template.TemplateContext;
import dev.dataflow.template.TemplateRenderer;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code render}: writes every rendered SQL file under target/rendered/STEP/DOMAIN.sql (STEP with - for :) for review. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Write every rendered SQL file to target/rendered/<step>/<domain>.sql for review in pull requests (pg:model:transform -> pg-model-transform).")
final class RenderCommand extends Subcommand {
    /** One rendered file: where it goes (relative to the render folder) and its SQL. */
    record Output(Path relative, String sql) {
    }

    @Override
    public Integer call() {
        Pipeline pipeline = pipeline();
        Path dir = pipeline.resolve(pipeline.settings().renderDir());
        PrintWriter out = spec.commandLine().getOut();
        List<Output> outputs;
        try {
            outputs = renderAll(pipeline);
        } catch (DataflowException e) {
            throw e.asConfig();
        }
        try {
            for (Output o : outputs) {
                Path file = dir.resolve(o.relative());
                Files.createDirectories(file.getParent());
                Files.writeString(file, o.sql());
                out.println("wrote " + pipeline.baseDir().relativize(file));
            }
        } catch (IOException e) {
            throw DataflowException.stepFailed("cannot write rendered SQL: " + e.getMessage(), null, e);
        }
        out.flush();
        return 0;
    }

    /**
     * The folder of a step's rendered SQL: its id with every character other than letters, digits, '.', '_' and '-'
     * replaced by '-' ({@code pg:model:transform} -> {@code pg-model-transform}). actions/upload-artifact refuses ':'
     * in paths and Windows cannot create such folders, and the rendered SQL exists to be uploaded and reviewed.
     */
    static String folder(String stepId) {
        return stepId.replaceAll("[^A-Za-z0-9._-]", "-");
    }

    /** Renders the step-wide templates and each domain's templates with every domain selected. */
    static List<Output> renderAll(Pipeline pipeline) {
        TemplateRenderer renderer = new TemplateRenderer(pipeline.resolve(pipeline.settings().sqlDir()),
                pipeline.settings().sqlDir().toString());
        List<String> all = pipeline.domains().stream().map(Domain::name).toList();
        List<Output> outputs = new ArrayList<>();
        for (Step step : pipeline.steps()) {
            for (String t : step.sql()) {
                String sql = renderer.render(t, TemplateContext.forStep(pipeline, step.id(), null, all)).sql();
                outputs.add(new Output(Path.of(folder(step.id()), Path.of(t).getFileName().toString()), sql));
            }
            for (Domain d : pipeline.domains()) {
                List<String> templates = d.templatesFor(step.id());
                if (templates.isEmpty()) {
                    continue;
                }
                StringBuilder sb = new StringBuilder();
                for (String t : templates) {
                    sb.append("-- rendered from ").append(pipeline.settings().sqlDir()).append('/').append(t).append('\n');
                    sb.append(renderer.render(t, TemplateContext.forStep(pipeline, step.id(), d, all)).sql());
                    if (sb.charAt(sb.length() - 1) != '\n') {
                        sb.append('\n');
                    }
                }
                outputs.add(new Output(Path.of(folder(step.id()), d.name() + ".sql"), sb.toString()));
            }
        }
        return outputs;
    }
}
