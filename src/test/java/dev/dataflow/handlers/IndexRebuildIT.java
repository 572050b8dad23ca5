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

/** Populate setting big tables' indexes and foreign keys aside and rebuilding them, on the mini fixture. */
@ExtendWith(PostGisExtension.class)
class IndexRebuildIT {
    /** Every index and constraint of the API tables, with its definition and comment. */
    private static final String DEFINITIONS = """
            SELECT string_agg(d, E'\\n' ORDER BY d) FROM (
              SELECT 'index ' || x.relname || ': ' || pg_get_indexdef(x.oid) || ' ' || coalesce(obj_description(x.oid, 'pg_class'), '') AS d
              FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
              WHERE t.relname IN ('region', 'place')
              UNION ALL
              SELECT 'constraint ' || conrelid::regclass || '.' || conname || ': ' || pg_get_constraintdef(oid)
                     || ' ' || convalidated
              FROM pg_constraint WHERE conrelid IN ('region'::regclass, 'place'::regclass)) q""";

    private Fixture fx;

    @BeforeEach
    void setUp(PostGis pg, @TempDir Path tmp) throws Exception {
        fx = new Fixture("mini", tmp, pg);
    }

    /** Every published table counts as big, in the truncate-and-copy publish, the one that sets indexes aside. */
    private void rebuildEveryTable() throws Exception {
        Path p = fx.dir.resolve("pipeline.yaml");
        String s = Files.readString(p);
        Files.writeString(p, s.replace("name: mini\n", "name: mini\nsettings:\n  rebuildIndexesMiB: 0\n"
                + "  publishMode: truncate\n"));
    }

    @Test
    void indexesAndForeignKeysComeBackExactlyAsTheyWere() throws Exception {
        rebuildEveryTable();
        String before = fx.query(fx.targetDb, DEFINITIONS);
        assertTrue(before.contains("place_region_fk: FOREIGN KEY (region_id) REFERENCES region(id)"), before);
        assertTrue(before.contains("USING gist (geom)"), before);
        Fixture.Run r = fx.run("flow", "--verbose");
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(r.out().contains("  place rebuilt 1 index, 1 constraint, 1 foreign key "), r.out());
        assertTrue(r.out().contains("  region rebuilt 1 constraint "), r.out());
        assertTrue(r.out().matches("(?s).*time: .*copy [0-9.]+s, rebuild [0-9.]+s.*"), r.out());
        assertEquals(before, fx.query(fx.targetDb, DEFINITIONS));
        assertEquals("BK,MN,QN", fx.query(fx.targetDb, "SELECT string_agg(id, ',' ORDER BY id) FROM region"));
        assertEquals(3, fx.count(fx.targetDb, "place"));
        // The rebuilt definitions are the ones pg:model:create recorded: the next populate's drift check passes.
        Fixture.Run again = fx.run("--step", "pg:target:populate");
        assertEquals(0, again.exitCode(), again.all());
        assertEquals(before, fx.query(fx.targetDb, DEFINITIONS));
    }

    @Test
    void aRowARebuiltConstraintRejectsFailsTheStepAndTheApiIsAsItWas() throws Exception {
        assertEquals(0, fx.run("flow").exitCode());
        rebuildEveryTable();
        String before = fx.query(fx.targetDb, DEFINITIONS);
        String places = fx.query(fx.targetDb, "SELECT string_agg(id || label || ST_AsText(geom), ',' ORDER BY id) FROM place");
        // A model row the target's primary key rejects; the flow's own copy of the key is gone, as after a careless edit.
        fx.exec(fx.flowDb, "ALTER TABLE place DROP CONSTRAINT place_pkey;"
                + "INSERT INTO place SELECT id, region_id, kind, 'Twin', geom FROM place WHERE id = 1");
        Fixture.Run r = fx.run("--step", "pg:target:populate");
        assertEquals(1, r.exitCode(), r.all());
        assertTrue(r.out().contains("place 4 rows"), "the copy itself went through: " + r.out());
        assertTrue(r.all().contains("rebuilding constraint place_pkey of place after the copy failed"), r.out());
        assertTrue(r.all().contains("Key (id)=(1) is duplicated"), r.out());
        assertEquals(places, fx.query(fx.targetDb, "SELECT string_agg(id || label || ST_AsText(geom), ',' ORDER BY id) FROM place"));
        assertEquals(before, fx.query(fx.targetDb, DEFINITIONS), "every drop was rolled back");
    }

    @Test
    void aForeignKeyARebuiltTableBreaksFailsTheStep() throws Exception {
        assertEquals(0, fx.run("flow").exitCode());
        rebuildEveryTable();
        // The model loses a region that a place still refers to; quality checks do not look at region.
        fx.exec(fx.flowDb, "ALTER TABLE place DROP CONSTRAINT place_region_fk; DELETE FROM region WHERE id = 'QN'");
        Path p = fx.dir.resolve("pipeline.yaml");
        Files.writeString(p, Files.readString(p).replace(
                "      - {check: relationships, table: place, column: region_id, to: region, field: id}\n", ""));
        Fixture.Run r = fx.run("--step", "pg:target:populate");
        assertEquals(1, r.exitCode(), r.all());
        assertTrue(r.all().contains("rebuilding foreign key place_region_fk of place after the copy failed"), r.out());
        assertTrue(r.all().contains("is not present in table \"region\""), r.out());
        assertEquals(3, fx.count(fx.targetDb, "region"));
    }

    @Test
    void aTableWhoseIndexWouldNotComeBackAsItWasKeepsItsIndexes() throws Exception {
        rebuildEveryTable();
        fx.exec(fx.targetDb, "COMMENT ON INDEX place_geom_idx IS 'tiles read this'");
        String before = fx.query(fx.targetDb, DEFINITIONS);
        Fixture.Run r = fx.run("flow");
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(r.out().contains("place keeps its indexes during the copy: an index of it is clustered, a replica "
                + "identity, invalid, commented"), r.out());
        assertFalse(r.out().contains("place rebuilt 1 index"), r.out());
        // region's key is still rebuilt; place's foreign key to it goes and comes back with it.
        assertTrue(r.out().contains("region rebuilt 1 constraint"), r.out());
        assertTrue(r.out().matches("(?s).*\n  place rebuilt 1 foreign key [0-9.]+s\n.*"), r.out());
        assertEquals(before, fx.query(fx.targetDb, DEFINITIONS));
        assertEquals("tiles read this", fx.query(fx.targetDb, "SELECT obj_description('place_geom_idx'::regclass, 'pg_class')"));
    }

    @Test
    void anApiUserWhoDoesNotOwnTheTablesPublishesWithTheirIndexesInPlace() throws Exception {
        rebuildEveryTable();
        // Roles are the cluster's, shared by every test database: the name is this test's own.
        String role = "writer_" + fx.targetDb;
        fx.exec(fx.targetDb, "CREATE ROLE " + role + " LOGIN; GRANT SELECT, INSERT, TRUNCATE ON region, place TO " + role);
        String before = fx.query(fx.targetDb, DEFINITIONS);
        fx.env.put("TARGET_URL", fx.env.get("TARGET_URL").replace("postgres@", role + "@"));
        Fixture.Run r = fx.run("flow");
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(r.out().contains("region keeps its indexes during the copy: the API database user does not own it"), r.out());
        assertTrue(r.out().contains("place keeps its indexes during the copy: the API database user does not own it"), r.out());
        assertFalse(r.out().contains(" rebuilt "), r.out());
        assertEquals(before, fx.query(fx.targetDb, DEFINITIONS));
        assertEquals(3, fx.count(fx.targetDb, "place"));
    }

    @Test
    void smallTablesKeepTheirIndexesByDefault() throws Exception {
        Fixture.Run r = fx.run("flow", "--verbose");
        assertEquals(0, r.exitCode(), r.all());
        assertFalse(r.out().contains("rebuilt"), r.out());
        assertEquals(3, fx.count(fx.targetDb, "place"));
    }
}
