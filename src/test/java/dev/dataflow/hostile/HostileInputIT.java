package dev.dataflow.hostile;

import dev.dataflow.testbed.Fixture;
import dev.dataflow.testbed.PostGis;
import dev.dataflow.testbed.PostGisExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hostile-input corpus under {@code src/test/resources/hostile}: each {@code .case} file changes a copy of the
 * mini fixture (see {@link HostileCase} for the format) and runs the real command line against real PostGIS. For every
 * case: the exit code, a message naming the file and line (or the setting), and no secret in any output: stdout and
 * stderr, the run report, the GitHub step summary, and the run-state rows of the flow database.
 */
@ExtendWith(PostGisExtension.class)
class HostileInputIT {
    static final Path CORPUS = Path.of("src/test/resources/hostile");

    static Stream<Path> cases() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.filter(p -> p.toString().endsWith(".case")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachBadInputGetsAClearErrorAndLeaksNothing(Path file, PostGis pg, @TempDir Path tmp) throws Exception {
        HostileCase c = HostileCase.read(file);
        Fixture fx = new Fixture("mini", tmp, pg);
        Path summary = tmp.resolve("step-summary.md");
        fx.env.put("GITHUB_STEP_SUMMARY", summary.toString());
        fx.env.put("DATAFLOW_PROGRESS", "never");
        c.apply(fx, pg);
        for (List<String> before : c.before()) {
            Fixture.Run r = fx.run(before.toArray(String[]::new));
            assertEquals(0, r.exitCode(), "set-up run " + before + " failed:\n" + r.all());
        }
        c.applyEdits(fx);
        Fixture.Run r = fx.run(c.args().toArray(String[]::new));
        String outputs = everyOutput(fx, r, summary);
        assertEquals(c.exit(), r.exitCode(), c.name() + ":\n" + r.all());
        for (String expected : c.expect()) {
            assertTrue(r.all().contains(expected), c.name() + ": expected «" + expected + "» in:\n" + r.all());
        }
        for (String absent : c.absent()) {
            assertFalse(r.all().contains(absent), c.name() + ": «" + absent + "» must not appear in:\n" + r.all());
        }
        assertFalse(r.all().contains("internal error"), r.all());
        if (!c.args().contains("--verbose")) {
            assertFalse(r.all().contains("\tat "), "no stack trace without --verbose:\n" + r.all());
        }
        for (String secret : c.secrets()) {
            assertFalse(outputs.contains(secret), c.name() + ": the secret «" + secret + "» leaked:\n" + outputs);
        }
        for (Check check : c.checks()) {
            assertEquals(check.expected(), fx.query(check.db().equals("target") ? fx.targetDb : fx.flowDb, check.sql()),
                    c.name() + ": " + check.sql());
        }
    }

    /** Everything a user or a CI log could see after the run. */
    static String everyOutput(Fixture fx, Fixture.Run r, Path summary) throws Exception {
        List<String> all = new ArrayList<>();
        all.add("--- console\n" + r.all());
        Path report = fx.dir.resolve("target/run-report.json");
        if (Files.exists(report)) {
            all.add("--- run-report.json\n" + Files.readString(report));
        }
        if (Files.exists(summary)) {
            all.add("--- step summary\n" + Files.readString(summary));
        }
        if ("t".equals(fx.query(fx.flowDb, "SELECT to_regclass('dataflow.run') IS NOT NULL"))) {
            all.add("--- run state\n" + fx.query(fx.flowDb, "SELECT coalesce(string_agg(t, E'\\n'), '') FROM ("
                    + "SELECT coalesce(r.exit_reason, '') || ' ' || r.selection::text AS t FROM dataflow.run r "
                    + "UNION ALL SELECT coalesce(s.message, '') FROM dataflow.run_step s) x"));
        }
        return String.join("\n", all);
    }

    /** A query the case expects an answer to after the run, e.g. that a table was left empty. */
    record Check(String db, String sql, String expected) {
    }
}
