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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A shapefile this run also loads goes from the converter straight into its COPY, in one transaction, no CSV. */
@ExtendWith(PostGisExtension.class)
class StreamedShapefileLoadIT {
    private static final Path BOROUGHS =
            Path.of("examples/sample/edm-publishing/datasets/dcp_borough_boundary/production/dcp_borough_boundary.zip");
    private Fixture fx;
    private Path csv;

    @BeforeEach
    void setUp(PostGis pg, @TempDir Path tmp) throws Exception {
        fx = new Fixture("shpstream", tmp, pg);
        Files.copy(BOROUGHS, fx.dir.resolve("data/boroughs.zip"));
        csv = fx.dir.resolve("data/convert/boroughs.csv");
    }

    @Test
    void convertAndLoadInOneRunStreamWithoutACsv() throws Exception {
        Fixture.Run r = fx.run("flow");
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(r.out().contains("boroughs.zip -> converted by pg:source:load straight into its COPY (no CSV)"), r.out());
        assertFalse(Files.exists(csv), "no CSV on disk");
        assertEquals(5, fx.count(fx.flowDb, "source_borough"));
        assertEquals("1", fx.query(fx.flowDb, "SELECT count(DISTINCT xmin::text) FROM source_borough"),
                "one transaction for the file");
        assertEquals("2263", fx.query(fx.flowDb, "SELECT DISTINCT ST_SRID(wkt) FROM source_borough"));

        // Converted on its own, the CSV is written, and a later load reads it: the same rows.
        String before = fx.query(fx.flowDb, "SELECT string_agg(md5(s::text), ',' ORDER BY borocode) FROM source_borough s");
        assertEquals(0, fx.run("--step", "shp:convert").exitCode());
        assertTrue(Files.exists(csv));
        Fixture.Run load = fx.run("--step", "pg:source:load");
        assertEquals(0, load.exitCode(), load.all());
        assertEquals(before, fx.query(fx.flowDb, "SELECT string_agg(md5(s::text), ',' ORDER BY borocode) FROM source_borough s"));
    }

    @Test
    void aRejectedRowNamesTheShapefileAndLeavesTheTableAsItWas() throws Exception {
        assertEquals(0, fx.run("flow").exitCode());
        fx.exec(fx.flowDb, "ALTER TABLE source_borough ADD CONSTRAINT no_queens CHECK (borocode <> '4') NOT VALID");
        Fixture.Run r = fx.run("flow");
        assertEquals(1, r.exitCode(), r.all());
        assertTrue(r.all().contains("data/boroughs.zip (converted on the fly, no CSV on disk):CSV record "), r.all());
        assertTrue(r.all().contains("violates check constraint \"no_queens\""), r.all());
        assertEquals(5, fx.count(fx.flowDb, "source_borough"), "the failed load rolled back whole");
    }

    @Test
    void aDamagedShapefileFailsTheLoadNamingIt() throws Exception {
        assertEquals(0, fx.run("flow").exitCode());
        byte[] zip = Files.readAllBytes(fx.dir.resolve("data/boroughs.zip"));
        Files.write(fx.dir.resolve("data/boroughs.zip"), java.util.Arrays.copyOf(zip, zip.length / 2));
        Fixture.Run r = fx.run("flow");
        assertEquals(1, r.exitCode(), r.all());
        assertTrue(r.all().contains("boroughs.zip"), r.all());
        assertEquals(5, fx.count(fx.flowDb, "source_borough"), "nothing of the damaged file was kept");
    }

    @Test
    void aRunThatFailsAfterAStreamedLoadResumesFromTheFailedStepNotFromTheLoad() throws Exception {
        // A CSV left by a convert on its own: the next flow converts into the COPY and removes it. Fingerprinted by
        // its content at plan time, the load would look changed by the time of the resume.
        assertEquals(0, fx.run("--step", "shp:convert").exitCode());
        assertTrue(Files.exists(csv));
        Files.writeString(fx.dir.resolve("pipeline.yaml"), Files.readString(fx.dir.resolve("pipeline.yaml")).replace(
                "domains:", """
                  - id: pg:source:check
                    kind: sql
                    group: seed
                    needs: [pg:source:load]
                    sql: check.sql
                domains:"""));
        Files.writeString(fx.dir.resolve("sql/check.sql"), "SELECT 1 / 0;\n");
        Fixture.Run failed = fx.run("flow");
        assertEquals(1, failed.exitCode(), failed.all());
        assertTrue(failed.all().contains("failed at pg:source:check"), failed.all());
        assertFalse(Files.exists(csv), "the load streamed the shapefile");

        Files.writeString(fx.dir.resolve("sql/check.sql"), "SELECT 1;\n");
        Fixture.Run resumed = fx.run("resume");
        assertEquals(0, resumed.exitCode(), resumed.all());
        assertTrue(resumed.out().contains("from pg:source:check (it failed in run"), resumed.out());
        assertFalse(resumed.out().contains("pg:source:load"), "the load is not repeated: " + resumed.out());
    }
}
