package dev.dataflow.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipelineParserTest {
    @TempDir
    Path dir;

    private Pipeline parse(String yaml, Map<String, String> env) throws Exception {
        Files.createDirectories(dir.resolve("sql"));
        return new PipelineParser(new Env(env::get)).parse(yaml, "pipeline.yaml", dir);
    }

    private ConfigException fail(String yaml) {
        return assertThrows(ConfigException.class, () -> parse(yaml, Map.of()));
    }

    @Test
    void reportsTypoCycleAndUnknownDomainTogetherWithLineAndColumn() {
        ConfigException e = fail("""
                steps:
                  - id: a:b:c
                    kind: sql
                    needs: [x:y:z]
                  - id: x:y:z
                    kind: sql
                    neds: []
                    needs: [a:b:c]
                domains:
                  admin:
                    parents: [borougs]
                  boroughs: {}
                """);
        String m = e.getMessage();
        assertTrue(m.contains("pipeline.yaml:7:5: unknown key 'neds' in a step (did you mean 'needs'?)"), m);
        assertTrue(m.contains("pipeline.yaml:2:5: steps depend on each other in a cycle: a:b:c -> x:y:z -> a:b:c"), m);
        assertTrue(m.contains("pipeline.yaml:10:3: domain admin has unknown parent 'borougs' (did you mean 'boroughs'?)"), m);
        assertEquals(3, e.problems().size(), m);
        assertEquals(2, e.exitCode());
    }

    @Test
    void wrongTypesMissingSqlFilesAndUnknownStepsInDomainSql() {
        ConfigException e = fail("""
                settings:
                  loadParallelism: many
                  splitLoadMiB: -1
                  rebuildIndexesMiB: sometimes
                steps:
                  - id: pg:flow:configure
                    kind: sql
                    flow: maybe
                    sql: nope.sql
                  - id: bad
                    kind: sqll
                domains:
                  d:
                    tables: ["x; drop table y"]
                    sql:
                      pg:flow:configur: a.sql
                """);
        String m = e.getMessage();
        assertTrue(m.contains("pipeline.yaml:2:20: settings.loadParallelism must be a whole number, not 'many'"), m);
        assertTrue(m.contains("pipeline.yaml:3:17: settings.splitLoadMiB must be 0 (never split) or more"), m);
        assertTrue(m.contains("pipeline.yaml:4:22: settings.rebuildIndexesMiB must be a whole number, not 'sometimes'"), m);
        assertTrue(m.contains("pipeline.yaml:8:11: flow must be true or false, not 'maybe'"), m);
        assertTrue(m.contains("pipeline.yaml:9:10: SQL file sql/nope.sql does not exist"), m);
        assertTrue(m.contains("step id 'bad' must look like <tool>:<target>:<operation>"), m);
        assertTrue(m.contains("unknown step kind 'sqll' (did you mean 'sql'?)"), m);
        assertTrue(m.contains("table name 'x; drop table y' is not a valid identifier"), m);
        assertTrue(m.contains("pipeline.yaml:16:7: unknown step 'pg:flow:configur' in domain d sql (did you mean 'pg:flow:configure'?)"), m);
    }

    @Test
    void rebuildIndexesMiBDefaultsToEightTakesNeverAndRefusesNegatives() throws Exception {
        String steps = "steps:\n  - {id: pg:target:populate, kind: populate}\n";
        assertEquals(Settings.REBUILD_INDEXES_MIB, parse(steps, Map.of()).settings().rebuildIndexesMiB());
        assertEquals(8, Settings.REBUILD_INDEXES_MIB);
        assertEquals(Settings.NEVER, parse("settings: {rebuildIndexesMiB: never}\n" + steps, Map.of()).settings().rebuildIndexesMiB());
        assertEquals(0, parse("settings: {rebuildIndexesMiB: 0}\n" + steps, Map.of()).settings().rebuildIndexesMiB());
        String m = fail("settings: {rebuildIndexesMiB: -1}\n" + steps).getMessage();
        assertTrue(m.contains("pipeline.yaml:1:31: settings.rebuildIndexesMiB must be 0 (every table), more, or never"), m);
    }

    @Test
    void syntaxErrorHasPosition() {
        ConfigException e = fail("steps:\n  - id: \"a:b:c\n");
        assertTrue(e.getMessage().startsWith("pipeline.yaml:3:1: YAML syntax"), e.getMessage());
    }

    @Test
    void connectionsFromEnvironmentWithDefaultsAndUrlForm() throws Exception {
        String yaml = """
                connections:
                  flow:
                    url: ${FLOW_DATABASE_URL:-}
                    host: ${FLOW_DATABASE_HOST:-localhost}
                    port: ${FLOW_DATABASE_PORT:-5432}
                    database: ${FLOW_DATABASE_NAME:-flow}
                    password: ${FLOW_DATABASE_PASSWORD}
                  target:
                    url: ${TARGET_DATABASE_URL:-}
                    host: ${TARGET_DATABASE_HOST:-db}
                steps: [{id: a:b:c, kind: sql}]
                """;
        Pipeline p = parse(yaml, Map.of("FLOW_DATABASE_HOST", "flowhost", "FLOW_DATABASE_PASSWORD", "s3cret",
                "TARGET_DATABASE_URL", "postgresql://api:p%40ss@apihost:6543/zoning?sslmode=require"));
        assertEquals("jdbc:postgresql://flowhost:5432/flow", p.flow().jdbcUrl());
        assertEquals("s3cret", p.flow().password());
        assertFalse(p.flow().toString().contains("s3cret"));
        assertEquals("jdbc:postgresql://apihost:6543/zoning?sslmode=require", p.target().jdbcUrl());
        assertEquals("api", p.target().user());
        assertEquals("p@ss", p.target().password());
        assertFalse(p.target().toString().contains("p@ss"));

        Pipeline unset = parse(yaml, Map.of());
        assertEquals(java.util.List.of("FLOW_DATABASE_PASSWORD"), unset.flow().unsetVariables());
    }

    @Test
    void dotEnvFillsWhatTheEnvironmentLacks() throws Exception {
        Path env = dir.resolve(".env");
        Files.writeString(env, "# comment\nexport A=from-file\nB=\"quoted value\"\n");
        Env e = Env.load(env, Map.of("A", "from-env"));
        assertEquals("from-env", e.get("A"));
        assertEquals("quoted value", e.get("B"));
        assertEquals("x-quoted value-y", e.interpolate("x-${B}-${C:-y}").value());
    }

    @Test
    void varsThatCouldInjectSqlAreRejected() {
        ConfigException e = fail("""
                vars:
                  ok: some_value 1.5
                  bad: "x'; drop table t; --"
                steps: [{id: a:b:c, kind: sql}]
                """);
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("var 'bad' holds characters"), e.getMessage());
    }

    @Test
    void listsProblemsTopToBottomWhicheverPhaseFoundThem() {
        // Line 2's unknown need is found by a check after reading; line 6's unknown key while reading.
        ConfigException e = fail("""
                steps:
                  - id: a:b:c
                    kind: sql
                    needs: [x:y:q]
                  - id: x:y:z
                    kind: sql
                    neds: []
                """);
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).message().contains("needs unknown step 'x:y:q'"), e.getMessage());
        assertTrue(e.problems().get(1).message().contains("neds"), e.getMessage());
        assertTrue(e.problems().get(0).pos().line() < e.problems().get(1).pos().line(), e.getMessage());
    }
}
