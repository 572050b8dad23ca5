package dev.dataflow.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.dataflow.testbed.Fixture;
import dev.dataflow.testbed.PostGis;
import dev.dataflow.testbed.PostGisExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Quality gates, run state and resume, and the run report, on the mini fixture against real PostGIS. */
@ExtendWith(PostGisExtension.class)
class PublishSafetyIT {
    /** The advisory lock key with which a test holds a populate in its checks phase. */
    private static final long HOLD = 240_624;
    private Fixture fx;
    private PostGis pg;

    @BeforeEach
    void setUp(PostGis pg, @TempDir Path tmp) throws Exception {
        this.pg = pg;
        fx = new Fixture("mini", tmp, pg);
    }

    private void editPipeline(String from, String to) throws Exception {
        Path p = fx.dir.resolve("pipeline.yaml");
        String s = Files.readString(p);
        assertTrue(s.contains(from), from);
        Files.writeString(p, s.replace(from, to));
    }

    @Test
    void passingChecksAreReportedAndAWarnDoesNotBlock() throws Exception {
        Files.writeString(fx.dir.resolve("data/places.csv"), "geom,id,region,kind,label\n"
                + "POINT(-73.96 40.78),1,MN,park,Same\nPOINT(-73.95 40.65),2,BK,school,Same\n");
        Fixture.Run r = fx.run("flow");
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(r.out().contains("check unique(place: label): WARN - 1 offending row"), r.out());
        assertTrue(r.out().contains("label=Same, copies=2"), r.out());
        assertTrue(r.out().contains("check within_extent(place: geom): PASS"), r.out());
        assertTrue(r.out().contains("check no_library_in_brooklyn: PASS"), r.out());
        assertEquals(2, fx.count(fx.targetDb, "place"));
    }

    @Test
    void aFailingUniqueCheckBlocksThePublishAndTheApiIsUnchanged() throws Exception {
        assertEquals(0, fx.run("flow").exitCode());
        String before = fx.query(fx.targetDb, "SELECT string_agg(id || label, ',' ORDER BY id) FROM place");
        editPipeline("{check: unique, table: place, column: label, severity: warn}", "{check: unique, table: place, column: label}");
        Files.writeString(fx.dir.resolve("data/places.csv"), "geom,id,region,kind,label\n"
                + "POINT(-73.96 40.78),1,MN,park,Same\nPOINT(-73.95 40.65),2,BK,school,Same\nPOINT(-73.84 40.72),3,QN,,Other\n");
        Fixture.Run r = fx.run("flow");
        assertEquals(1, r.exitCode(), r.all());
        assertTrue(r.out().contains("check unique(place: label): FAIL - 1 offending row"), r.out());
        assertTrue(r.all().contains("quality checks failed, nothing was published: unique(place: label) (pipeline.yaml:"), r.out());
        assertEquals(before, fx.query(fx.targetDb, "SELECT string_agg(id || label, ',' ORDER BY id) FROM place"));
    }

    @Test
    void withinExtentFailsForAGeometryReachingOutsideTheRectangleOrEmpty() throws Exception {
        // Queens Library lies east of x = 1,000,000 ft; Central Park and Brooklyn Tech lie west of it.
        editPipeline("extent: [900000, 100000, 1100000, 300000]", "extent: [900000, 100000, 1000000, 300000]");
        Fixture.Run r = fx.run("flow");
        assertEquals(1, r.exitCode(), r.all());
        assertTrue(r.out().contains("check within_extent(place: geom): FAIL - 1 offending row"), r.out());
        assertTrue(r.out().contains("label=Queens Library"), r.out());
        // A point exactly on the rectangle's edge is covered by it.
        String x = fx.query(fx.flowDb, "SELECT ST_X(geom) FROM place WHERE id = 1");
        editPipeline("extent: [900000, 100000, 1000000, 300000]", "extent: [" + x + ", 100000, 1100000, 300000]");
        fx.exec(fx.flowDb, "DELETE FROM place WHERE id = 2");
        Fixture.Run edge = fx.run("--step", "pg:target:populate", "--force");
        assertTrue(edge.out().contains("check within_extent(place: geom): PASS"), edge.out());
        fx.exec(fx.flowDb, "UPDATE place SET geom = 'SRID=2263;POINT EMPTY' WHERE id = 3");
        Fixture.Run empty = fx.run("--step", "pg:target:populate", "--force");
        assertTrue(empty.out().contains("check within_extent(place: geom): FAIL - 1 offending row"), empty.out());
        // The row-by-row checks on place are counted in one scan; each still gets its own count and verdict.
        assertTrue(empty.out().contains("check not_empty(place: geom): FAIL - 1 offending row"), empty.out());
        assertTrue(empty.out().contains("check valid(place: geom): PASS"), empty.out());
        assertTrue(empty.out().contains("check srid(place: geom): PASS"), empty.out());
        // One place empty, one far east of the rectangle: counted in the same scan, 1 and 2 offending rows.
        fx.exec(fx.flowDb, "UPDATE place SET geom = 'SRID=2263;POINT(2000000 200000)' WHERE id = 1");
        Fixture.Run both = fx.run("--step", "pg:target:populate", "--force");
        assertTrue(both.out().contains("check not_empty(place: geom): FAIL - 1 offending row"), both.out());
        assertTrue(both.out().contains("check within_extent(place: geom): FAIL - 2 offending rows"), both.out());
        assertTrue(both.out().contains("label=Central Park"), both.out());
    }

    /** Polls pg_locks until an ACCESS SHARE lock on region in the given state shows up; fails at the deadline. */
    private void awaitShareLockOnRegion(String state) throws Exception {
        String sql = "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                + "WHERE c.relname = 'region' AND l.mode = 'AccessShareLock' AND " + state;
        dev.dataflow.testbed.Poll.until("an ACCESS SHARE lock on region with " + state,
                () -> Long.parseLong(fx.query(fx.targetDb, sql)) > 0);
    }

    @Test
    void theApiTablesCannotBeAlteredBetweenTheDriftCheckAndTheCopy() throws Exception {
        assertEquals(0, fx.run("flow").exitCode());
        // A custom check that waits for an advisory lock this test holds keeps the populate in its checks phase,
        // holding its share locks, for exactly as long as the test needs: an event, not a pause that a slow machine
        // could outlast. The lock is asked for in the row condition, which every row of place is tested against.
        Files.writeString(fx.dir.resolve("sql/checks/no_library_in_brooklyn.sql"),
                "SELECT p.id FROM place p WHERE p.id IS NULL OR pg_advisory_xact_lock_shared(" + HOLD + ")::text IS NULL");
        java.util.concurrent.CompletableFuture<Fixture.Run> populate;
        try (java.sql.Connection hold = pg.connect(fx.flowDb); java.sql.Statement s = hold.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + HOLD + ")");
            populate = java.util.concurrent.CompletableFuture.supplyAsync(() -> fx.run("--step", "pg:target:populate"));
            // region has no check of its own that would read it: only the populate's share lock is on it.
            awaitShareLockOnRegion("l.granted AND l.pid <> pg_backend_pid()");
            dev.dataflow.testbed.Poll.until("the populate's check waits for the test's advisory lock",
                    () -> Long.parseLong(fx.query(fx.flowDb, "SELECT count(*) FROM pg_locks WHERE locktype = "
                            + "'advisory' AND NOT granted AND objid = " + HOLD)) > 0);
            java.sql.SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                    () -> fx.exec(fx.targetDb, "SET lock_timeout = '300ms'; ALTER TABLE region ADD COLUMN note text"));
            assertEquals("55P03", refused.getSQLState(), refused.getMessage());
            assertFalse(populate.isDone(), "the populate waits for the test's advisory lock");
            s.execute("SELECT pg_advisory_unlock(" + HOLD + ")");
        }
        Fixture.Run r = populate.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(0, r.exitCode(), r.all());
        fx.exec(fx.targetDb, "ALTER TABLE region ADD COLUMN note text"); // free again once the populate committed
    }

    @Test
    void theDriftCheckReadsTheTargetOnlyOnceThePopulateHoldsItsLocks() throws Exception {
        assertEquals(0, fx.run("flow").exitCode());
        // An ALTER in flight holds region; the populate's drift check starts with the step, but must not read the
        // catalog until the populate's share lock is granted, i.e. after this ALTER commits.
        try (java.sql.Connection alter = pg.connect(fx.targetDb)) {
            alter.setAutoCommit(false);
            try (java.sql.Statement s = alter.createStatement()) {
                // A change only the drift check sees: the columns, which the populate also compares, stay the same.
                s.execute("ALTER TABLE region ADD CONSTRAINT region_name_short CHECK (length(name) < 100)");
            }
            java.util.concurrent.CompletableFuture<Fixture.Run> populate =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> fx.run("--step", "pg:target:populate"));
            awaitShareLockOnRegion("NOT l.granted");
            // The drift check has readied itself and is parked until the locks are held (an event, not a pause).
            dev.dataflow.testbed.Poll.until("the drift check waits for the populate's locks",
                    () -> Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("drift-check")
                            && t.getState() == Thread.State.WAITING));
            alter.commit();
            Fixture.Run r = populate.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(1, r.exitCode(), r.all());
            assertTrue(r.all().contains("public.region changed: + constraint \"region_name_short\" CHECK"), r.all());
        }
    }

    @Test
    void rowCountMaxChangeComparesWithTheLiveTargetAndForceOverrides() throws Exception {
        assertEquals(0, fx.run("flow").exitCode());
        Files.writeString(fx.dir.resolve("data/places.csv"), "geom,id,region,kind,label\nPOINT(-73.96 40.78),1,MN,park,Only\n");
        Fixture.Run r = fx.run("flow");
        assertEquals(1, r.exitCode(), r.all());
        assertTrue(r.all().contains("model has 1 rows, the API 3: a 66.7% change, over max_change 50%"), r.out());
        assertEquals(3, fx.count(fx.targetDb, "place"));
        Path summary = fx.dir.resolve("summary.md");
        fx.env.put("GITHUB_STEP_SUMMARY", summary.toString());
        Fixture.Run forced = fx.run("--step", "pg:target:populate", "--force");
        assertEquals(0, forced.exitCode(), forced.all());
        assertEquals(1, fx.count(fx.targetDb, "place"));
        // A check let through by --force is FORCED everywhere, never PASS: the console, the report, the summary.
        assertTrue(forced.out().matches("(?s).*check [^\\n]*: FORCED - model has 1 rows, the API 3: a 66\\.7% change.*"), forced.out());
        assertTrue(forced.out().contains("1 FORCED)"), forced.out());
        JsonNode report = dev.dataflow.testbed.ReportSchema.assertValid(fx.dir.resolve("target/run-report.json"));
        JsonNode check = null;
        for (JsonNode c : report.get("checks")) {
            if ("row_count".equals(c.get("check").asText())) {
                check = c;
            }
        }
        assertTrue(check != null && "forced".equals(check.get("status").asText()) && check.get("forced").asBoolean(),
                report.toString());
        assertTrue(Files.readString(summary).matches("(?s).*\\| row_count[^\\n]*\\| error \\| FORCED \\|.*"),
                Files.readString(summary));
    }

    @Test
    void resumeStartsAtTheFailedStepAndRerunsAChangedLoad() throws Exception {
        Path transform = fx.dir.resolve("sql/transform/places.sql");
        String good = Files.readString(transform);
        Files.writeString(transform, good.replace("label,", "labell,"));
        Fixture.Run failed = fx.run("flow");
        assertEquals(1, failed.exitCode(), failed.all());
        assertTrue(failed.all().contains("failed at pg:model:transform"), failed.out());

        Files.writeString(transform, good);
        Fixture.Run resumed = fx.run("resume");
        assertEquals(0, resumed.exitCode(), resumed.all());
        assertTrue(resumed.out().contains("from pg:model:transform (it failed in run"), resumed.out());
        assertFalse(resumed.out().contains("pg:source:load"), "the load is not repeated: " + resumed.out());
        assertEquals(3, fx.count(fx.targetDb, "place"));

        // A failed run again, but this time a source file changes too: the load runs again, not just the transform.
        Files.writeString(transform, good.replace("label,", "labell,"));
        assertEquals(1, fx.run("flow").exitCode());
        Files.writeString(transform, good);
        Files.writeString(fx.dir.resolve("data/regions.csv"), "name,code\nManhattan,MN\nBrooklyn,BK\nQueens,QN\nBronx,BX\n");
        Fixture.Run again = fx.run("resume");
        assertEquals(0, again.exitCode(), again.all());
        assertTrue(again.out().contains("from pg:source:load (its inputs changed since run"), again.out());
        assertEquals(4, fx.count(fx.targetDb, "region"));

        Fixture.Run status = fx.run("status");
        assertEquals(0, status.exitCode(), status.all());
        assertTrue(status.out().matches("(?s)run \\d+  OK .*run \\d+  FAILED .*"), status.out());
        assertEquals("nothing to resume", fx.run("resume").out().substring(0, 17));
    }

    @Test
    void theRunReportValidatesAgainstTheCommittedSchemaAndHoldsNoSecrets() throws Exception {
        fx.env.put("FLOW_URL", fx.env.get("FLOW_URL").replace("postgresql://postgres@", "postgresql://postgres:hunter2secret@"));
        fx.env.put("GITHUB_STEP_SUMMARY", fx.dir.resolve("summary.md").toString());
        Path reportFile = fx.dir.resolve("out/report.json");
        Fixture.Run r = fx.run("flow", "--report", reportFile.toString());
        assertEquals(0, r.exitCode(), r.all());
        String text = Files.readString(reportFile);
        assertFalse(text.contains("hunter2secret"), text);
        assertFalse(r.all().contains("hunter2secret"), r.all());
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Path.of("docs/run-report.schema.json")));
        JsonNode report = new ObjectMapper().readTree(text);
        Set<ValidationMessage> errors = schema.validate(report);
        assertTrue(errors.isEmpty(), errors + "\n" + text);
        assertEquals("ok", report.get("status").asText());
        assertEquals(11, report.get("checks").size(), text);
        assertEquals(3, report.at("/steps/2/tableRows/source_place").asInt(), text);
        assertTrue(Files.readString(fx.dir.resolve("summary.md")).contains("| pg:target:populate | ok |"));

        // A failing run's report validates too and names the reason.
        Files.writeString(fx.dir.resolve("sql/transform/places.sql"), "SELECT nope;");
        assertEquals(1, fx.run("flow", "--report", reportFile.toString()).exitCode());
        JsonNode failed = new ObjectMapper().readTree(Files.readString(reportFile));
        assertTrue(schema.validate(failed).isEmpty(), schema.validate(failed).toString());
        assertTrue(failed.get("exitReason").asText().contains("sql/transform/places.sql:1"), failed.toString());
    }
}
