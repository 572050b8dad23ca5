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

/** Today's NYC API schema (domains-2026.md 2.3, 34 tables, no enums), replicated table by table into a flow database. */
@ExtendWith(PostGisExtension.class)
class NycModelReplicationIT {
    /** domains-2026.md 1.4: the load order of `all`, which is a valid foreign-key order. */
    static final List<String> ALL = List.of("borough", "managing_code", "agency", "city_council_district",
            "community_district", "land_use", "tax_lot", "zoning_district", "zoning_district_class",
            "zoning_district_zoning_district_class", "cbbr_policy_area", "cbbr_need_group", "cbbr_need", "cbbr_request",
            "cbbr_option_cascade", "cbbr_agency_category_response", "community_board_budget_request", "capital_project",
            "capital_project_fund", "capital_commitment_type", "capital_project_checkbook", "agency_budget",
            "budget_line", "capital_commitment", "capital_commitment_fund", "census_tract",
            "neighborhood_tabulation_area", "data_source", "facility_operator", "facility_domain", "facility_group",
            "facility_subgroup", "facility_type", "facility");

    private static final Set<String> SOURCES = Set.of("source_borough", "source_pluto", "source_land_use");

    private static Connection nycTarget(PostGis pg) throws Exception {
        Connection c = pg.connect(pg.createDatabase("nyc_target"));
        Scripts.execute(c, java.nio.file.Files.readString(java.nio.file.Path.of("examples/zoning-api/schema.sql")));
        return c;
    }

    @Test
    void all34TablesAreReplicatedWithEqualDefinitions(PostGis pg) throws Exception {
        try (Connection target = nycTarget(pg); Connection flow = pg.connect(pg.createDatabase("nyc_flow"))) {
            // Today's API has no enum types: step 4 has nothing to push, and step 7 needs none.
            assertEquals(List.of(), DrizzleEnums.readFromCatalog(target, "public"));
            ReplicationResult r = ModelReplicator.replicate(target, flow, "public", ALL, SOURCES);
            assertEquals(ALL, r.tables(), "the documented load order is already a valid one and is kept");
            assertTrue(r.enums().unchanged(), "no enum type to create");
            assertEquals(34, r.fingerprints().size());
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

            assertEquals(List.of("public.census_tract", "public.community_district", "public.tax_lot"),
                    ModelReplicator.referencingTablesOutside(target, "public", List.of("borough")));
            assertEquals(List.of(), ModelReplicator.referencingTablesOutside(target, "public", pluto.subList(1, 6)));
        }
    }
}
