package dev.dataflow.nyc;

import dev.dataflow.cli.Cli;
import dev.dataflow.testbed.Fixture;
import dev.dataflow.testbed.PostGis;
import dev.dataflow.testbed.PostGisExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The repository's NYC pipeline end to end on the bundled samples, checked table by table. */
@ExtendWith(PostGisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NycFlowIT {
    /** The tables of the domains this pipeline has: 21 of today's API's 34 (budget requests and facilities aside). */
    static final String[] TABLES = {"agency", "managing_code", "borough", "city_council_district", "community_district",
            "land_use", "tax_lot", "zoning_district", "zoning_district_class", "zoning_district_zoning_district_class",
            "capital_project", "capital_project_fund", "capital_commitment_type", "capital_project_checkbook",
            "agency_budget", "budget_line", "capital_commitment", "capital_commitment_fund",
            "neighborhood_tabulation_area", "census_tract", "data_source", "facility_domain", "facility_group",
            "facility_subgroup", "facility_type", "facility_operator", "facility",
            "cbbr_policy_area", "cbbr_need_group", "cbbr_need", "cbbr_request", "cbbr_agency_category_response",
            "cbbr_option_cascade", "community_board_budget_request"};

    PostGis pg;
    String flow;
    String api;
    Map<String, String> env = new HashMap<>();
    String firstRun;

    @BeforeAll
    void setUp(PostGis pg, @TempDir Path tmp) throws Exception {
        this.pg = pg;
        flow = pg.createPlainDatabase("nyc_flow");
        api = pg.createDatabase("nyc_api");
        exec(api, Files.readString(Path.of("examples/zoning-api/schema.sql")));
        env.put("FLOW_DATABASE_URL", "postgresql://postgres@" + pg.host() + ":" + pg.port() + "/" + flow);
        env.put("TARGET_DATABASE_URL", "postgresql://postgres@" + pg.host() + ":" + pg.port() + "/" + api);
        env.put("DATAFLOW_DOWNLOAD_DIR", tmp.resolve("download").toString());
        env.put("DATAFLOW_CONVERT_DIR", tmp.resolve("convert").toString());
        // The objects as minio:download leaves them (its own tests cover the S3 path).
        Fixture.copyTree(Path.of("examples/sample"), tmp.resolve("download"));
    }

    String run(int expectedExit, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out), new PrintWriter(err), env);
        String all = out + err.toString();
        assertEquals(expectedExit, code, all);
        // The report a run of the repository's pipeline leaves follows the committed schema.
        if (java.nio.file.Files.exists(Path.of("target/run-report.json"))) {
            dev.dataflow.testbed.ReportSchema.assertValid(Path.of("target/run-report.json"));
        }
        return all;
    }

    void exec(String db, String sql) throws Exception {
        try (Connection c = pg.connect(db); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    String q(String sql) throws Exception {
        try (Connection c = pg.connect(api); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            StringBuilder sb = new StringBuilder();
            while (rs.next()) {
                sb.append(sb.length() > 0 ? "\n" : "").append(rs.getString(1));
            }
            return sb.toString();
        }
    }

    @Test
    @Order(1)
    void wholeFlowFillsEveryApiTable() throws Exception {
        firstRun = run(0, "--step", "shp:convert", "--group", "configure", "--group", "seed", "--group", "populate",
                "--domain", "all");
        for (String t : TABLES) {
            assertTrue(Long.parseLong(q("SELECT count(*) FROM " + t)) > 0, t + " is empty\n" + firstRun);
        }
    }

    @Test
    @Order(2)
    void withTodaysApiStepZeroPullsNoEnumsAndStepFourHasNothingToPush(@TempDir Path tmp) throws Exception {
        assertTrue(firstRun.contains("pg:flow:push OK"), firstRun);
        assertTrue(firstRun.contains("nothing to push: drizzle/migrations/schema.ts declares no enum types"), firstRun);
        // drizzle:api:pull against the 34-table API, on a copy of the pipeline so the repository's file is not touched
        Path pipeline = tmp.resolve("pipeline.yaml");
        Files.createSymbolicLink(tmp.resolve("data"), Path.of("data").toAbsolutePath());
        Files.writeString(pipeline, Files.readString(Path.of("pipeline.yaml"))
                .replace("  sqlDir: sql\n", "  sqlDir: " + Path.of("sql").toAbsolutePath() + "\n"));
        String out = run(0, "--step", "drizzle:api:pull", "--pipeline", pipeline.toString());
        assertTrue(out.contains("no enum types, written to drizzle/migrations/schema.ts"), out);
        String pulled = Files.readString(tmp.resolve("drizzle/migrations/schema.ts"));
        assertEquals(Files.readString(Path.of("drizzle/migrations/schema.ts")), pulled);
        assertTrue(pulled.contains("import { pgEnum } from \"drizzle-orm/pg-core\";\n"), pulled);
    }

    @Test
    @Order(2)
    void factsPerTable() throws Exception {
        // tax lots join their borough by abbreviation, not by the BBL's first digit
        assertEquals("0", q("SELECT count(*) FROM tax_lot t JOIN borough b ON b.id = t.borough_id "
                + "WHERE b.abbr <> (SELECT abbr FROM borough WHERE id = t.borough_id)"));
        assertEquals("0", q("SELECT count(*) FROM tax_lot WHERE length(bbl) <> 10"));
        // excluded zoning labels are absent
        assertEquals("0", q("SELECT count(*) FROM zoning_district WHERE label IN ('PARK', 'BALL FIELD', 'PUBLIC PLACE', 'PLAYGROUND', 'BPC', '')"));
        // M1-4/R7A yields classes M1 and R7
        assertEquals("M1,R7", q("SELECT string_agg(zoning_district_class_id, ',' ORDER BY zoning_district_class_id) "
                + "FROM zoning_district_zoning_district_class l JOIN zoning_district z ON z.id = l.zoning_district_id "
                + "WHERE z.label = 'M1-4/R7A' GROUP BY z.id LIMIT 1"));
        // label points lie inside their polygons
        assertEquals("0", q("SELECT count(*) FROM city_council_district WHERE NOT ST_Intersects(mercator_label, mercator_fill)"));
        assertEquals("0", q("SELECT count(*) FROM community_district WHERE NOT ST_Intersects(mercator_label, mercator_fill)"));
        // SRIDs and types
        assertEquals("2263", q("SELECT DISTINCT ST_SRID(li_ft) FROM tax_lot"));
        assertEquals("3857", q("SELECT DISTINCT ST_SRID(mercator_fill) FROM community_district"));
        assertEquals("4326", q("SELECT DISTINCT ST_SRID(wgs84::geometry) FROM zoning_district"));
        assertEquals("ST_MultiPolygon", q("SELECT DISTINCT ST_GeometryType(li_ft) FROM city_council_district"));
        // fund rows unpivot: one row per stage and category (28 per project after the fix), 8 per commitment
        assertEquals("28", q("SELECT DISTINCT count(*) FROM capital_project_fund GROUP BY managing_code, capital_project_id"));
        assertEquals("8", q("SELECT DISTINCT count(*) FROM capital_commitment_fund GROUP BY capital_commitment_id"));
        // MM/YY dates: 00-69 -> 20xx, 70-99 -> 19xx, first of the month
        assertEquals("0", q("SELECT count(*) FROM capital_commitment WHERE extract(day FROM planned_date) <> 1"));
        assertTrue(Integer.parseInt(q("SELECT min(extract(year FROM planned_date))::int FROM capital_commitment")) >= 1970);
        assertTrue(Integer.parseInt(q("SELECT max(extract(year FROM planned_date))::int FROM capital_commitment")) <= 2069);
        // today's categories: the Oxford comma as CPDB and the API spell it, and Lump Sum survives
        assertEquals("Fixed Asset|ITT, Vehicles, and Equipment|Lump Sum",
                q("SELECT string_agg(DISTINCT category, '|' ORDER BY category) FROM capital_project"));
        // managing agencies and sponsors recoded: 801 -> SBS, QBPL -> QPL, DOITT -> OTI, HRA/DSS -> HRA
        assertEquals("OTI,SBS,QPL", q("SELECT string_agg(managing_agency, ',' ORDER BY managing_code DESC) FROM capital_project "
                + "WHERE id IN ('SB-NY0042', 'LQ-FR0007', 'IT-RAD0001')"));
        assertEquals("HRA", q("SELECT sponsor FROM agency_budget WHERE code = 'HR'"));
        // agencies: the lookup, its blank names filled, OCA and OTH added; codes without 04A, with 859
        assertEquals("NYC Rent Guidelines Board", q("SELECT name FROM agency WHERE initials = 'NYCRGB'"));
        assertEquals("County", q("SELECT oversight_level FROM agency WHERE initials = 'BXDA'"));
        assertEquals("OCA,OTH", q("SELECT string_agg(initials, ',' ORDER BY initials) FROM agency WHERE initials IN ('OCA', 'OTH')"));
        assertEquals("859", q("SELECT string_agg(id, ',') FROM managing_code WHERE id IN ('859', '04A')"));
        // boroughs from the boundary file: five, abbreviations, label points inside
        assertEquals("BK,BX,MN,QN,SI", q("SELECT string_agg(abbr, ',' ORDER BY abbr) FROM borough"));
        assertEquals("0", q("SELECT count(*) FROM borough WHERE NOT ST_Intersects(mercator_label, mercator_fill)"));
        // both vintages of areas and tracts, every tract in its borough
        assertEquals("2010,2020", q("SELECT string_agg(DISTINCT year::text, ',') FROM neighborhood_tabulation_area"));
        assertEquals("2010,2020", q("SELECT string_agg(DISTINCT year::text, ',') FROM census_tract"));
        assertEquals("0", q("SELECT count(*) FROM census_tract t JOIN borough b ON b.id = t.borough_id "
                + "WHERE NOT ST_Intersects(t.li_ft, b.li_ft)"));
        assertEquals("1", q("SELECT count(*) FROM data_source WHERE url IS NULL"));
    }

    @Test
    @Order(3)
    void committedSchemaTsIsWhatPullingTheExampleApiSchemaGives() throws Exception {
        try (Connection c = pg.connect(api)) {
            String pulled = dev.dataflow.schema.DrizzleEnums.render(dev.dataflow.schema.DrizzleEnums.readFromCatalog(c, "public"));
            assertEquals(Files.readString(Path.of("drizzle/migrations/schema.ts")), pulled);
        }
    }

    @Test
    @Order(3)
    void plutoRebuildsBoroughsInTheFlowButPublishesOnlyPluto() throws Exception {
        exec(api, "UPDATE borough SET title = 'changed' WHERE id = '1'");
        String out = run(0, "--group", "seed", "--group", "populate", "--domain", "pluto");
        assertTrue(out.contains("pg:target:populate pluto ..."), out);
        assertEquals("changed", q("SELECT title FROM borough WHERE id = '1'"), "borough is not published by pluto");
        String plan = run(0, "plan", "--domain", "pluto");
        assertTrue(plan.contains("boroughs - parent of pluto"), plan);
    }

    @Test
    @Order(3)
    void explainShowsWhatThePopulateTruncatesAndWhatItReaches() throws Exception {
        String pluto = run(0, "plan", "--explain", "--domain", "pluto");
        assertTrue(pluto.contains("truncate + reload tax_lot [pluto, selected]; references borough (kept, not published), land_use"), pluto);
        assertTrue(pluto.contains("no table outside the publish set references it"), pluto);
        String boroughs = run(0, "plan", "--explain", "--domain", "boroughs");
        assertTrue(boroughs.contains("truncate + reload community_district [community-districts, child of boroughs]; references borough"), boroughs);
        // census_tract references borough: publishing boroughs reloads it (the original emptied it and left it empty)
        assertTrue(boroughs.contains("truncate + reload census_tract [census-tracts, child of boroughs]; references borough"), boroughs);
        assertTrue(boroughs.contains("Target tables truncated and reloaded by a populate: borough, community_district, "
                + "land_use, tax_lot, zoning_district, zoning_district_class, zoning_district_zoning_district_class, census_tract"), boroughs);
        exec(api, "CREATE TABLE borough_note (borough_id char(1) REFERENCES borough (id))");
        try {
            String blocked = run(0, "plan", "--explain", "--domain", "boroughs");
            assertTrue(blocked.contains("BLOCKED: these tables outside the publish set reference it, and a truncate would empty them: "), blocked);
            assertTrue(blocked.contains("borough_note -> borough (borough_note_borough_id_fkey)"), blocked);
        } finally {
            exec(api, "DROP TABLE borough_note");
        }
    }

    @Test
    @Order(4)
    void boroughsRepublishesItsDescendantsInOneTransaction() throws Exception {
        String out = run(0, "--group", "seed", "--group", "populate", "--domain", "boroughs");
        assertTrue(out.contains("pg:target:populate boroughs, community-districts, pluto, census-tracts, community-board-budget-requests ..."), out);
        assertTrue(Long.parseLong(q("SELECT count(*) FROM census_tract")) > 0, "census_tract is reloaded with boroughs");
        assertEquals("Manhattan", q("SELECT title FROM borough WHERE id = '1'"));
        assertTrue(out.contains("tables published in one transaction"), out);
    }

    @Test
    @Order(4)
    void rowsOfADomainThisPipelineLacksBlockAPublishThatWouldEmptyThem() throws Exception {
        // A table no domain of this pipeline owns (the budget-request tables were one until their domain came) does
        // not stop agencies from being published while it is empty; with a row, the truncate would lose it, so the
        // publish is refused and nothing changes.
        exec(api, "CREATE TABLE agency_note (initials text REFERENCES agency (initials));"
                + "INSERT INTO agency_note VALUES ('DPR')");
        try {
            // seed too: the boroughs run before this one rebuilt agencies' model tables (an ancestor of the budget
            // requests), which dropped capital-planning's from the flow database
            String out = run(1, "--group", "seed", "--group", "populate", "--domain", "agencies");
            assertTrue(out.contains("would also empty public.agency_note (they reference published tables"), out);
            assertEquals("1", q("SELECT count(*) FROM agency_note"));
        } finally {
            exec(api, "DROP TABLE agency_note");
        }
    }

    @Test
    @Order(4)
    void publishingADomainWhoseChildWasNotBuiltNamesTheChildAndWhatToRun() throws Exception {
        // Rebuilding boroughs rebuilds agencies too (an ancestor of the budget requests), which drops the model
        // tables of agencies' other children, such as capital-planning's, from the flow database. Publishing
        // agencies alone then has no capital_project to publish with it.
        run(0, "--group", "seed", "--domain", "boroughs");
        String before = q("SELECT count(*) FROM capital_project");
        String out = run(1, "--step", "pg:target:populate", "--domain", "agencies");
        assertTrue(out.contains("capital_project"), out);
        assertTrue(out.contains("capital-planning"), out);
        assertTrue(out.contains("--group seed"), out);
        assertEquals(before, q("SELECT count(*) FROM capital_project"));
    }

    @Test
    @Order(5)
    void runningTwiceGivesTheSameContent() throws Exception {
        String before = snapshot();
        run(0, "--group", "seed", "--group", "populate", "--domain", "all");
        assertEquals(before, snapshot());
    }

    @Test
    @Order(6)
    void rebuildingEveryTablesIndexesGivesBackTheSameDefinitionsAndRows(@TempDir Path tmp) throws Exception {
        String definitions = """
                SELECT string_agg(d, E'\\n' ORDER BY d) FROM (
                  SELECT pg_get_indexdef(indexrelid) AS d FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
                  JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = 'public'
                  UNION ALL
                  SELECT conrelid::regclass || '.' || conname || ': ' || pg_get_constraintdef(k.oid) || ' ' || convalidated
                  FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace WHERE n.nspname = 'public') q""";
        String before = q(definitions);
        String rows = snapshot();
        // The repository's pipeline with every table counted as big.
        Path pipeline = tmp.resolve("pipeline.yaml");
        for (String dir : new String[]{"data", "drizzle"}) {
            Files.createSymbolicLink(tmp.resolve(dir), Path.of(dir).toAbsolutePath());
        }
        Files.writeString(pipeline, Files.readString(Path.of("pipeline.yaml"))
                .replace("  sqlDir: sql\n", "  sqlDir: " + Path.of("sql").toAbsolutePath() + "\n  rebuildIndexesMiB: 0\n"
                        + "  publishMode: truncate\n"));
        String out = run(0, "--step", "pg:target:populate", "--domain", "all", "--pipeline", pipeline.toString());
        assertTrue(out.contains("  tax_lot rebuilt 1 constraint, 2 foreign keys "), out);
        assertTrue(out.contains("  capital_commitment rebuilt 1 constraint, 3 foreign keys "), out);
        assertTrue(out.contains("  capital_project rebuilt 4 indexes, 1 constraint, 2 foreign keys "), out);
        assertEquals(before, q(definitions));
        assertEquals(rows, snapshot());
        // pluto alone: tax_lot's key to borough, outside the publish set, stays; its key to land_use goes and comes back.
        out = run(0, "--step", "pg:target:populate", "--domain", "pluto", "--pipeline", pipeline.toString());
        assertTrue(out.contains("  tax_lot rebuilt 1 constraint, 1 foreign key "), out);
        assertEquals(before, q(definitions));
        // The repository's own pipeline (nothing this small is rebuilt) finds no drift afterwards.
        out = run(0, "--step", "pg:target:populate", "--domain", "all");
        assertTrue(!out.contains(" rebuilt "), out);
        assertEquals(rows, snapshot());
    }

    /** Every table's rows without the fresh UUID columns, as md5 of the sorted text. */
    String snapshot() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (String[] t : new String[][]{{"borough", "id, title, abbr"}, {"tax_lot", "bbl, borough_id, block, lot, address, land_use_id, ST_AsEWKB(li_ft)"},
                {"zoning_district", "label, ST_AsEWKB(li_ft)"}, {"capital_project", "managing_code, id, category, ST_AsEWKB(li_ft_m_poly), ST_AsEWKB(mercator_label)"},
                {"capital_project_fund", "managing_code, capital_project_id, capital_fund_category, stage, value"},
                {"capital_commitment", "type, planned_date, managing_code, capital_project_id, budget_line_code, budget_line_id"},
                {"capital_commitment_fund", "capital_fund_category, value"}, {"community_district", "borough_id, id, ST_AsEWKB(mercator_label)"},
                {"agency", "initials, name, oversight_level"}, {"managing_code", "id"},
                {"neighborhood_tabulation_area", "name, year, code, ST_AsEWKB(li_ft)"},
                {"census_tract", "borough_id, label, year, ST_AsEWKB(mercator_fill)"},
                {"data_source", "schema_name, version, retrieve_date, url"}}) {
            sb.append(t[0]).append('=').append(q("SELECT md5(string_agg(x, '|' ORDER BY x)) FROM (SELECT (" + t[1].replace(", ", ")::text || ','  || (") + ")::text AS x FROM " + t[0] + ") s")).append('\n');
        }
        return sb.toString();
    }
}
