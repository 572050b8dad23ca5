package dev.dataflow.exec;

import dev.dataflow.DataflowException;
import dev.dataflow.config.Env;
import dev.dataflow.config.Pipeline;
import dev.dataflow.config.PipelineParser;
import dev.dataflow.config.StepKind;
import dev.dataflow.plan.Planner;
import dev.dataflow.plan.Selection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunnerTest {
    @Test
    void aStepWithoutHandlerFailsClearlyAndLaterStepsAreSkipped(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("sql"));
        Pipeline p = new PipelineParser(new Env(Map.<String, String>of()::get)).parse("""
                steps:
                  - {id: a:b:one, kind: download}
                  - {id: a:b:two, kind: convert}
                  - {id: a:b:three, kind: load}
                """, "pipeline.yaml", dir);
        Map<StepKind, StepHandler> handlers = new EnumMap<>(StepKind.class);
        handlers.put(StepKind.DOWNLOAD, ctx -> StepOutcome.rows(Map.of("t", 5L), "fine"));
        handlers.put(StepKind.LOAD, ctx -> {
            throw new AssertionError("must not run after a failure");
        });
        StringWriter out = new StringWriter();
        RunResult r = new Runner(p, handlers, null, new Console(new PrintWriter(out), false), RunOptions.defaults())
                .run(Planner.plan(p, Selection.flow(List.of())));
        assertFalse(r.ok());
        assertEquals(List.of(StepResult.Status.OK, StepResult.Status.FAILED, StepResult.Status.SKIPPED),
                r.steps().stream().map(StepResult::status).toList());
        assertTrue(out.toString().contains("error: step a:b:two (kind convert) is not implemented yet"), out.toString());
        assertTrue(out.toString().contains("[1/3] a:b:one OK"), out.toString());
        assertTrue(out.toString().contains("[3/3] a:b:three SKIPPED"), out.toString());
        assertEquals(5, r.steps().get(0).rows());
    }

    @Test
    void unexpectedExceptionsAreFailuresWithTheStepNamed(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("sql"));
        Pipeline p = new PipelineParser(new Env(Map.<String, String>of()::get)).parse(
                "steps: [{id: x:y:z, kind: download}]", "pipeline.yaml", dir);
        Map<StepKind, StepHandler> handlers = new EnumMap<>(StepKind.class);
        handlers.put(StepKind.DOWNLOAD, ctx -> {
            throw DataflowException.stepFailed("object s3://b/k not found", "check the key", null);
        });
        StringWriter out = new StringWriter();
        RunResult r = new Runner(p, handlers, null, new Console(new PrintWriter(out), false), RunOptions.defaults())
                .run(Planner.plan(p, Selection.flow(List.of())));
        assertEquals("x:y:z: object s3://b/k not found (check the key)", r.steps().get(0).message());
    }

    /** A step's exception decides the exit code: its work failing is 1, a bug in our code is 3. */
    @Test
    void aStepFailingIsExit1AndABugInsideAStepIsExit3AndErrorsGoToStderr(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("sql"));
        Pipeline p = new PipelineParser(new Env(Map.<String, String>of()::get)).parse(
                "steps: [{id: x:y:z, kind: download}]", "pipeline.yaml", dir);
        Map<Exception, Integer> cases = new java.util.LinkedHashMap<>();
        cases.put(DataflowException.stepFailed("bad row", null, null), 1);
        cases.put(new java.sql.SQLException("An I/O error occurred while sending to the backend."), 1);
        cases.put(new java.io.UncheckedIOException(new java.io.IOException("disk full")), 1);
        cases.put(new NullPointerException("a bug"), 3);
        cases.put(new IllegalStateException("another bug"), 3);
        for (Map.Entry<Exception, Integer> c : cases.entrySet()) {
            Map<StepKind, StepHandler> handlers = new EnumMap<>(StepKind.class);
            handlers.put(StepKind.DOWNLOAD, ctx -> {
                throw c.getKey();
            });
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            RunResult r = new Runner(p, handlers, null, new Console(new PrintWriter(out), new PrintWriter(err), false),
                    RunOptions.defaults()).run(Planner.plan(p, Selection.flow(List.of())));
            assertEquals(c.getValue(), r.exitCode(), c.getKey().toString());
            assertTrue(err.toString().startsWith("error: x:y:z: "), err.toString());
            assertFalse(out.toString().contains("error:"), out.toString());
            assertTrue(out.toString().contains("[1/1] x:y:z FAILED"), out.toString());
        }
    }
}
