package dev.dataflow.schema;

import dev.dataflow.DataflowException;
import dev.dataflow.testbed.PostGis;
import dev.dataflow.testbed.PostGisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The NYC API schema of domains.md 3.2, replicated table by table into a flow database. */
@ExtendWith(PostGisExtension.class)
class NycModelReplicationIT {
    /** domains.md 1.4: the load order of `all`, which is a valid foreign-key order. */
    static final List<String> ALL = List.of("borough", "city_council_district", "community_district", "land_use",
            "tax_lot", "zoning_district", "zoning_district_class", "zoning_district_zoning_district_class",
            "managing_code", "agency", "capital_project", "capital_project_fund", "capital_commitment_type",
            "capital_project_checkbook", "agency_budget", "budget_line", "capital_commitment", "capital_commitment_fund");

    private static final Set<String> SOURCES = Set.of("source_borough", "source_pluto", "source_land_use");

    private static Connection nycTarget(PostGis pg) throws Exception {
        Connection c = pg.connect(pg.createDatabase("nyc_target"));
        Scripts.execute(c, java.nio.file.Files.readString(java.nio.file.Path.of("examples/zoning-api/schema.sql")));
        return c;
    }

    @Test
    void all18TablesAreReplicatedWithEqualDefinitions(PostGis pg) throws Exception {
        try (Connection target = nycTarget(pg); Connection flow = pg.connect(pg.createDatabase("nyc_flow"))) {
            // As in the flow: enums pushed from schema.ts first (step 4), then the model tables (step 7).
            EnumPusher.push(flow, DrizzleEnums.parse("schema.ts",
                    DrizzleEnums.render(DrizzleEnums.readFromCatalog(target, "public")), "public"));
            ReplicationResult r = ModelReplicator.replicate(target, flow, "public", ALL, SOURCES);
            assertEquals(ALL, r.tables(), "the documented load order is already a valid one and is kept");
            assertTrue(r.enums().unchanged(), "the enums were pushed before");
            assertEquals(18, r.fingerprints().size());
            for (String table : ALL) {
                assertEquals(ModelReplicator.describe(target, "public", table),
                        ModelReplicator.describe(flow, "public", table), table);
            }
            TableDescription cd = ModelReplicator.describe(flow, "public", "community_district");
            assertEquals(List.of("borough_id", "id", "mercator_fill", "mercator_label", "li_ft"),
                    cd.columns().stream().map(TableDescription.Column::name).toList());
            // Long (over 63 characters) constraint names are covered by ModelReplicatorIT.
            ModelReplicator.verifyNoDrift(target, flow, "public", ALL);
            assertEquals(ALL, ModelReplicator.foreignKeyOrder(target, "public", ALL));
        }
    }

    @Test
    void domainBuildsCloneTheirTablesPlusBoroughAndRefuseWithoutIt(PostGis pg) throws Exception {
        List<String> admin = List.of("borough", "city_council_district", "community_district");
        List<String> pluto = List.of("borough", "land_use", "tax_lot", "zoning_district", "zoning_district_class",
                "zoning_district_zoning_district_class");
        try (Connection target = nycTarget(pg); Connection flow = pg.connect(pg.createDatabase("nyc_domains"))) {
            DataflowException open = assertThrows(DataflowException.class, () -> ModelReplicator.replicate(target,
                    flow, "public", admin.subList(1, 3), SOURCES));
            assertTrue(open.getMessage().endsWith("public.community_district -> public.borough "
                    + "(community_district_borough_id_borough_id_fk)"), open.getMessage());

            ModelReplicator.replicate(target, flow, "public", admin, SOURCES);
            // pluto recreates borough, which admin's community_district references: that stale clone is dropped.
            ReplicationResult p = ModelReplicator.replicate(target, flow, "public", pluto, SOURCES);
            assertEquals(List.of("public.community_district"), p.staleDropped());

            assertEquals(List.of("public.community_district", "public.tax_lot"),
                    ModelReplicator.referencingTablesOutside(target, "public", List.of("borough")));
            assertEquals(List.of(), ModelReplicator.referencingTablesOutside(target, "public", pluto.subList(1, 6)));
        }
    }
}
