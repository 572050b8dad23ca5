package dev.dataflow.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The commands on the repository's own pipeline.yaml, as a user types them. */
class CliTest {
    record Out(int code, String out, String err) {
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
                "Exit codes:", "2   bad usage or configuration"}) {
            assertTrue(o.out().contains(s), s + " in\n" + o.out());
        }
        assertEquals(0, run(Map.of(), "plan", "--help").code());
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
        Path pluto = dir.resolve("target/rendered/pg:model:transform/pluto.sql");
        assertTrue(Files.readString(pluto).startsWith("-- rendered from sql/transform/pluto.sql"), o.out());
        assertTrue(Files.exists(dir.resolve("target/rendered/pg:flow:configure/configure.sql")), o.out());
        assertTrue(Files.exists(dir.resolve("target/rendered/pg:source:create/capital-planning.sql")), o.out());
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
