package dev.dataflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dataflow.testbed.ReportSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The commands on the repository's own pipeline.yaml, as a user types them. */
class CliTest {
    record Out(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    static Out run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out), new PrintWriter(err), env);
        return new Out(code, out.toString(), err.toString());
    }

    @Test
    void helpListsCommandsAndExitCodes() {
        Out o = run(Map.of(), "--help");
        assertEquals(0, o.code());
        for (String s : new String[]{"plan", "validate", "render", "flow", "--group", "--domain", "--from", "--step",
                "Exit codes:", "bad usage, configuration, a template or a missing input file", "internal error (a bug",
                "130", "143"}) {
            assertTrue(o.out().contains(s), s + " in\n" + o.out());
        }
        assertEquals(0, run(Map.of(), "plan", "--help").code());
    }

    /** A pipeline file in a folder that does not exist: every command that reads it must say so, exit 2. */
    static final String MISSING = "/nonexistent-17/pipeline.yaml";

    /** Every subcommand, with the arguments it needs to reach the point of reading its pipeline (or input). */
    static Stream<Arguments> everySubcommand() {
        return Stream.of(
                Arguments.of("flow", List.of(), "cannot read pipeline file"),
                Arguments.of("plan", List.of(), "cannot read pipeline file"),
                Arguments.of("check", List.of(), "cannot read pipeline file"),
                Arguments.of("validate", List.of(), "cannot read pipeline file"),
                Arguments.of("render", List.of(), "cannot read pipeline file"),
                Arguments.of("status", List.of(), "cannot read pipeline file"),
                Arguments.of("resume", List.of(), "cannot read pipeline file"),
                Arguments.of("rollback", List.of(), "cannot read pipeline file"),
                // demo looks for its schema and samples beside the pipeline, before it starts anything
                Arguments.of("demo", List.of(), "the demo needs /nonexistent-17/"));
    }

    @ParameterizedTest(name = "{0}: --pipeline before and after")
    @MethodSource("everySubcommand")
    void globalOptionsWorkBeforeAndAfterEverySubcommand(String command, List<String> extra, String expected) {
        List<List<String>> forms = List.of(
                concat(List.of("--pipeline", MISSING, command), extra),
                concat(concat(List.of(command), extra), List.of("--pipeline", MISSING)),
                concat(List.of("--pipeline=" + MISSING, "-v", command), extra),
                concat(concat(List.of(command, "--verbose"), extra), List.of("--pipeline=" + MISSING)));
        for (List<String> args : forms) {
            Out o = run(Map.of(), args.toArray(String[]::new));
            assertEquals(2, o.code(), args + "\n" + o.out() + o.err());
            assertTrue(o.err().contains(expected), args + "\n" + o.err());
            assertTrue(o.err().contains("nonexistent-17"), "the option given was used: " + args + "\n" + o.err());
        }
        if (!command.equals("demo")) {
            for (List<String> args : List.of(List.of("--env-file", "nope-17.env", command),
                    List.of(command, "--env-file", "nope-17.env"))) {
                Out o = run(Map.of(), args.toArray(String[]::new));
                assertEquals(2, o.code(), args + "\n" + o.out() + o.err());
                assertTrue(o.err().contains("env file nope-17.env does not exist"), args + "\n" + o.err());
            }
        }
    }

    @Test
    void convertTakesTheGlobalOptionsToo() {
        for (List<String> args : List.of(List.of("-v", "convert", "nosuch-17.zip", "-o", "x.csv"),
                List.of("convert", "nosuch-17.zip", "-o", "x.csv", "--verbose"))) {
            Out o = run(Map.of(), args.toArray(String[]::new));
            assertEquals(2, o.code(), args + "\n" + o.all());
            assertTrue(o.err().contains("nosuch-17.zip does not exist"), o.err());
        }
    }

    /** Options of the run that are not global: honoured by a subcommand that has them, an error for one that has not. */
    static Stream<Arguments> optionsBeforeASubcommand() {
        return Stream.of(
                Arguments.of(List.of("--domain", "plutto", "plan"), 2, "unknown domain 'plutto' (did you mean 'pluto'?)"),
                Arguments.of(List.of("--domain", "plutto", "flow"), 2, "unknown domain 'plutto' (did you mean 'pluto'?)"),
                Arguments.of(List.of("--group", "nope", "plan"), 2, "nope"),
                Arguments.of(List.of("--group", "seed", "flow"), 2, "option '--group' does not apply to `runner.jar flow`"),
                Arguments.of(List.of("--step", "pg:source:load", "flow"), 2, "option '--step' does not apply"),
                Arguments.of(List.of("--force", "plan"), 2, "option '--force' does not apply to `runner.jar plan`"),
                Arguments.of(List.of("--refresh", "validate"), 2, "option '--refresh' does not apply"),
                Arguments.of(List.of("--domain", "pluto", "status"), 2, "option '--domain' does not apply"),
                Arguments.of(List.of("--from", "x", "plan", "--from", "y"), 2, "given both before and after"),
                Arguments.of(List.of("plan", "--nosuch"), 2, "Unknown option: '--nosuch'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optionsBeforeASubcommand")
    void runOptionsBeforeASubcommandAreHonouredOrRefused(List<String> args, int code, String expected) {
        Out o = run(Map.of(), args.toArray(String[]::new));
        assertEquals(code, o.code(), o.all());
        assertTrue(o.err().contains(expected), o.err());
    }

    @Test
    void aDomainBeforeThePlanIsTheDomainPlanned() {
        Out before = run(Map.of(), "--domain", "boroughs", "plan");
        Out after = run(Map.of(), "plan", "--domain", "boroughs");
        assertEquals(0, before.code(), before.all());
        assertEquals(after.out(), before.out());
        assertFalse(before.out().equals(run(Map.of(), "plan").out()), "not the whole flow: " + before.out());
    }

    @Test
    void aBareCallPrintsTheUsageTouchesNothingAndExits2(@TempDir Path dir) throws Exception {
        Files.copy(Path.of("pipeline.yaml"), dir.resolve("pipeline.yaml"));
        // No server is started: a connection attempt would show up as an error naming these ports.
        Map<String, String> env = Map.of("FLOW_DATABASE_URL", "postgresql://u@127.0.0.1:1/flow",
                "TARGET_DATABASE_URL", "postgresql://u@127.0.0.1:1/api");
        for (String[] args : new String[][]{{}, {"--pipeline", dir.resolve("pipeline.yaml").toString()},
                {"--domain", "boroughs", "--refresh"}, {"-v"}}) {
            Out o = run(env, args);
            assertEquals(2, o.code(), o.all());
            assertEquals("", o.out());
            assertTrue(o.err().contains("nothing was run"), o.err());
            assertTrue(o.err().contains("Usage: runner.jar"), o.err());
            for (String command : new String[]{"flow", "plan", "check", "validate", "render", "convert", "status", "resume", "rollback", "demo"}) {
                assertTrue(o.err().contains("\n  " + command + " "), command + " listed in\n" + o.err());
            }
            assertFalse(o.err().contains("127.0.0.1"), o.err());
            assertFalse(o.err().contains("cannot connect"), o.err());
        }
        assertFalse(Files.exists(dir.resolve("target")), "a bare call writes no report either");
    }

    @Test
    void exitCodesByPhase(@TempDir Path dir) throws Exception {
        Map<String, String> dead = Map.of("FLOW_DATABASE_URL", "postgresql://u@127.0.0.1:1/flow",
                "TARGET_DATABASE_URL", "postgresql://u@127.0.0.1:1/api");
        assertEquals(2, run(Map.of(), "--nosuch").code(), "usage");
        assertEquals(2, run(Map.of(), "plan", "--pipeline", MISSING).code(), "configuration");
        assertEquals(2, run(Map.of(), "convert", dir.resolve("nosuch.zip").toString(), "-o", dir.resolve("o.csv").toString()).code(),
                "a missing input file");
        Path bad = copyProject(dir.resolve("template"));
        Files.writeString(bad.resolve("sql/transform/pluto.sql"), "SELECT {{nosuchvariable}};\n");
        Out validate = run(Map.of(), "validate", "--pipeline", bad.resolve("pipeline.yaml").toString());
        assertEquals(2, validate.code(), "a template error in validate: " + validate.all());
        assertTrue(validate.err().contains("sql/transform/pluto.sql:1: template variable 'nosuchvariable' is not defined"), validate.err());
        assertEquals(2, run(Map.of(), "render", "--pipeline", bad.resolve("pipeline.yaml").toString()).code(),
                "a template error in render");
        Out storage = run(Map.of("DO_SPACES_ENDPOINT", "", "DO_SPACES_ACCESS_KEY", "", "DO_SPACES_SECRET_KEY", ""),
                "--step", "minio:download", "--report", dir.resolve("s.json").toString());
        assertEquals(2, storage.code(), "missing storage credentials: " + storage.all());
        Out connection = run(dead, "--step", "pg:flow:configure", "--report", dir.resolve("c.json").toString());
        assertEquals(1, connection.code(), "a connection that failed: " + connection.all());
        Out explain = run(dead, "plan", "--explain", "--domain", "boroughs");
        assertEquals(1, explain.code(), "plan --explain cannot read the API: " + explain.all());
        assertTrue(explain.err().contains("plan --explain cannot read the API database"), explain.err());
        assertTrue(explain.out().contains("Plan for nyc-zoning-api"), "the plan itself is printed first: " + explain.out());
    }

    @Test
    void aConfigurationErrorReplacesTheLastReportWithATruthfulOne(@TempDir Path dir) throws Exception {
        Path project = copyProject(dir.resolve("p"));
        Path report = project.resolve("target/run-report.json");
        Files.createDirectories(report.getParent());
        Files.writeString(report, "{\"status\": \"ok\"}");
        Files.writeString(project.resolve("pipeline.yaml"), Files.readString(project.resolve("pipeline.yaml"))
                .replace("steps:", "stepz:"));
        Map<String, String> env = new HashMap<>();
        env.put("TARGET_DATABASE_PASSWORD", "hunter9secret");
        Out o = run(env, "--group", "seed", "--pipeline", project.resolve("pipeline.yaml").toString());
        assertEquals(2, o.code(), o.all());
        JsonNode r = ReportSchema.assertValid(report);
        assertEquals("failed", r.get("status").asText());
        assertEquals(2, r.get("exitCode").asInt());
        assertTrue(r.get("exitReason").asText().contains("stepz"), r.toString());
        assertTrue(r.get("selection").isNull(), r.toString());
        assertEquals("data-flow", r.at("/tool/name").asText());
        assertTrue(r.get("commandLine").asText().startsWith("runner.jar --group seed --pipeline "), r.toString());

        // A report or summary that cannot be written is said, and the exit code stays the run's.
        Files.createDirectories(dir.resolve("a-folder"));
        Out unwritable = run(Map.of("GITHUB_STEP_SUMMARY", dir.resolve("a-folder").toString()), "--group", "seed",
                "--pipeline", project.resolve("pipeline.yaml").toString(), "--report", dir.resolve("a-folder").toString());
        assertEquals(2, unwritable.code(), unwritable.all());
        assertTrue(unwritable.err().contains("warning: cannot write the run report"), unwritable.err());
        assertTrue(unwritable.err().contains("warning: cannot write the step summary"), unwritable.err());
    }

    @Test
    void aFailedConnectionStopsBeforeStep1AndIsReported(@TempDir Path dir) {
        Path report = dir.resolve("r.json");
        Out o = run(Map.of("FLOW_DATABASE_URL", "postgresql://flow:hunter2secret@127.0.0.1:1/flow",
                "TARGET_DATABASE_URL", "postgresql://api@127.0.0.1:1/api"), "--group", "seed", "--report", report.toString());
        assertEquals(1, o.code(), o.all());
        assertFalse(o.out().contains("[1/"), "no step started: " + o.out());
        assertTrue(o.err().matches("(?s).*preflight: flow database +FAILED: cannot connect to the flow database.*"), o.err());
        assertTrue(o.err().contains("error: preflight failed, nothing ran"), o.err());
        JsonNode r = ReportSchema.assertValid(report);
        assertEquals(1, r.get("exitCode").asInt());
        assertEquals(0, r.get("steps").size(), r.toString());
        assertFalse(r.toString().contains("hunter2secret"), r.toString());
    }

    static Path copyProject(Path to) throws Exception {
        Files.createDirectories(to);
        dev.dataflow.testbed.Fixture.copyTree(Path.of("sql"), to.resolve("sql"));
        dev.dataflow.testbed.Fixture.copyTree(Path.of("data"), to.resolve("data"));
        Files.copy(Path.of("pipeline.yaml"), to.resolve("pipeline.yaml"));
        return to;
    }

    static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void planForPlutoShowsStepsDomainsAndReasons() {
        Out o = run(Map.of(), "plan", "--domain", "pluto");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("pg:target:populate"), o.out());
        assertFalse(o.out().contains("drizzle:api:pull"), "step 0 is not part of the flow");
        assertTrue(o.out().contains("  boroughs - parent of pluto"), o.out());
        assertTrue(o.out().contains("Domains published to the target database:\n  pluto - selected\n"), o.out());
        assertTrue(o.out().contains("Target tables truncated and reloaded by a populate: land_use, tax_lot,"), o.out());
    }

    @Test
    void planForGroupSeed() {
        Out o = run(Map.of(), "plan", "--group", "seed");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("Plan for nyc-zoning-api (3 steps)"), o.out());
        assertTrue(o.out().indexOf("pg:source:create") < o.out().indexOf("pg:source:load"));
    }

    @Test
    void unknownDomainIsAUsageErrorWithHint() {
        Out o = run(Map.of(), "plan", "--domain", "plutto");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("command line: unknown domain 'plutto' (did you mean 'pluto'?)"), o.err());
    }

    @Test
    void validateReportsTypoCycleAndUnknownDomainTogether(@TempDir Path dir) throws Exception {
        String yaml = Files.readString(Path.of("pipeline.yaml"))
                .replace("    group: seed\n    needs: [pg:flow:push]\n    description: Drop",
                        "    group: seed\n    neds: [pg:flow:push]\n    description: Drop")
                .replace("    needs: [pg:flow:configure]\n", "    needs: [pg:flow:configure, pg:source:create]\n")
                .replace("  community-districts:\n    parents: [boroughs]", "  community-districts:\n    parents: [borough]")
                .replace("id: pg:flow:configure\n    kind: sql", "id: pg:flow:configure\n    kind: sql\n    needs: [pg:flow:push]");
        Path copy = dir.resolve("pipeline.yaml");
        Files.writeString(copy, yaml);
        dev.dataflow.testbed.Fixture.copyTree(Path.of("sql"), dir.resolve("sql"));
        dev.dataflow.testbed.Fixture.copyTree(Path.of("data"), dir.resolve("data"));
        Out o = run(Map.of(), "validate", "--pipeline", copy.toString());
        assertEquals(2, o.code(), o.out() + o.err());
        assertTrue(o.err().matches("(?s).*pipeline\\.yaml:\\d+:\\d+: unknown key 'neds' in a step \\(did you mean 'needs'\\?\\).*"), o.err());
        assertTrue(o.err().matches("(?s).*pipeline\\.yaml:\\d+:\\d+: steps depend on each other in a cycle: .*pg:flow:push.*"), o.err());
        assertTrue(o.err().startsWith("error: 3 problems:"), o.err());
        assertTrue(o.err().matches("(?s).*pipeline\\.yaml:\\d+:\\d+: domain community-districts has unknown parent 'borough' \\(did you mean 'boroughs'\\?\\).*"), o.err());
    }

    @Test
    void renderWritesEveryTemplatePerStepAndDomain(@TempDir Path dir) throws Exception {
        dev.dataflow.testbed.Fixture.copyTree(Path.of("sql"), dir.resolve("sql"));
        dev.dataflow.testbed.Fixture.copyTree(Path.of("data"), dir.resolve("data"));
        Files.copy(Path.of("pipeline.yaml"), dir.resolve("pipeline.yaml"));
        Out o = run(Map.of(), "render", "--pipeline", dir.resolve("pipeline.yaml").toString());
        assertEquals(0, o.code(), o.err());
        Path pluto = dir.resolve("target/rendered/pg-model-transform/pluto.sql");
        assertTrue(Files.readString(pluto).startsWith("-- rendered from sql/transform/pluto.sql"), o.out());
        assertTrue(Files.exists(dir.resolve("target/rendered/pg-flow-configure/configure.sql")), o.out());
        assertTrue(Files.exists(dir.resolve("target/rendered/pg-source-create/capital-planning.sql")), o.out());
        // Paths actions/upload-artifact and Windows accept: no ':' (nor any other character they refuse).
        try (var files = Files.walk(dir.resolve("target/rendered"))) {
            files.map(f -> dir.resolve("target/rendered").relativize(f).toString())
                    .forEach(f -> assertTrue(f.matches("[A-Za-z0-9._/-]*"), f));
        }
    }

    @Test
    void renderFoldersHaveNoColon() {
        assertEquals("pg-model-transform", RenderCommand.folder("pg:model:transform"));
        assertEquals("shp-convert", RenderCommand.folder("shp:convert"));
        assertEquals("a-b-c", RenderCommand.folder("a*b?c"));
    }

    @Test
    void versionComesFromTheBuild() {
        Out o = run(Map.of(), "--version");
        assertEquals(0, o.code(), o.err());
        assertEquals(dev.dataflow.BuildInfo.current().describe(), o.out().strip());
        assertTrue(o.out().startsWith("data-flow 0.1.0-SNAPSHOT (commit "), o.out());
    }

    @Test
    void planGraphPrintsMermaid() {
        Out o = run(Map.of(), "plan", "--graph", "--domain", "pluto");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().startsWith("flowchart LR\n"), o.out());
        assertTrue(o.out().contains("d_pluto[\"pluto (build, publish)\"]"), o.out());
        assertTrue(o.out().contains("d_boroughs --> d_pluto"), o.out());
        assertFalse(o.out().contains("pg:"), "the graph only: " + o.out());
    }

    @Test
    void secretsNeverAppearInErrors() {
        Out o = run(Map.of("FLOW_DATABASE_URL", "postgres://flow:hunter2secret@127.0.0.1:1/flow",
                "TARGET_DATABASE_PASSWORD", "hunter3secret"), "--step", "pg:flow:configure", "--verbose");
        assertEquals(1, o.code(), o.out() + o.err());
        assertTrue((o.out() + o.err()).contains("cannot connect to the flow database jdbc:postgresql://127.0.0.1:1/flow as flow"), o.out() + o.err());
        assertFalse((o.out() + o.err()).contains("hunter2secret"), o.out() + o.err());
        assertFalse((o.out() + o.err()).contains("hunter3secret"), o.out() + o.err());
    }
}
