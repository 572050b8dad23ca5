package dev.dataflow.exec;

import dev.dataflow.DataflowException;
import dev.dataflow.config.Pipeline;
import dev.dataflow.config.StepKind;
import dev.dataflow.db.Databases;
import dev.dataflow.plan.Plan;
import dev.dataflow.template.TemplateRenderer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a plan's steps in order through their handlers. The first failure stops the run; later steps are skipped.
 */
public final class Runner {
    private final Pipeline pipeline;
    private final Map<StepKind, StepHandler> handlers;
    private final Databases databases;
    private final Console console;
    private final RunOptions options;
    private final Interruption interruption;

    public Runner(Pipeline pipeline, Map<StepKind, StepHandler> handlers, Databases databases, Console console,
                  RunOptions options) {
        this(pipeline, handlers, databases, console, options, new Interruption());
    }

    public Runner(Pipeline pipeline, Map<StepKind, StepHandler> handlers, Databases databases, Console console,
                  RunOptions options, Interruption interruption) {
        this.interruption = interruption;
        this.pipeline = pipeline;
        this.handlers = handlers;
        this.databases = databases;
        this.console = console;
        this.options = options;
    }

    public RunResult run(Plan plan) {
        return run(plan, RunListener.NONE);
    }

    public RunResult run(Plan plan, RunListener listener) {
        TemplateRenderer templates = new TemplateRenderer(pipeline.resolve(pipeline.settings().sqlDir()),
                pipeline.settings().sqlDir().toString());
        List<StepResult> results = new ArrayList<>();
        int total = plan.steps().size();
        boolean failed = false;
        Exception failure = null;
        for (int i = 0; i < total; i++) {
            Plan.PlannedStep ps = plan.steps().get(i);
            String id = ps.step().id();
            String prefix = "[" + (i + 1) + "/" + total + "] " + id;
            if (failed || interruption.interrupted()) {
                String why = interruption.interrupted() ? "the run was interrupted by " + interruption.signalName()
                        : "an earlier step failed";
                StepResult skipped = new StepResult(id, ps.domains(), StepResult.Status.SKIPPED, Duration.ZERO, 0,
                        Map.of(), "not run: " + why, Map.of());
                results.add(skipped);
                listener.stepFinished(i, ps, skipped);
                console.line(prefix + " " + console.style().status("SKIPPED") + " (" + why + ")");
                continue;
            }
            String domains = ps.domains().isEmpty() ? "" : " " + String.join(", ", ps.domains());
            console.line(prefix + domains + " ...");
            long start = System.nanoTime();
            listener.stepStarted(i, ps);
            try {
                StepHandler handler = handlers.get(ps.step().kind());
                if (handler == null) {
                    throw DataflowException.stepFailed("step " + id + " (kind " + ps.step().kind().yamlName()
                            + ") is not implemented yet", null, null);
                }
                StepOutcome outcome = handler.run(new StepContext(pipeline, plan, ps, databases, templates, console,
                        options));
                long took = System.nanoTime() - start;
                if (interruption.interrupted()) {
                    // The step ended while the signal was being handled; whatever it did stands, the run stops here.
                    console.line(prefix + domains + " finished as " + interruption.signalName() + " arrived");
                }
                StepResult ok = new StepResult(id, ps.domains(), StepResult.Status.OK, Duration.ofNanos(took),
                        outcome.rows(), outcome.tableRows(), outcome.summary(), outcome.details());
                results.add(ok);
                listener.stepFinished(i, ps, ok);
                String rows = outcome.rows() > 0 ? " " + Console.count(outcome.rows()) + " rows" : "";
                String summary = outcome.summary() == null || outcome.summary().isEmpty() ? "" : " - " + outcome.summary();
                console.line(prefix + domains + " " + console.style().status("OK") + " " + Console.seconds(took) + rows + summary);
            } catch (Exception e) {
                long took = System.nanoTime() - start;
                String message = e instanceof DataflowException de ? de.userMessage()
                        : e.getClass().getSimpleName() + ": " + e.getMessage();
                if (!message.contains(id)) {
                    message = id + ": " + message;
                }
                if (interruption.interrupted()) {
                    // The step's connections were aborted by the signal: its error is the abort, not the cause.
                    StepResult stopped = new StepResult(id, ps.domains(), StepResult.Status.INTERRUPTED,
                            Duration.ofNanos(took), 0, Map.of(), id + ": interrupted by " + interruption.signalName()
                            + "; its transaction was rolled back", Map.of());
                    results.add(stopped);
                    listener.stepFinished(i, ps, stopped);
                    console.line(prefix + " " + console.style().status("INTERRUPTED") + " " + Console.seconds(took) + " by " + interruption.signalName()
                            + "; its transaction was rolled back");
                    continue;
                }
                StepResult failedResult = new StepResult(id, ps.domains(), StepResult.Status.FAILED,
                        Duration.ofNanos(took), 0, Map.of(), message,
                        e instanceof DataflowException de ? de.details() : Map.of());
                results.add(failedResult);
                listener.stepFinished(i, ps, failedResult);
                console.line(prefix + " " + console.style().status("FAILED") + " " + Console.seconds(took));
                console.error("error: " + message);
                if (options.verbose() || !(e instanceof DataflowException)) {
                    java.io.StringWriter sw = new java.io.StringWriter();
                    e.printStackTrace(new java.io.PrintWriter(sw));
                    console.error(options.verbose() ? sw.toString() : "(run with --verbose for the stack trace)");
                }
                failure = e;
                failed = true;
            }
        }
        return new RunResult(List.copyOf(results), failure);
    }
}
