package dev.dataflow.exec;

import dev.dataflow.config.Domain;
import dev.dataflow.config.Pipeline;
import dev.dataflow.db.Databases;
import dev.dataflow.plan.Plan;
import dev.dataflow.template.Rendered;
import dev.dataflow.template.TemplateContext;
import dev.dataflow.template.TemplateRenderer;

import java.nio.file.Path;
import java.util.List;

/** Everything a handler may use: the pipeline, the plan and its step, the databases, templates and the console. */
public record StepContext(Pipeline pipeline, Plan plan, Plan.PlannedStep planned, Databases databases,
                          TemplateRenderer templates, Console console, RunOptions options) {
    public String stepId() {
        return planned.step().id();
    }

    public List<Domain> domains() {
        return planned.domains().stream().map(d -> pipeline.domain(d).orElseThrow()).toList();
    }

    public Rendered render(String template, Domain domain) {
        return templates.render(template, TemplateContext.forStep(pipeline, stepId(), domain, planned.domains()));
    }

    public Path path(Path relative) {
        return pipeline.resolve(relative);
    }
}
