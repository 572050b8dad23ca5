package dev.dataflow.cli;

import dev.dataflow.DataflowException;
import dev.dataflow.config.Env;
import dev.dataflow.config.Pipeline;
import dev.dataflow.config.PipelineParser;
import dev.dataflow.config.StepKind;
import dev.dataflow.db.Databases;
import dev.dataflow.exec.Console;
import dev.dataflow.exec.RunListener;
import dev.dataflow.exec.RunOptions;
import dev.dataflow.exec.RunResult;
import dev.dataflow.exec.Runner;
import dev.dataflow.exec.StepResult;
import dev.dataflow.handlers.Handlers;
import dev.dataflow.plan.Plan;
import dev.dataflow.plan.Planner;
import dev.dataflow.plan.Selection;
import dev.dataflow.report.RunReport;
import dev.dataflow.secret.Redactor;
import dev.dataflow.state.RunState;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Wiring shared by the commands: load the pipeline, plan, run with run state, write the report. */
final class App {
    private App() {
    }

    static Pipeline load(CommonOptions common, Map<String, String> environment) {
        Path file = common.pipeline;
        Path dir = file.toAbsolutePath().getParent();
        Path envFile = common.envFile != null ? common.envFile : dir.resolve(".env");
        if (common.envFile != null && !Files.isRegularFile(envFile)) {
            throw DataflowException.badConfig("env file " + envFile + " does not exist", null);
        }
        Pipeline pipeline = new PipelineParser(Env.load(envFile, environment)).parse(file);
        Redactor.current().learn(pipeline.secrets());
        return pipeline;
    }

    static int run(Pipeline pipeline, Selection selection, RunOptions options, PrintWriter out,
                   Map<String, String> environment) {
        return run(pipeline, Planner.plan(pipeline, selection), options, out, environment);
    }

    static int run(Pipeline pipeline, Plan plan, RunOptions options, PrintWriter out, Map<String, String> environment) {
        return run(pipeline, plan, Handlers.builtIn(), options, out, environment);
    }

    static int run(Pipeline pipeline, Plan plan, Map<StepKind, dev.dataflow.exec.StepHandler> handlers,
                   RunOptions options, PrintWriter out, Map<String, String> environment) {
        Console console = new Console(out, showsProgress(environment));
        if (plan.steps().isEmpty()) {
            console.line("nothing to run: the selection matches no step");
            return 0;
        }
        Preflight.check(pipeline, plan);
        Instant started = Instant.now();
        long start = System.nanoTime();
        RunResult result;
        Long runId = null;
        int code;
        String reason;
        // The run lock's connection, plus the most a step takes at once: the load's COPYs or the transform's domains.
        try (Databases dbs = new Databases(pipeline.flow(), pipeline.target(),
                Math.max(pipeline.settings().loadParallelism(), pipeline.settings().transformParallelism()) + 3)) {
            if (needsTargetLater(plan)) {
                dbs.openTargetEarly();
            }
            RunState state = usesFlowDatabase(plan) ? RunState.begin(dbs.flow(), pipeline, plan) : null;
            try {
                if (state != null) {
                    runId = state.runId();
                }
                RunListener listener = state == null ? RunListener.NONE : state;
                result = new Runner(pipeline, handlers, dbs, console, options).run(plan, listener);
                long ok = result.steps().stream().filter(s -> s.status() == StepResult.Status.OK).count();
                String took = Console.seconds(System.nanoTime() - start);
                if (result.ok()) {
                    code = 0;
                    reason = null;
                    console.line("done: " + ok + " step" + (ok == 1 ? "" : "s") + " OK in " + took
                            + (runId == null ? "" : " (run " + runId + ")"));
                } else {
                    StepResult failed = result.steps().stream().filter(s -> s.status() == StepResult.Status.FAILED)
                            .findFirst().orElseThrow();
                    code = 1;
                    reason = failed.message();
                    console.line("failed at " + failed.stepId() + " after " + took + "; fix it, then run "
                            + (failed.stepId().equals(Handlers.rollbackStepId()) ? "`rollback` again"
                            : runId == null ? "again with --from " + failed.stepId()
                            : "`resume` (or --from " + failed.stepId() + ")"));
                }
                if (state != null) {
                    state.finish(code == 0, reason);
                }
            } finally {
                if (state != null) {
                    state.close();
                }
            }
        }
        Map<String, Object> report = RunReport.build(pipeline.name(), runId, plan, result, started, Instant.now(), code,
                reason);
        Path reportFile = options.report() != null ? options.report()
                : pipeline.baseDir().resolve("target").resolve("run-report.json");
        RunReport.write(report, reportFile);
        String summary = environment.get("GITHUB_STEP_SUMMARY");
        if (summary != null && !summary.isBlank()) {
            RunReport.appendMarkdown(report, Path.of(summary));
        }
        return code;
    }

    /** Progress lines on a terminal; DATAFLOW_PROGRESS=always or never overrides the guess (for logs, for tests). */
    static boolean showsProgress(Map<String, String> environment) {
        String setting = environment.getOrDefault("DATAFLOW_PROGRESS", "auto");
        return switch (setting) {
            case "always" -> true;
            case "never" -> false;
            default -> System.console() != null;
        };
    }

    /** A populate or model-create step: its target connections can be made while the run starts and earlier steps run. */
    private static boolean needsTargetLater(Plan plan) {
        return plan.steps().stream().anyMatch(s -> s.step().kind() == StepKind.POPULATE
                || s.step().kind() == StepKind.MODEL_CREATE);
    }

    /** Runs that only download or convert need no flow database, so they record no state. */
    private static boolean usesFlowDatabase(Plan plan) {
        List<StepKind> noDb = List.of(StepKind.DOWNLOAD, StepKind.CONVERT, StepKind.DRIZZLE_PULL);
        return plan.steps().stream().anyMatch(s -> s.step().kind() != null && !noDb.contains(s.step().kind()));
    }
}
