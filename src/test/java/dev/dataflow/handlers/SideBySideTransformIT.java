package dev.dataflow.handlers;

import dev.dataflow.testbed.Fixture;
import dev.dataflow.testbed.PostGis;
import dev.dataflow.testbed.PostGisExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * pg:model:transform runs independent domains side by side, children after their parents, stops cleanly on a
 * failure, and one by one with transformParallelism 1. Overlap is forced by the SQL itself: a and b each hold an
 * advisory lock and wait (polling, up to a minute, then failing) until the other's lock is held, so they can only
 * both finish if they ran at the same time.
 */
@ExtendWith(PostGisExtension.class)
class SideBySideTransformIT {
    private static final long LOCK_A = 2_100_001L;
    private static final long LOCK_NOBODY = 2_100_099L;
    private Fixture fx;

    @BeforeEach
    void setUp(PostGis pg, @TempDir Path tmp) throws Exception {
        fx = new Fixture("sidebyside", tmp, pg);
    }

    /**
     * Marks {@code name} as started, then waits until {@code other} has started too or fails at the deadline. The
     * marks are sequences, whose state every session sees at once, outside any transaction.
     */
    private static String rendezvous(String name, String other) {
        return "SELECT nextval('started_" + name + "');\n"
                + "DO $$\nDECLARE deadline timestamptz := clock_timestamp() + interval '60 seconds';\nBEGIN\n"
                + "  WHILE NOT (SELECT is_called FROM started_" + other + ") LOOP\n"
                + "    IF clock_timestamp() > deadline THEN RAISE EXCEPTION '" + other + " never ran while "
                + name + " ran'; END IF;\n"
                + "    PERFORM pg_sleep(0.02);\n  END LOOP;\nEND $$;\n";
    }

    private void transform(String domain, String sql) throws Exception {
        Files.writeString(fx.dir.resolve("sql/transform/" + domain + ".sql"), sql);
    }

    private void setParallelism(int n) throws Exception {
        Path p = fx.dir.resolve("pipeline.yaml");
        Files.writeString(p, Files.readString(p).replace("transformParallelism: 2", "transformParallelism: " + n));
    }

    /** The recorded domains of the last run's transform: name -> [status, started, finished]. */
    private Map<String, Object[]> recorded() throws Exception {
        Map<String, Object[]> out = new LinkedHashMap<>();
        try (Connection c = fx.pg.connect(fx.flowDb); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT domain, status, started_at, finished_at FROM dataflow.run_domain "
                     + "WHERE run_id = (SELECT max(id) FROM dataflow.run) ORDER BY domain")) {
            while (rs.next()) {
                out.put(rs.getString(1), new Object[]{rs.getString(2), rs.getObject(3, OffsetDateTime.class),
                        rs.getObject(4, OffsetDateTime.class)});
            }
        }
        return out;
    }

    private static OffsetDateTime start(Map<String, Object[]> r, String d) {
        return (OffsetDateTime) r.get(d)[1];
    }

    private static OffsetDateTime end(Map<String, Object[]> r, String d) {
        return (OffsetDateTime) r.get(d)[2];
    }

    @Test
    void independentDomainsOverlapAndAChildWaitsForItsParent() throws Exception {
        transform("a", rendezvous("a", "b") + "TRUNCATE a_out;\nINSERT INTO a_out VALUES ('a');\n");
        transform("b", rendezvous("b", "a") + "TRUNCATE b_out;\nINSERT INTO b_out VALUES ('b');\n");
        // c fails unless a has committed before it starts.
        transform("c", "DO $$ BEGIN IF NOT EXISTS (SELECT FROM a_out) THEN RAISE EXCEPTION 'c started before a "
                + "committed'; END IF; END $$;\nTRUNCATE c_out;\nINSERT INTO c_out VALUES ('c');\n");
        Fixture.Run r = fx.run("flow");
        assertEquals(0, r.exitCode(), r.all());
        Map<String, Object[]> rec = recorded();
        assertEquals("ok", rec.get("a")[0]);
        assertEquals("ok", rec.get("b")[0]);
        assertEquals("ok", rec.get("c")[0]);
        assertTrue(start(rec, "a").isBefore(end(rec, "b")) && start(rec, "b").isBefore(end(rec, "a")),
                "a and b overlap: " + r.out());
        assertFalse(start(rec, "c").isBefore(end(rec, "a")), "c starts only after a ends");
        assertTrue(r.out().contains("up to 2 domains side by side"), r.out());
        // One block per domain: each count line is whole, and the report lists every domain with its times.
        assertTrue(r.out().matches("(?s).*\\n  a \\d+\\.\\d+s: a_out=1\\n.*"), r.out());
        assertTrue(r.out().matches("(?s).*\\n  b \\d+\\.\\d+s: b_out=1\\n.*"), r.out());
        String report = Files.readString(fx.dir.resolve("target/run-report.json"));
        assertTrue(report.contains("\"domain\" : \"c\""), report);
        Fixture.Run status = fx.run("status");
        assertTrue(status.out().matches("(?s).*\\n      c +ok +\\S.*"), status.out());
        Fixture.Run plan = fx.run("plan");
        assertTrue(plan.out().contains("together: a, b"), plan.out());
        assertTrue(plan.out().contains("then: c (after a)"), plan.out());
    }

    @Test
    void aFailingDomainNamesItselfAndStopsTheOthers() throws Exception {
        // a fails on line 11 once b is running; b can only end by being stopped (or, after 30 s, by committing).
        transform("a", rendezvous("a", "b") + "SELECT 1;\nSELECT 1 / 0;\n");
        transform("b", "INSERT INTO b_out VALUES ('b, not stopped');\n" + rendezvous("b", "a")
                + "DO $$ DECLARE deadline timestamptz := clock_timestamp() + interval '30 seconds'; BEGIN\n"
                + "  WHILE clock_timestamp() < deadline AND NOT EXISTS (SELECT FROM pg_locks WHERE locktype = 'advisory' "
                + "AND objid = " + LOCK_NOBODY + ") LOOP PERFORM pg_sleep(0.02); END LOOP; END $$;\n");
        transform("c", "INSERT INTO c_out VALUES ('c ran');\n");
        Fixture.Run r = fx.run("flow");
        assertEquals(1, r.exitCode(), r.all());
        assertTrue(r.err().contains("error: step pg:model:transform, domain a: sql/transform/a.sql:11: "), r.all());
        assertTrue(r.all().contains("division by zero"), r.all());
        assertTrue(r.out().contains("a failed; b (stopped, rolled back), c (not started)"), r.out());
        Map<String, Object[]> rec = recorded();
        assertEquals("failed", rec.get("a")[0]);
        assertEquals("cancelled", rec.get("b")[0]);
        assertEquals("not run", rec.get("c")[0]);
        assertNull(start(rec, "c"));
        assertEquals(0, fx.count(fx.flowDb, "b_out"), "b rolled back");
        assertEquals(0, fx.count(fx.flowDb, "c_out"), "c never ran");
        assertTrue(fx.query(fx.flowDb, "SELECT message FROM dataflow.run_step WHERE step_id = 'pg:model:transform' "
                + "AND run_id = (SELECT max(id) FROM dataflow.run)").contains("domain a: sql/transform/a.sql:11"));
        Fixture.Run resume = fx.run("resume");
        assertTrue(resume.out().contains("resuming run "), resume.out());
    }

    @Test
    void parallelismOneRunsTheDomainsOneByOne() throws Exception {
        setParallelism(1);
        // b records whether a's transaction was still open when b ran.
        transform("a", "SELECT pg_advisory_xact_lock(" + LOCK_A + ");\nTRUNCATE a_out;\nINSERT INTO a_out VALUES ('a');\n");
        transform("b", "TRUNCATE b_out;\nINSERT INTO b_out SELECT 'a held: ' || count(*) FROM pg_locks "
                + "WHERE locktype = 'advisory' AND objid = " + LOCK_A + ";\n");
        Fixture.Run r = fx.run("flow");
        assertEquals(0, r.exitCode(), r.all());
        assertEquals("a held: 0", fx.query(fx.flowDb, "SELECT note FROM b_out"));
        Map<String, Object[]> rec = recorded();
        assertFalse(start(rec, "b").isBefore(end(rec, "a")), "b after a");
        assertFalse(start(rec, "c").isBefore(end(rec, "b")), "c after b");
        assertTrue(r.out().contains("one domain at a time"), r.out());
        int a = r.out().indexOf("\n  a "), b = r.out().indexOf("\n  b "), c = r.out().indexOf("\n  c ");
        assertTrue(a > 0 && a < b && b < c, "blocks in domain order: " + r.out());
        assertNotNull(end(rec, "c"));
        assertTrue(fx.run("plan").out().contains("one domain at a time (settings.transformParallelism: 1)"));
    }
}
