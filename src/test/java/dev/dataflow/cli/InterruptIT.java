package dev.dataflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dataflow.testbed.Fixture;
import dev.dataflow.testbed.Poll;
import dev.dataflow.testbed.PostGis;
import dev.dataflow.testbed.PostGisExtension;
import dev.dataflow.testbed.ReportSchema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real runner process stopped mid-populate: by SIGTERM (recorded as interrupted, report written, exit 143, the API
 * as it was) and by SIGKILL (no trace left by the process; status and resume still say interrupted).
 */
@ExtendWith(PostGisExtension.class)
class InterruptIT {
    private Fixture fx;
    private PostGis pg;
    private Path tmp;

    @BeforeEach
    void setUp(PostGis pg, @TempDir Path tmp) throws Exception {
        this.pg = pg;
        this.tmp = tmp;
        fx = new Fixture("mini", tmp, pg);
        assertEquals(0, fx.run("flow").exitCode());
        // The next populate would change the API: 3 places become 2.
        Files.writeString(fx.dir.resolve("data/places.csv"), "geom,id,region,kind,label\n"
                + "POINT(-73.96 40.78),1,MN,park,Central Park\nPOINT(-73.95 40.65),2,BK,school,PS 1\n");
        assertEquals(3, fx.count(fx.targetDb, "place"));
    }

    /** Starts `runner.jar flow` as a child JVM on the test class path, output to files. */
    private Process startFlow(String name) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.dataflow.Main", "flow",
                "--pipeline", fx.dir.resolve("pipeline.yaml").toString()));
        ProcessBuilder b = new ProcessBuilder(cmd).redirectOutput(tmp.resolve(name + ".out").toFile())
                .redirectError(tmp.resolve(name + ".err").toFile());
        b.environment().putAll(fx.env);
        b.environment().put("DATAFLOW_PROGRESS", "never");
        return b.start();
    }

    /** Holds the target's populate lock, so the child's populate starts and then waits, mid-step. */
    private Connection holdPopulateLock() throws Exception {
        Connection other = pg.connect(fx.targetDb);
        other.setAutoCommit(false);
        try (Statement s = other.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(hashtext('data-flow:target:populate'))");
        }
        return other;
    }

    private void awaitMidPopulate(Process p, String name) throws Exception {
        Poll.until("the child's populate is running and waits for the target's lock", Poll.DEADLINE.multipliedBy(2), () -> {
            if (!p.isAlive()) {
                throw new AssertionError("the runner ended early: " + output(name));
            }
            return "1".equals(fx.query(fx.targetDb, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                    + "AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"))
                    && "running".equals(fx.query(fx.flowDb, "SELECT status FROM dataflow.run_step WHERE run_id = "
                    + "(SELECT max(id) FROM dataflow.run) AND step_id = 'pg:target:populate'"));
        });
    }

    private String output(String name) throws Exception {
        return Files.readString(tmp.resolve(name + ".out")) + Files.readString(tmp.resolve(name + ".err"));
    }

    @Test
    void sigtermMidPopulateIsRecordedAsInterruptedAndTheApiIsUnchanged() throws Exception {
        Process p = startFlow("term");
        try (Connection lock = holdPopulateLock()) {
            awaitMidPopulate(p, "term");
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the runner stops on SIGTERM: " + output("term"));
            assertEquals(143, p.exitValue(), output("term"));
            lock.rollback();
        } finally {
            p.destroyForcibly();
        }
        String out = output("term");
        assertTrue(out.contains("[6/6] pg:target:populate INTERRUPTED"), out);
        assertTrue(out.contains("interrupted by SIGTERM"), out);
        assertTrue(Files.readString(tmp.resolve("term.err")).contains("Run `resume` to continue run"), out);
        assertEquals(3, fx.count(fx.targetDb, "place"), "the API is as it was");
        assertEquals("interrupted", fx.query(fx.flowDb, "SELECT status FROM dataflow.run ORDER BY id DESC LIMIT 1"));
        assertEquals("interrupted", fx.query(fx.flowDb, "SELECT status FROM dataflow.run_step WHERE run_id = "
                + "(SELECT max(id) FROM dataflow.run) AND step_id = 'pg:target:populate'"));
        JsonNode report = ReportSchema.assertValid(fx.dir.resolve("target/run-report.json"));
        assertEquals("interrupted", report.get("status").asText());
        assertEquals(143, report.get("exitCode").asInt());
        assertEquals("interrupted", report.at("/steps/5/status").asText(), report.toString());

        Fixture.Run status = fx.run("status");
        assertEquals(0, status.exitCode(), status.all());
        assertTrue(status.out().startsWith("run ") && status.out().contains("INTERRUPTED"), status.out());
        Fixture.Run resume = fx.run("resume");
        assertEquals(0, resume.exitCode(), resume.all());
        assertTrue(resume.out().contains("from pg:target:populate (it was interrupted in run"), resume.out());
        assertEquals(2, fx.count(fx.targetDb, "place"));
    }

    @Test
    void aKilledRunIsShownAsInterrupted() throws Exception {
        Process p = startFlow("kill");
        try (Connection lock = holdPopulateLock()) {
            awaitMidPopulate(p, "kill");
            p.destroyForcibly(); // SIGKILL: no handler runs, nothing is recorded by the process
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            lock.rollback();
        }
        assertEquals("running", fx.query(fx.flowDb, "SELECT status FROM dataflow.run ORDER BY id DESC LIMIT 1"),
                "the row says running: the process had no chance to say otherwise");
        // The server ends the dead client's session (and its run lock) once it sees the socket closed.
        Poll.until("status shows the killed run as interrupted", () -> fx.run("status").out()
                .matches("(?s)run \\d+  INTERRUPTED .*"));
        Fixture.Run resume = fx.run("resume");
        assertEquals(0, resume.exitCode(), resume.all());
        assertTrue(resume.out().contains("from pg:target:populate (it was interrupted in run"), resume.out());
        assertEquals(2, fx.count(fx.targetDb, "place"));
    }
}
