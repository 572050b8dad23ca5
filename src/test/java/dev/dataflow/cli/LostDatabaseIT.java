package dev.dataflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dataflow.testbed.Fixture;
import dev.dataflow.testbed.Poll;
import dev.dataflow.testbed.PostGis;
import dev.dataflow.testbed.PostGisExtension;
import dev.dataflow.testbed.ReportSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The flow database going away in the middle of a step: the step's own error, FAILED, a report, a summary. */
@ExtendWith(PostGisExtension.class)
class LostDatabaseIT {
    @Test
    void losingTheFlowDatabaseMidStepShowsTheRealErrorAndWritesTheReport(PostGis pg, @TempDir Path tmp) throws Exception {
        Fixture fx = new Fixture("mini", tmp, pg);
        Path summary = tmp.resolve("summary.md");
        fx.env.put("GITHUB_STEP_SUMMARY", summary.toString());
        fx.env.put("DATAFLOW_PROGRESS", "never");
        CompletableFuture<Fixture.Run> run;
        try (Connection lock = pg.connect(fx.targetDb)) {
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(hashtext('data-flow:target:populate'))");
            }
            run = CompletableFuture.supplyAsync(() -> fx.run("flow"));
            Poll.until("the populate waits for the target's lock", () -> {
                if (run.isDone()) {
                    throw new AssertionError("the run ended early: " + run.join().all());
                }
                return "1".equals(fx.query(fx.targetDb, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                        + "AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"));
            });
            // The flow database goes away: every session on it ends, the run state's included.
            fx.query("postgres", "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '"
                    + fx.flowDb + "' AND pid <> pg_backend_pid()");
            lock.rollback();
        }
        Fixture.Run r = run.get(120, TimeUnit.SECONDS);
        assertEquals(1, r.exitCode(), r.all());
        assertTrue(r.out().contains("[6/6] pg:target:populate FAILED"), r.out());
        assertTrue(r.err().contains("error: pg:target:populate"), r.err());
        assertTrue(r.err().contains("terminating connection due to administrator command")
                || r.err().contains("An I/O error occurred"), r.err());
        assertTrue(r.err().contains("warning: cannot record"), "the lost run state is a warning: " + r.err());
        assertTrue(r.err().contains("failed at pg:target:populate after"), r.err());
        assertTrue(r.err().contains("--from pg:target:populate"), "it says how to resume: " + r.err());
        JsonNode report = ReportSchema.assertValid(fx.dir.resolve("target/run-report.json"));
        assertEquals("failed", report.get("status").asText());
        assertEquals("failed", report.at("/steps/5/status").asText(), report.toString());
        assertTrue(Files.readString(summary).contains("| pg:target:populate | failed |"), Files.readString(summary));
        assertFalse(r.all().contains("internal error"), r.all());
    }
}
