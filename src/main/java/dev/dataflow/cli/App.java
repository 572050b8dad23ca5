package dev.dataflow.cli;

import dev.dataflow.DataflowException;
import dev.dataflow.Version;
import dev.dataflow.config.Database;
import dev.dataflow.config.Env;
import dev.dataflow.config.Pipeline;
import dev.dataflow.config.PipelineParser;
import dev.dataflow.config.StepKind;
import dev.dataflow.db.Databases;
import dev.dataflow.exec.Console;
import dev.dataflow.exec.Interruption;
import dev.dataflow.exec.RunListener;
import dev.dataflow.exec.RunOptions;
import dev.dataflow.exec.RunResult;
import dev.dataflow.exec.Runner;
import dev.dataflow.exec.StepHandler;
import dev.dataflow.exec.StepResult;
import dev.dataflow.exec.Style;
import dev.dataflow.exec.Tally;
import dev.dataflow.handlers.Handlers;
import dev.dataflow.plan.Fingerprinter;
import dev.dataflow.plan.Plan;
import dev.dataflow.plan.Planner;
import dev.dataflow.plan.Selection;
import dev.dataflow.plan.StepTraits;
import dev.dataflow.report.Annotation;
import dev.dataflow.report.GitCommit;
import dev.dataflow.report.Mermaid;
import dev.dataflow.report.RunReport;
import dev.dataflow.report.StepSummary;
import dev.dataflow.secret.Redactor;
import dev.dataflow.state.RunState;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

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

    /**
     * A run from the command line: removes the last report, loads the pipeline, plans, checks and opens every
     * connection (preflight), runs, and writes the report and step summary whatever happened after argument parsing.
     * {@code planner} returns null when there is nothing to do (it said why).
     */
    static int run(Invocation call, RunOptions options, Map<String, String> environment,
                   Function<Pipeline, Plan> planner) {
        return run(call, options, environment, planner, call.handlers());
    }

    /** As above, with the handlers the steps run through (a command such as a rollback brings its own). */
    static int run(Invocation call, RunOptions options, Map<String, String> environment,
                   Function<Pipeline, Plan> planner,
                   Map<StepKind, StepHandler> handlers) {
        Path reportFile = options.report() != null ? options.report()
                : call.common().pipeline.toAbsolutePath().getParent().resolve("target").resolve("run-report.json");
        try {
            // A report left by an earlier run must never pass for this one's, whatever happens next.
            if (!Files.isDirectory(reportFile)) {
                Files.deleteIfExists(reportFile);
            }
        } catch (IOException e) {
            call.err().println("warning: cannot remove the previous run report " + reportFile + ": " + e.getMessage());
        }
        Session session = new Session(call, environment);
        try {
            Pipeline pipeline = load(call.common(), environment);
            session.pipeline = pipeline;
            Plan planned = planner.apply(pipeline);
            if (planned == null) {
                session.code = 0;
                return 0;
            }
            Plan plan = Fingerprinter.fingerprint(pipeline, planned, handlers);
            session.plan = plan;
            session.code = execute(pipeline, plan, handlers, options, environment, session);
            return session.code;
        } catch (DataflowException e) {
            session.code = e.exitCode();
            session.reason = e.userMessage();
            throw e;
        } catch (RuntimeException e) {
            session.code = DataflowException.INTERNAL;
            session.reason = "internal error: " + e;
            throw e;
        } finally {
            session.writeReport(reportFile, environment);
        }
    }

    /** A run in the course of being made, and what its report will say. */
    private static final class Session {
        final Invocation call;
        final Instant started = Instant.now();
        final Map<String, Instant> stepStarts = new ConcurrentHashMap<>();
        Pipeline pipeline;
        Plan plan;
        RunResult result = RunResult.none();
        Long runId;
        int code = DataflowException.INTERNAL;
        String status;
        String reason;

        Session(Invocation call, Map<String, String> environment) {
            this.call = call;
        }

        void writeReport(Path reportFile, Map<String, String> environment) {
            String st = status != null ? status : code == 0 ? "ok" : "failed";
            Path base = call.common().pipeline.toAbsolutePath().getParent();
            RunReport.Provenance provenance = new RunReport.Provenance(Version.NUMBER,
                    GitCommit.of(base).orElse(null), Redactor.current().redact(call.commandLine()));
            Map<String, Object> report = RunReport.build(pipeline == null ? null : pipeline.name(), runId, plan, result,
                    stepStarts, provenance, started, Instant.now(), code, st, reason);
            // The exit code is the run's: a report or summary that cannot be written is said, never turned into one.
            try {
                RunReport.write(report, reportFile);
            } catch (DataflowException e) {
                call.err().println("warning: " + e.getMessage());
            }
            String summary = environment.get("GITHUB_STEP_SUMMARY");
            if (summary != null && !summary.isBlank()) {
                try {
                    RunReport.appendMarkdown(report, Path.of(summary));
                    if (pipeline != null && plan != null) {
                        StepSummary.append(Path.of(summary), Mermaid.graph(pipeline, plan), report);
                    }
                } catch (DataflowException e) {
                    call.err().println("warning: " + e.getMessage());
                }
            }
        }
    }

    /** Plans a selection; an empty plan says so and is nothing to do. */
    static Function<Pipeline, Plan> planning(Selection selection, PrintWriter out) {
        return pipeline -> {
            Plan plan = Planner.plan(pipeline, selection);
            if (plan.steps().isEmpty()) {
                out.println("nothing to run: the selection matches no step");
                out.flush();
                return null;
            }
            return plan;
        };
    }

    private static int execute(Pipeline pipeline, Plan plan, Map<StepKind, StepHandler> handlers,
                               RunOptions options, Map<String, String> environment, Session session) {
        boolean terminal = showsProgress(environment);
        Console console = new Console(session.call.out(), session.call.err(), terminal,
                Style.of(terminal, environment));
        Preflight.check(pipeline, plan, handlers);
        long start = System.nanoTime();
        Interruption interruption = new Interruption();
        // The most a step takes at once (the load's COPYs or the transform's domains), plus a few: the run state has
        // a connection of its own, outside the pools.
        try (Databases dbs = new Databases(pipeline.flow(), pipeline.target(),
                Math.max(pipeline.settings().loadParallelism(), pipeline.settings().transformParallelism()) + 3);
             Signals signals = Signals.install(interruption, dbs)) {
            Preflight.connect(pipeline, plan, handlers, dbs, console);
            boolean recorded = plan.steps().stream()
                    .anyMatch(s -> StepTraits.of(handlers, s.step().kind()).needsRunState());
            RunState state = recorded ? RunState.begin(ownConnection(pipeline), pipeline, plan) : null;
            try {
                if (state != null) {
                    session.runId = state.runId();
                }
                RunListener listener = new RunRecording(state, session.stepStarts, console);
                RunResult result = new Runner(pipeline, handlers, dbs, console, options, interruption)
                        .run(plan, listener);
                session.result = result;
                long ok = result.steps().stream().filter(s -> s.status() == StepResult.Status.OK).count();
                String took = Console.seconds(System.nanoTime() - start);
                Long runId = session.runId;
                Tally.of(result).lines(console.style()).forEach(console::line);
                if (Annotation.wanted(environment)) {
                    result.steps().stream().filter(s -> s.status() == StepResult.Status.FAILED)
                            .forEach(s -> console.line(Annotation.error("data-flow step " + s.stepId() + " failed",
                                    s.message())));
                }
                if (interruption.interrupted()) {
                    session.code = interruption.exitCode();
                    session.status = "interrupted";
                    session.reason = "interrupted by " + interruption.signalName();
                    console.error("interrupted by " + interruption.signalName() + " after " + took
                            + "; nothing half-done was kept. "
                            + (plan.steps().stream().anyMatch(s -> s.step().id().equals(Handlers.rollbackStepId()))
                            ? "Run `rollback` again" : "Run `resume` to continue" + (runId == null ? "" : " run " + runId)));
                } else if (result.ok()) {
                    session.code = 0;
                    console.line("done: " + ok + " step" + (ok == 1 ? "" : "s") + " OK in " + took
                            + (runId == null ? "" : " (run " + runId + ")"));
                } else {
                    StepResult failed = result.steps().stream().filter(s -> s.status() == StepResult.Status.FAILED)
                            .findFirst().orElseThrow();
                    session.code = result.exitCode();
                    session.reason = failed.message();
                    console.error("failed at " + failed.stepId() + " after " + took + "; fix it, then run "
                            + (failed.stepId().equals(Handlers.rollbackStepId()) ? "`rollback` again"
                            : runId == null ? "again with --from " + failed.stepId()
                            : "`resume` (or --from " + failed.stepId() + ")"));
                }
                if (state != null) {
                    try {
                        state.finish(session.status != null ? session.status : session.code == 0 ? "ok" : "failed",
                                session.reason);
                    } catch (DataflowException e) {
                        console.error("warning: " + e.getMessage());
                    }
                }
            } finally {
                if (state != null) {
                    state.close();
                }
            }
        }
        return session.code;
    }

    /**
     * The run state's own connection, outside the pools: a signal aborts the pools' connections (so the running
     * step's transaction rolls back) and the interruption can still be recorded through this one.
     */
    private static Connection ownConnection(Pipeline pipeline) {
        Database flow = pipeline.flow();
        try {
            Properties p = new Properties();
            p.setProperty("user", flow.user());
            if (flow.password() != null) {
                p.setProperty("password", flow.password());
            }
            p.setProperty("ApplicationName", "data-flow run state");
            return DriverManager.getConnection(flow.jdbcUrl(), p);
        } catch (SQLException e) {
            throw DataflowException.stepFailed("cannot connect to the " + flow.describe() + ": " + e.getMessage(),
                    null, e);
        }
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
}
