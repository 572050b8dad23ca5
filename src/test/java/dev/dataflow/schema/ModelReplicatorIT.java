package dev.dataflow.schema;

import dev.dataflow.DataflowException;
import dev.dataflow.testbed.PostGis;
import dev.dataflow.testbed.PostGisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(PostGisExtension.class)
class ModelReplicatorIT {
    private static final String ODD = "Odd \"Name\"";
    private static final List<String> ALL = List.of(ODD, "parcel", "region");

    private static Connection target(PostGis pg) throws Exception {
        Connection c = pg.connect(pg.createDatabase("model_target"));
        Scripts.run(c, "schema/features-target.sql");
        return c;
    }

    private static ReplicationResult replicate(Connection target, Connection flow, List<String> tables) {
        return ModelReplicator.replicate(target, flow, "public", tables, Set.of("source_region"));
    }

    private static String scalar(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void theFlowDefinitionOfEveryTableMatchesTheTargets(PostGis pg) throws Exception {
        try (Connection target = target(pg); Connection flow = pg.connect(pg.createDatabase("model_flow"))) {
            ReplicationResult r = replicate(target, flow, ALL);
            assertEquals(List.of(ODD, "region", "parcel"), r.tables(), "parents first, given order otherwise");
            assertEquals(List.of("public.positive_amount", "public.small_amount"), r.domains());
            assertEquals(1, r.enums().typesCreated());
            for (String table : ALL) {
                assertEquals(ModelReplicator.describe(target, "public", table),
                        ModelReplicator.describe(flow, "public", table), table);
            }
            TableDescription parcel = ModelReplicator.describe(flow, "public", "parcel");
            assertEquals("gen_random_uuid()", parcel.columns().get(0).defaultSql());
            assertEquals("public.status[]", parcel.columns().get(4).type());
            assertEquals("BY DEFAULT", parcel.columns().get(8).identity());
            assertEquals("\"C\"", parcel.columns().get(9).collation().replace("pg_catalog.", ""));
            TableDescription region = ModelReplicator.describe(flow, "public", "region");
            assertEquals("public.geography(MultiPolygon,4326)", region.columns().get(3).type());
            assertTrue(region.indexes().stream().anyMatch(x -> x.definition().contains("USING gist (footprint)")));
            // PostgreSQL truncated the 77-character name to 63 bytes on the target; the clone has the same name.
            String longName = "parcel_lies_in_a_region_that_exists_which_makes_a_very_long_constraint_name";
            assertTrue(parcel.constraints().stream().anyMatch(k -> k.name().equals(longName.substring(0, 63))),
                    parcel.constraints().toString());
            assertEquals(DrizzleEnums.readFromCatalog(target, "public"), DrizzleEnums.readFromCatalog(flow, "public"));

            // The clone behaves like the target: defaults, identity and generated column fill in.
            Scripts.execute(flow, "INSERT INTO region (code, part, name) VALUES ('BK', 1, 'Brooklyn');"
                    + "INSERT INTO parcel (region_code, region_part, label, tags) VALUES ('BK', 1, 'x', '{new}')");
            assertEquals("new 1 X 36", scalar(flow, "SELECT status || ' ' || seq || ' ' || label_upper || ' ' "
                    + "|| length(id::text) FROM parcel"));
            // Sequences behind serial and nextval() defaults come along, with their parameters and ownership.
            Scripts.execute(flow, "INSERT INTO \"Odd \"\"Name\"\"\" (\"Col, 1\") VALUES ('a'), ('b')");
            assertEquals("2 105 42", scalar(flow, "SELECT max(counter) || ' ' || max(ticket) || ' ' || min(\"select\") "
                    + "FROM \"Odd \"\"Name\"\"\""));
            assertEquals("public.\"Odd \"\"Name\"\"_counter_seq\"",
                    scalar(flow, "SELECT pg_get_serial_sequence('public.\"Odd \"\"Name\"\"\"', 'counter')"));
        }
    }

    @Test
    void rerunningReplacesThePreviousModelTablesAndStaleOnesThatReferenceThem(PostGis pg) throws Exception {
        try (Connection target = target(pg); Connection flow = pg.connect(pg.createDatabase("model_rerun"))) {
            replicate(target, flow, ALL);
            Scripts.execute(flow, "INSERT INTO region (code, part, name) VALUES ('BK', 1, 'Brooklyn')");
            ReplicationResult again = replicate(target, flow, ALL);
            assertTrue(again.enums().unchanged());
            assertEquals("0", scalar(flow, "SELECT count(*) FROM region"), "tables were recreated empty");

            // parcel was a model table of the earlier run and references region: it goes too, with its fingerprint.
            ReplicationResult regionOnly = replicate(target, flow, List.of("region"));
            assertEquals(List.of("public.parcel"), regionOnly.staleDropped());
            assertEquals(null, scalar(flow, "SELECT to_regclass('public.parcel')"));
            assertEquals("0", scalar(flow, "SELECT count(*) FROM dataflow.model_fingerprint WHERE table_name = 'parcel'"));

            // A table this tool did not create must not lose its foreign key silently.
            Scripts.execute(flow, "CREATE TABLE keep_me (c char(2), p integer, FOREIGN KEY (c, p) REFERENCES region)");
            DataflowException e = assertThrows(DataflowException.class, () -> replicate(target, flow, List.of("region")));
            assertTrue(e.getMessage().contains("flow tables [public.keep_me] reference model tables"), e.getMessage());
            assertEquals("1", scalar(flow, "SELECT count(*) FROM pg_constraint WHERE conrelid = 'keep_me'::regclass"));
        }
    }

    @Test
    void theTableSetMustBeClosedUnderForeignKeys(PostGis pg) throws Exception {
        try (Connection target = target(pg); Connection flow = pg.connect(pg.createDatabase("model_open"))) {
            DataflowException e = assertThrows(DataflowException.class, () -> replicate(target, flow, List.of("parcel")));
            assertEquals("the model tables are not closed under foreign keys; they reference tables outside the set: "
                    + "public.parcel -> public.region (parcel_lies_in_a_region_that_exists_which_makes_a_very_long_con)",
                    e.getMessage());
            assertEquals(null, scalar(flow, "SELECT to_regclass('public.parcel')"));
        }
    }

    @Test
    void modelTablesMayNotCollideWithSourceOrPostgisTables(PostGis pg) throws Exception {
        try (Connection target = target(pg); Connection flow = pg.connect(pg.createDatabase("model_collide"))) {
            Scripts.execute(target, "CREATE TABLE source_region (x int)");
            DataflowException source = assertThrows(DataflowException.class,
                    () -> replicate(target, flow, List.of("source_region")));
            assertTrue(source.getMessage().startsWith("model tables [source_region] have the names of source tables"));

            DataflowException postgis = assertThrows(DataflowException.class,
                    () -> replicate(target, flow, List.of("spatial_ref_sys")));
            assertEquals("public.spatial_ref_sys belongs to extension postgis and cannot be a model table",
                    postgis.getMessage());

            DataflowException view = assertThrows(DataflowException.class,
                    () -> replicate(target, flow, List.of("geometry_columns")));
            assertTrue(view.getMessage().contains("geometry_columns belongs to extension postgis"), view.getMessage());

            Scripts.execute(flow, "CREATE VIEW region AS SELECT 1 AS x");
            DataflowException flowView = assertThrows(DataflowException.class,
                    () -> replicate(target, flow, List.of("region")));
            assertTrue(flowView.getMessage().contains("public.region in the flow database is not a plain table"),
                    flowView.getMessage());

            DataflowException missing = assertThrows(DataflowException.class,
                    () -> replicate(target, flow, List.of("region", "nope")));
            assertEquals("tables missing in the target database (schema public): nope", missing.getMessage());
        }
    }

    @Test
    void aFlowDatabaseWithoutPostgisIsToldWhatIsMissing(PostGis pg) throws Exception {
        try (Connection target = target(pg); Connection flow = pg.connect(pg.createPlainDatabase("model_plain"))) {
            DataflowException e = assertThrows(DataflowException.class, () -> replicate(target, flow, List.of("region")));
            assertEquals("types the model tables need are missing in the flow database: public.geography (extension "
                    + "postgis), public.geometry (extension postgis)", e.getMessage());
        }
    }

    @Test
    void describingSeveralTablesAtOnceGivesWhatEachGivesAlone(PostGis pg) throws Exception {
        try (Connection target = target(pg)) {
            Map<String, Long> oids = new LinkedHashMap<>();
            CatalogReader.relations(target, "public", ALL).forEach((t, r) -> oids.put(t, r.oid()));
            Map<String, List<String>> together = Sql.withQualifiedNames(target,
                    c -> TableDependencies.definitionLines(c, CatalogReader.describe(c, "public", oids), oids));
            assertEquals(Set.copyOf(ALL), together.keySet());
            for (String table : ALL) {
                Map<String, Long> one = Map.of(table, oids.get(table));
                List<String> alone = Sql.withQualifiedNames(target,
                        c -> TableDependencies.definitionLines(c, CatalogReader.describe(c, "public", one), one))
                        .get(table);
                assertEquals(alone, together.get(table), table);
                assertEquals(ModelReplicator.describe(target, "public", table).lines(),
                        alone.subList(0, ModelReplicator.describe(target, "public", table).lines().size()), table);
            }
            // parcel's enum and domains are part of parcel's lines only, each once.
            assertEquals(1, together.get("parcel").stream().filter(l -> l.startsWith("CREATE TYPE")).count());
            assertTrue(together.get("parcel").stream().anyMatch(l -> l.startsWith("CREATE DOMAIN")));
            assertTrue(together.get("region").stream().noneMatch(l -> l.startsWith("CREATE ")), together.get("region").toString());
        }
    }

    @Test
    void theDriftCheckRefusesAChangedTargetTable(PostGis pg) throws Exception {
        try (Connection target = target(pg); Connection flow = pg.connect(pg.createDatabase("model_drift"))) {
            replicate(target, flow, ALL);
            ModelReplicator.verifyNoDrift(target, flow, "public", ALL);

            Scripts.execute(target, "ALTER TABLE parcel ALTER COLUMN ratio TYPE numeric(6, 3)");
            DataflowException e = assertThrows(DataflowException.class,
                    () -> ModelReplicator.verifyNoDrift(target, flow, "public", ALL));
            assertEquals("the target schema differs from the one the model tables were created from; refusing to "
                    + "publish. public.parcel changed: - column 8 \"ratio\" numeric(5,3); + column 8 \"ratio\" "
                    + "numeric(6,3)", e.getMessage());

            Scripts.execute(target, "ALTER TABLE parcel ALTER COLUMN ratio TYPE numeric(5, 3); "
                    + "DROP INDEX region_area_gist");
            e = assertThrows(DataflowException.class, () -> ModelReplicator.verifyNoDrift(target, flow, "public", ALL));
            assertTrue(e.getMessage().endsWith("public.region changed: - index CREATE INDEX region_area_gist ON "
                    + "public.region USING gist (area)"), e.getMessage());
            assertFalse(e.getMessage().contains("parcel"), "restoring the column type removes that drift");

            // Types are part of a table's definition: a new enum value on the API is a change too.
            Scripts.execute(target, "CREATE INDEX region_area_gist ON region USING gist (area);"
                    + "ALTER TYPE status ADD VALUE 'archived'");
            e = assertThrows(DataflowException.class, () -> ModelReplicator.verifyNoDrift(target, flow, "public", ALL));
            assertTrue(e.getMessage().endsWith("public.parcel changed: - CREATE TYPE \"public\".\"status\" AS ENUM "
                    + "('new', 'it''s, \"done\"', E'back\\\\slash'); + CREATE TYPE \"public\".\"status\" AS ENUM "
                    + "('new', 'it''s, \"done\"', E'back\\\\slash', 'archived')"), e.getMessage());

            e = assertThrows(DataflowException.class, () -> ModelReplicator.verifyNoDrift(target, flow, "public",
                    List.of("spatial_ref_sys")));
            assertTrue(e.getMessage().endsWith("public.spatial_ref_sys: no fingerprint recorded in the flow database"));
        }
    }

    @Test
    void foreignKeyOrderAndReferencingTablesForThePopulateStep(PostGis pg) throws Exception {
        try (Connection target = target(pg)) {
            assertEquals(List.of("region", "parcel"),
                    ModelReplicator.foreignKeyOrder(target, "public", List.of("parcel", "region")));
            assertEquals(List.of("public.parcel"),
                    ModelReplicator.referencingTablesOutside(target, "public", List.of("region")));
            assertEquals(List.of(), ModelReplicator.referencingTablesOutside(target, "public", List.of("region", "parcel")));
        }
    }
}
