package dev.dataflow.handlers;

import dev.dataflow.config.StepKind;
import dev.dataflow.exec.StepHandler;
import dev.dataflow.testbed.Fixture;
import dev.dataflow.testbed.PostGis;
import dev.dataflow.testbed.PostGisExtension;
import dev.dataflow.testbed.Poll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generic flow-database handlers on the mini fixture, through the real CLI against real PostGIS. */
@ExtendWith(PostGisExtension.class)
class FlowStepsIT {
    private Fixture fx;

    @BeforeEach
    void setUp(PostGis pg, @TempDir Path tmp) throws Exception {
        fx = new Fixture("mini", tmp, pg);
    }

    private void truncateWhenNotSwappable() throws Exception {
        Path p = fx.dir.resolve("pipeline.yaml");
        Files.writeString(p, Files.readString(p).replace("name: mini\n",
                "name: mini\nsettings:\n  publishMode: swap-or-truncate\n"));
    }

    private Fixture.Run seedAndPublish(String... extra) {
        String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("flow"), java.util.Arrays.stream(extra))
                .toArray(String[]::new);
        return fx.run(args);
    }

    @Test
    void loadsTransformsAndPublishesAcrossTwoDatabases() throws Exception {
        Fixture.Run r = seedAndPublish();
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(r.out().contains("[3/6] pg:source:load regions, places OK"), r.out());
        assertTrue(r.out().contains("source_place 3 rows"), r.out());
        assertEquals("BK,MN,QN", fx.query(fx.targetDb, "SELECT string_agg(id, ',' ORDER BY id) FROM region"));
        assertEquals("Brooklyn Tech, \"BTHS\"", fx.query(fx.targetDb, "SELECT label FROM place WHERE id = 2"));
        assertEquals("2263", fx.query(fx.targetDb, "SELECT DISTINCT ST_SRID(geom) FROM place"));
        assertEquals("school", fx.query(fx.targetDb, "SELECT kind FROM place WHERE id = 2"));
        assertEquals("null", String.valueOf(fx.query(fx.targetDb, "SELECT kind FROM place WHERE id = 3")));
        // WKT, hex EWKB and EWKT all arrive at the same place after the SRID transform.
        assertEquals("t", fx.query(fx.targetDb, "SELECT ST_DWithin(geom, ST_Transform(ST_SetSRID(ST_MakePoint(-73.96, 40.67), 4326), 2263), 0.01) FROM place WHERE id = 2"));
    }

    @Test
    void checkViolationNamesFileLineAndConstraintAndLeavesTableEmpty() throws Exception {
        assertEquals(0, seedAndPublish().exitCode());
        Files.writeString(fx.dir.resolve("data/regions.csv"), "name,code\nManhattan,MN\nBad,b1\nQueens,QN\n");
        Fixture.Run r = fx.run("--group", "seed");
        assertEquals(1, r.exitCode(), r.all());
        assertTrue(r.all().contains("data/regions.csv:3: source_region: new row for relation \"source_region\" violates check constraint \"source_region_code_check\" (column code)"), r.out());
        assertEquals(0, fx.count(fx.flowDb, "source_region"), "nothing of the table is half-loaded");
        // Loading again without recreating keeps the previous good content: the failed load rolled back whole.
        fx.exec(fx.flowDb, "INSERT INTO source_region VALUES ('MN', 'Manhattan')");
        assertEquals(1, fx.run("--step", "pg:source:load").exitCode());
        assertEquals(1, fx.count(fx.flowDb, "source_region"));
        assertTrue(r.all().contains("failed at pg:source:load"), r.out());
    }

    /**
     * A file of several blocks with a BOM, CRLF line ends, quoted commas, doubled quotes and line feeds inside quotes,
     * cut into blocks at record ends only. The last row is a duplicate id when {@code badAtEnd}.
     */
    private static String manyPlaces(int n, boolean badAtEnd) {
        StringBuilder b = new StringBuilder("\uFEFFgeom,id,region,kind,label\r\n");
        for (int i = 1; i <= n; i++) {
            b.append("POINT(-73.9").append(i % 1000).append(" 40.7").append(i % 997).append("),").append(i)
                    .append(i % 2 == 0 ? ",MN,park," : ",BK,,");
            b.append(i % 3 == 0 ? "\"Place " + i + ", \"\"quoted\"\"\nsecond line\"" : "Place " + i).append("\r\n");
        }
        if (badAtEnd) {
            b.append("POINT(-73.9 40.7),7,QN,,Duplicate of 7\r\n");
        }
        return b.toString();
    }

    /** Configure and seed with every source file split (1 byte and up) across two COPYs. */
    private Fixture.Run loadSplit() {
        Map<StepKind, StepHandler> handlers = Handlers.builtIn();
        handlers.put(StepKind.LOAD, new LoadStep(settings -> LoadTuning.of(settings, 1, 2)));
        return fx.run(handlers, "--group", "configure", "--group", "seed");
    }

    @Test
    void aBigFileLoadsInOneTransactionUnlessSplitLoadsAreTurnedOn() throws Exception {
        int n = 120_000; // about 5 MiB
        Files.writeString(fx.dir.resolve("data/places.csv"), manyPlaces(n, false));
        Fixture.Run whole = fx.run("--group", "configure", "--group", "seed");
        assertEquals(0, whole.exitCode(), whole.all());
        assertEquals("1", fx.query(fx.flowDb, "SELECT count(DISTINCT xmin::text) FROM source_place"));
        assertFalse(whole.out().contains("split load"), whole.out());

        // Two COPYs at least, whatever the processors (also with one): two tables, four connections by default.
        Path pipeline = fx.dir.resolve("pipeline.yaml");
        Files.writeString(pipeline, Files.readString(pipeline) + "settings:\n  splitLoadMiB: 1\n");
        fx.exec(fx.flowDb, "TRUNCATE source_place");
        Fixture.Run split = fx.run("--group", "seed");
        assertEquals(0, split.exitCode(), split.all());
        assertEquals(n, fx.count(fx.flowDb, "source_place"));
        Matcher copies = Pattern.compile("source_place 120,000 rows \\(split load: (\\d+) COPYs side by side\\)")
                .matcher(split.out());
        assertTrue(copies.find(), split.out());
        assertTrue(Integer.parseInt(copies.group(1)) >= 2, split.out());
        assertEquals(copies.group(1), fx.query(fx.flowDb, "SELECT count(DISTINCT xmin::text) FROM source_place"),
                "each reported COPY committed its own transaction");

        // Into a table that is not empty, the same file goes in one transaction, and the output says why.
        Fixture.Run again = fx.run("--step", "pg:source:load");
        assertEquals(0, again.exitCode(), again.all());
        assertTrue(again.out().contains("source_place: loaded by one COPY, not split: the table is not empty"), again.out());
        assertEquals("1", fx.query(fx.flowDb, "SELECT count(DISTINCT xmin::text) FROM source_place"));
    }

    @Test
    void aSplitLoadWithOnlyOneConnectionSaysWhyItUsesOneCopy() throws Exception {
        Files.writeString(fx.dir.resolve("data/places.csv"), manyPlaces(60_000, false));
        Path pipeline = fx.dir.resolve("pipeline.yaml");
        Files.writeString(pipeline, Files.readString(pipeline) + "settings:\n  splitLoadMiB: 1\n  loadParallelism: 1\n");
        Fixture.Run r = fx.run("--group", "configure", "--group", "seed");
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(r.out().contains("source_place: loaded by one COPY, not split: settings.loadParallelism is 1"), r.out());
        assertEquals("1", fx.query(fx.flowDb, "SELECT count(DISTINCT xmin::text) FROM source_place"));
    }

    @Test
    void bigFileIntoEmptyTableIsLoadedBySeveralCopiesWithTheSameRows() throws Exception {
        int n = 120_000;
        Files.writeString(fx.dir.resolve("data/places.csv"), manyPlaces(n, false));
        Fixture.Run r = loadSplit();
        assertEquals(0, r.exitCode(), r.all());
        // About 5 blocks of 1 MiB for 2 COPYs: the first two blocks go one to each, so both always get records.
        assertTrue(r.out().contains("source_place 120,000 rows (split load: 2 COPYs side by side)"), r.out());
        assertEquals(n, fx.count(fx.flowDb, "source_place"));
        assertEquals(String.valueOf(n * (n + 1L) / 2), fx.query(fx.flowDb, "SELECT sum(id) FROM source_place"));
        assertEquals("Place 9, \"quoted\"\nsecond line", fx.query(fx.flowDb, "SELECT label FROM source_place WHERE id = 9"));
        assertEquals("Place 10|MN|park", fx.query(fx.flowDb, "SELECT label || '|' || region || '|' || kind FROM source_place WHERE id = 10"));
        assertEquals("2", fx.query(fx.flowDb, "SELECT count(DISTINCT xmin::text) FROM source_place"),
                "the two reported COPYs committed one transaction each");
    }

    /** The row counts of the progress lines matching {@code regex} (its group 1 is the count). */
    private static java.util.List<Long> progressRows(String out, String regex) {
        java.util.List<Long> counts = new java.util.ArrayList<>();
        Matcher m = Pattern.compile("\r\033\\[K" + regex).matcher(out);
        while (m.find()) {
            counts.add(Long.parseLong(m.group(1).replace(",", "")));
        }
        return counts;
    }

    /** Asks for progress lines with {@code n} places to load; the caller runs the steps. */
    private void placesWithProgress(int n) throws Exception {
        Files.writeString(fx.dir.resolve("data/places.csv"), manyPlaces(n, false));
        fx.env.put("DATAFLOW_PROGRESS", "always");
    }

    /** The load's progress lines show rows so far and rows/s, never more than every record (3 regions + n places). */
    private static void assertLoadProgress(Fixture.Run r, int n) {
        assertEquals(0, r.exitCode(), r.all());
        java.util.List<Long> load = progressRows(r.out(),
                "loading 2 tables: ([\\d,]+) rows \\([\\d,]+ rows/s\\), [\\d.]+ of [\\d.]+ MiB");
        assertFalse(load.isEmpty(), r.out());
        assertTrue(load.stream().allMatch(c -> c >= 0 && c <= n + 3), load.toString());
    }

    @Test
    void progressLinesShowRowsSoFarAndRowsPerSecondWhenAsked() throws Exception {
        int n = 120_000;
        placesWithProgress(n);
        Fixture.Run r = seedAndPublish();
        // Loading: one COPY per file here (under the split size); records are counted outside quotes, header left out.
        assertLoadProgress(r, n);
        // Publishing: the binary COPY pipe counts rows as they go through, and shows the first chunk at once.
        java.util.List<Long> copy = progressRows(r.out(), "  place: ([\\d,]+) rows \\([\\d,]+ rows/s\\), [\\d.]+ MiB");
        assertFalse(copy.isEmpty(), r.out());
        assertTrue(copy.stream().allMatch(c -> c > 0 && c <= n), copy.toString());
        assertTrue(r.out().contains("\r\033[K  region: 3 rows ("), "a small table's only chunk: its exact rows\n" + r.out());

        fx.env.put("DATAFLOW_PROGRESS", "never");
        Fixture.Run quiet = seedAndPublish();
        assertEquals(0, quiet.exitCode(), quiet.all());
        assertFalse(quiet.out().contains("\033[K"), "no progress, and no terminal codes, in a log");
    }

    @Test
    void splitLoadCountsTheRecordsOfItsBlocksForProgress() throws Exception {
        int n = 120_000;
        placesWithProgress(n);
        assertLoadProgress(loadSplit(), n);
    }

    @Test
    void failedSplitLoadReportsTheLineAsOneCopyDoesAndLeavesTableEmpty() throws Exception {
        int n = 120_000;
        Files.writeString(fx.dir.resolve("data/places.csv"), manyPlaces(n, true));
        Fixture.Run r = loadSplit();
        assertEquals(1, r.exitCode(), r.all());
        // PostgreSQL counts records (the header, then one per record); the message gives the file's own line, where
        // every third place has a line feed inside quotes.
        long record = 1 + n + 1;
        long line = record + n / 3;
        assertTrue(r.all().contains("data/places.csv:" + line + " (CSV record " + record + "): source_place: duplicate key value violates unique "
                + "constraint \"source_place_pkey\""), r.out());
        assertEquals(0, fx.count(fx.flowDb, "source_place"), "nothing of the table stays loaded");
        assertTrue(r.all().contains("source_place: a split COPY failed (ERROR: duplicate key value"), r.out());
        assertTrue(r.all().contains("is loaded again by one COPY in one transaction"), r.out());
    }

    @Test
    void headerMismatchIsReportedBeforeAnyCopy() throws Exception {
        assertEquals(0, seedAndPublish().exitCode());
        Files.writeString(fx.dir.resolve("data/places.csv"), "geom,id,region,label,colour\n");
        Fixture.Run r = fx.run("--step", "pg:source:load");
        assertEquals(1, r.exitCode(), r.all());
        assertTrue(r.all().contains("data/places.csv:1: the header does not match the columns of source_place in pipeline.yaml; missing: kind; not configured: colour"), r.out());
        assertEquals(3, fx.count(fx.flowDb, "source_region"), "the other table was not touched either");
    }

    @Test
    void populateFailingHalfWayLeavesTargetUnchanged() throws Exception {
        assertEquals(0, seedAndPublish().exitCode());
        String regionsBefore = fx.query(fx.targetDb, "SELECT string_agg(id || name, ',' ORDER BY id) FROM region");
        String placesBefore = fx.query(fx.targetDb, "SELECT string_agg(id || label || ST_AsText(geom), ',' ORDER BY id) FROM place");
        // The target gains a trigger (not part of the replicated definition), so the second table's COPY fails
        // after the first went in. A swap refuses tables with triggers; this publish falls back to truncate-and-copy.
        truncateWhenNotSwappable();
        fx.exec(fx.targetDb, """
                CREATE FUNCTION no_forbidden() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF NEW.label = 'Forbidden' THEN RAISE EXCEPTION 'place_label_check: label is Forbidden'; END IF;
                RETURN NEW; END $$;
                CREATE TRIGGER place_no_forbidden BEFORE INSERT ON place FOR EACH ROW EXECUTE FUNCTION no_forbidden();
                """);
        Files.writeString(fx.dir.resolve("data/regions.csv"), "name,code\nManhattan,MN\nBronx,BX\nBrooklyn,BK\nQueens,QN\n");
        Files.writeString(fx.dir.resolve("data/places.csv"), "geom,id,region,kind,label\nPOINT(-73.9 40.8),9,BX,park,Forbidden\n"
                + "POINT(-73.96 40.78),1,MN,park,Central Park\nPOINT(-73.84 40.72),3,QN,,Queens Library\n");
        Fixture.Run r = seedAndPublish();
        assertEquals(1, r.exitCode(), r.all());
        assertTrue(r.all().contains("region 4 rows"), "the first table was copied before the failure: " + r.out());
        assertTrue(r.all().contains("copying place into the target failed"), r.out());
        assertTrue(r.all().contains("place_label_check"), r.out());
        assertEquals(regionsBefore, fx.query(fx.targetDb, "SELECT string_agg(id || name, ',' ORDER BY id) FROM region"));
        assertEquals(placesBefore, fx.query(fx.targetDb, "SELECT string_agg(id || label || ST_AsText(geom), ',' ORDER BY id) FROM place"));
    }

    @Test
    void aTargetTriggerThatLosesRowsFailsTheRowCountCheck() throws Exception {
        assertEquals(0, seedAndPublish().exitCode());
        truncateWhenNotSwappable();
        fx.exec(fx.targetDb, """
                CREATE FUNCTION drop_queens() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN DELETE FROM place WHERE region_id = 'QN'; RETURN NULL; END $$;
                CREATE TRIGGER place_drop_queens AFTER INSERT ON place FOR EACH STATEMENT EXECUTE FUNCTION drop_queens();
                """);
        Fixture.Run r = fx.run("--step", "pg:target:populate");
        assertEquals(1, r.exitCode(), r.all());
        assertTrue(r.all().contains("row count check failed for place: model has 3 rows, target would have 2"), r.out());
        assertEquals(3, fx.count(fx.targetDb, "place"), "rolled back");
    }

    @Test
    void populateWaitsForAnotherPopulateInsteadOfInterleaving() throws Exception {
        assertEquals(0, seedAndPublish().exitCode());
        fx.exec(fx.flowDb, "DELETE FROM place WHERE id = 3");
        try (Connection other = fx.pg.connect(fx.targetDb); Statement s = other.createStatement()) {
            // Another populate is in its transaction: it holds the lock.
            other.setAutoCommit(false);
            s.execute("SELECT pg_advisory_xact_lock(hashtext('" + PopulateStep.LOCK_KEY + "'))");
            CompletableFuture<Fixture.Run> second = CompletableFuture.supplyAsync(() -> fx.run("--step", "pg:target:populate"));
            // The server shows the second populate queued on the advisory lock: it waits, it has not given up.
            Poll.until("the second populate waits for the advisory lock", () -> {
                if (second.isDone()) {
                    throw new AssertionError("the second populate did not wait: " + second.join().all());
                }
                return "1".equals(fx.query(fx.targetDb,
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"));
            });
            assertFalse(second.isDone(), "the second populate must wait for the lock");
            assertEquals(3, fx.count(fx.targetDb, "place"), "and must not have truncated anything yet");
            other.commit();
            Fixture.Run r = second.get(60, TimeUnit.SECONDS);
            assertEquals(0, r.exitCode(), r.all());
            assertTrue(r.out().contains("another populate is running on the target; waiting"), r.out());
        }
        assertEquals(2, fx.count(fx.targetDb, "place"));
    }

    @Test
    void twoRunsAtOnceOnOneFlowDatabaseNeverInterleave() throws Exception {
        assertEquals(0, seedAndPublish().exitCode());
        CompletableFuture<Fixture.Run> a = CompletableFuture.supplyAsync(() -> fx.run("flow"));
        CompletableFuture<Fixture.Run> b = CompletableFuture.supplyAsync(() -> fx.run("flow"));
        Fixture.Run ra = a.get(120, TimeUnit.SECONDS);
        Fixture.Run rb = b.get(120, TimeUnit.SECONDS);
        // Either the second started after the first finished, or it was refused up front with a clear message.
        for (Fixture.Run r : new Fixture.Run[]{ra, rb}) {
            assertTrue(r.exitCode() == 0 || r.all().contains("another data-flow run is using this flow database"), r.all());
        }
        assertTrue(ra.exitCode() == 0 || rb.exitCode() == 0, ra.all() + rb.all());
        assertEquals(3, fx.count(fx.targetDb, "region"));
        assertEquals(3, fx.count(fx.targetDb, "place"));
    }

    @Test
    void aSecondRunIsRefusedWhileTheFirstHoldsTheFlowDatabase() throws Exception {
        assertEquals(0, seedAndPublish().exitCode());
        try (Connection other = fx.pg.connect(fx.flowDb); Statement s = other.createStatement()) {
            s.execute("SELECT pg_advisory_lock(hashtext('data-flow:run'))");
            Fixture.Run r = fx.run("--group", "seed");
            assertEquals(1, r.exitCode(), r.all());
            assertTrue(r.all().contains("another data-flow run is using this flow database"), r.all());
        }
    }

    @Test
    void cascadeOutsideThePublishSetIsRefused() throws Exception {
        assertEquals(0, seedAndPublish().exitCode());
        fx.exec(fx.targetDb, "CREATE TABLE region_note (id serial PRIMARY KEY, region_id char(2) REFERENCES region (id));"
                + "INSERT INTO region_note (region_id) VALUES ('MN')");
        Fixture.Run r = fx.run("--step", "pg:target:populate", "--domain", "regions");
        assertEquals(1, r.exitCode(), r.all());
        assertTrue(r.all().contains("refusing to publish: truncating region, place would also empty public.region_note"), r.out());
        assertEquals(1, fx.count(fx.targetDb, "region_note"));
        assertEquals(3, fx.count(fx.targetDb, "place"));
        // Publishing only the child domain touches nothing the note references.
        assertEquals(0, fx.run("--step", "pg:target:populate", "--domain", "places").exitCode());
    }

    @Test
    void aMissingTargetTableIsNamedAndNothingIsPublished() throws Exception {
        assertEquals(0, seedAndPublish().exitCode());
        fx.exec(fx.targetDb, "DROP TABLE place");
        Fixture.Run r = fx.run("--step", "pg:target:populate");
        assertEquals(1, r.exitCode(), r.all());
        assertTrue(r.all().contains("target table place does not exist in the target database"), r.out());
        assertEquals(3, fx.count(fx.targetDb, "region"), "region is untouched");
    }

    @Test
    void modelTablesAreReplicatedFromTheTargetAndDriftIsRefused() throws Exception {
        Fixture.Run r = seedAndPublish();
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(r.out().contains("2 model tables: region, place"), r.out());
        assertEquals("place_geom_idx", fx.query(fx.flowDb, "SELECT indexname FROM pg_indexes WHERE tablename = 'place' AND indexdef LIKE '%gist%'"));
        fx.exec(fx.targetDb, "ALTER TABLE place ALTER COLUMN label TYPE varchar(200)");
        Fixture.Run again = fx.run("--step", "pg:target:populate");
        assertEquals(1, again.exitCode(), again.all());
        assertTrue(again.all().contains("refusing to publish"), again.out());
        assertTrue(again.all().contains("place changed"), again.out());
        assertEquals(3, fx.count(fx.targetDb, "place"), "the target is untouched");
    }

    @Test
    void failingTemplateStopsTheRunWithFileLineAndSqlState() throws Exception {
        Files.writeString(fx.dir.resolve("sql/transform/places.sql"), """
                TRUNCATE place;
                -- a typo on line 4 of this file
                INSERT INTO place (id, region_id, kind, label, geom)
                SELECT id, region, kind::place_kind, labell, ST_Transform(geom, 2263)
                FROM source_place;
                """);
        Fixture.Run r = seedAndPublish();
        assertEquals(1, r.exitCode(), r.all());
        assertTrue(r.err().contains("error: step pg:model:transform, domain places: sql/transform/places.sql:4: ERROR: column \"labell\" does not exist"), r.err());
        assertTrue(r.err().contains("[SQLSTATE 42703]"), r.err());
        assertTrue(r.out().contains("[6/6] pg:target:populate SKIPPED"), r.out());
        assertEquals(0, fx.count(fx.targetDb, "place"), "nothing was published");
    }
}
