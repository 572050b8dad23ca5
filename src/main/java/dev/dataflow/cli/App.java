package dev.dataflow.cli;

import dev.dataflow.config.Env;
import dev.dataflow.config.Pipeline;
import dev.dataflow.config.PipelineParser;
import dev.dataflow.db.Databases;
import dev.dataflow.exec.Console;
import dev.dataflow.exec.RunOptions;
import dev.dataflow.exec.RunResult;
import dev.dataflow.exec.Runner;
import dev.dataflow.exec.StepResult;
import dev.dataflow.handlers.Handlers;
import dev.dataflow.plan.Plan;
import dev.dataflow.plan.Planner;
import dev.dataflow.plan.Selection;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/** Wiring shared by the commands: load the pipeline, plan, run. */
final class App {
    private App() {
    }

    static Pipeline load(CommonOptions common, Map<String, String> environment) {
        Path file = common.pipeline;
        Path dir = file.toAbsolutePath().getParent();
        Path envFile = common.envFile != null ? common.envFile : dir.resolve(".env");
        if (common.envFile != null && !java.nio.file.Files.isRegularFile(envFile)) {
            throw dev.dataflow.DataflowException.badConfig("env file " + envFile + " does not exist", null);
        }
        return new PipelineParser(Env.load(envFile, environment)).parse(file);
    }

    static int run(Pipeline pipeline, Selection selection, RunOptions options, PrintWriter out) {
        Plan plan = Planner.plan(pipeline, selection);
        Console console = new Console(out, System.console() != null);
        if (plan.steps().isEmpty()) {
            console.line("nothing to run: the selection matches no step");
            return 0;
        }
        long start = System.nanoTime();
        RunResult result;
        try (Databases dbs = new Databases(pipeline.flow(), pipeline.target(),
                pipeline.settings().loadParallelism() + 2)) {
            result = new Runner(pipeline, Handlers.builtIn(), dbs, console, options).run(plan);
        }
        long ok = result.steps().stream().filter(s -> s.status() == StepResult.Status.OK).count();
        String took = Console.seconds(System.nanoTime() - start);
        if (result.ok()) {
            console.line("done: " + ok + " step" + (ok == 1 ? "" : "s") + " OK in " + took);
            return 0;
        }
        StepResult failed = result.steps().stream().filter(s -> s.status() == StepResult.Status.FAILED).findFirst()
                .orElseThrow();
        console.line("failed at " + failed.stepId() + " after " + took + "; resume with --from " + failed.stepId());
        return 1;
    }
}
