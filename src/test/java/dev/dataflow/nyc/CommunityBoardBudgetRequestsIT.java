package dev.dataflow.nyc;

import dev.dataflow.DataflowException;
import dev.dataflow.cli.Cli;
import dev.dataflow.db.SqlExecutor;
import dev.dataflow.template.TemplateRenderer;
import dev.dataflow.testbed.PostGis;
import dev.dataflow.testbed.PostGisExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The community-board-budget-requests transform (sql/transform/community-board-budget-requests.sql) on crafted source
 * rows, one test per rule of spec domains-2026.md 4.4 and per quirk of 5.3 that the domain fixes. The model tables are
 * the API schema itself (examples/zoning-api/schema.sql), with the parent rows (boroughs, community districts,
 * agencies, managing codes) inserted directly, and the SQL runs through the runner's own renderer and executor, so
 * NOTICEs and errors are what a run prints.
 */
@ExtendWith(PostGisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommunityBoardBudgetRequestsIT {
    static final String DOMAIN = "community-board-budget-requests";
    static final String DPR = "Department of Parks and Recreation (DPR)";

    PostGis pg;
    String db;
    final TemplateRenderer renderer = new TemplateRenderer(Path.of("sql"), "sql");

    @BeforeAll
    void setUp(PostGis pg) throws Exception {
        this.pg = pg;
        db = pg.createDatabase("cbbr");
        exec(Files.readString(Path.of("examples/zoning-api/schema.sql")));
        exec("""
                INSERT INTO borough (id, title, abbr) VALUES ('1', 'Manhattan', 'MN'), ('2', 'Bronx', 'BX'),
                    ('3', 'Brooklyn', 'BK'), ('4', 'Queens', 'QN'), ('5', 'Staten Island', 'SI');
                -- District 01 and 02 exist in Manhattan and Brooklyn; 05 only in Manhattan.
                INSERT INTO community_district (borough_id, id) VALUES ('1', '01'), ('1', '02'), ('1', '05'),
                    ('3', '01'), ('3', '02');
                INSERT INTO agency (initials, name) VALUES ('DPR', 'Parks'), ('DOT', 'Transportation'),
                    ('DOI', 'Investigation'), ('DOF', 'Finance'), ('OTI', 'Technology and Innovation'),
                    ('OEM', 'Emergency Management'), ('QPL', 'Queens Public Library'), ('CCHR', 'Human Rights'),
                    ('BEBS', 'Elections'), ('DCWP', 'Consumer and Worker Protection'), ('SCA', 'School Construction'),
                    ('FDNY', 'Fire'), ('OTH', 'Other');
                INSERT INTO managing_code (id) VALUES ('846'), ('841'), ('032'), ('836'), ('858'), ('017'), ('039'),
                    ('226'), ('003'), ('866'), ('044'), ('057');
                """);
        try (Connection c = pg.connect(db)) {
            c.setAutoCommit(false);
            SqlExecutor.execute(c, renderer.render("source/" + DOMAIN + ".sql", Map.of()), "pg:source:create");
            c.commit();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Crafted inputs

    /** The source rows of one test: the option lists and the export, as SQL. */
    static final class Inputs {
        final List<String> noDuplicates = new ArrayList<>(List.of(
                "(1, 'Parks', 1, 'Parks and Open Space', NULL, NULL, 'Park access', 'Reconstruct a park')",
                "(2, 'Transportation', 2, 'Streets', NULL, NULL, 'Street repair', 'Reconstruct streets')",
                "(NULL, NULL, NULL, NULL, NULL, NULL, 'Other needs', 'Other request')"));
        final List<String> cascade = new ArrayList<>(List.of(
                "('Parks', 'Parks and Open Space', '" + DPR + "', 'Capital', 'Park access', 'Reconstruct a park')",
                "('Transportation', 'Streets', 'Department of Transportation (DOT)', 'Capital', 'Street repair', "
                        + "'Reconstruct streets')"));
        final List<Map<String, String>> requests = new ArrayList<>();

        /** A valid Capital request of DPR in Manhattan 01; overrides are column → SQL expression. */
        Inputs request(String trackingCode, String... overrides) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("unique_id", lit("U-" + trackingCode));
            row.put("tracking_code", lit(trackingCode));
            row.put("borough", "'Manhattan'");
            row.put("borough_code", "'1'");
            row.put("cd", "'01'");
            row.put("commdist", "'101'");
            row.put("type_br", "'C'");
            row.put("type", "'Capital'");
            row.put("priority", "1");
            row.put("policy_area", "'Parks'");
            row.put("need_group", "'Parks and Open Space'");
            row.put("need", "'Park access'");
            row.put("title", "'A title'");
            row.put("request", "'Reconstruct a park'");
            row.put("location_specific", "'No'");
            row.put("agency_acronym", "'DPR'");
            row.put("agency", "'846'");
            row.put("agency_category_response", "'Request funded'");
            row.put("agency_response", "'Funded.'");
            for (int i = 0; i < overrides.length; i += 2) {
                row.put(overrides[i], overrides[i + 1]);
            }
            requests.add(row);
            return this;
        }

        String sql() {
            StringBuilder s = new StringBuilder("TRUNCATE source_cbbr_options_no_duplicates, source_cbbr_option, "
                    + "source_cbbr_export;\n");
            s.append("INSERT INTO source_cbbr_options_no_duplicates VALUES ")
                    .append(String.join(", ", noDuplicates)).append(";\n");
            s.append("INSERT INTO source_cbbr_option VALUES ").append(String.join(", ", cascade)).append(";\n");
            for (Map<String, String> r : requests) {
                s.append("INSERT INTO source_cbbr_export (").append(String.join(", ", r.keySet()))
                        .append(") VALUES (").append(String.join(", ", r.values())).append(");\n");
            }
            return s.toString();
        }
    }

    static String lit(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** A geometry drawn in EPSG:2263 feet, as the export holds it: EPSG:4326. */
    static String geom(String wkt2263) {
        return "ST_Transform(ST_GeomFromText(" + lit(wkt2263) + ", 2263), 4326)";
    }

    /** Loads the inputs and runs the transform in one transaction, as pg:model:transform does; returns its NOTICEs. */
    List<String> transform(Inputs inputs) throws SQLException {
        List<String> notices = new ArrayList<>();
        try (Connection c = pg.connect(db)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute(inputs.sql());
            }
            try {
                SqlExecutor.execute(c, renderer.render("transform/" + DOMAIN + ".sql", Map.of()),
                        "step pg:model:transform, domain " + DOMAIN, notices::add);
                c.commit();
            } catch (RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        return notices;
    }

    String failure(Inputs inputs) {
        DataflowException e = assertThrows(DataflowException.class, () -> transform(inputs));
        return e.getMessage();
    }

    void exec(String sql) throws SQLException {
        try (Connection c = pg.connect(db); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The first column of every row, joined by newlines; NULL as "null". */
    String q(String sql) throws SQLException {
        try (Connection c = pg.connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            StringBuilder sb = new StringBuilder();
            while (rs.next()) {
                sb.append(sb.length() > 0 ? "\n" : "").append(rs.getString(1));
            }
            return sb.toString();
        }
    }

    String request(String column, String trackingCode) throws SQLException {
        return q("SELECT " + column + " FROM community_board_budget_request WHERE id = " + lit(trackingCode));
    }

    static String joined(List<String> notices) {
        return String.join("\n", notices);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Step 1-4: the option tables

    @Test
    void policyAreasKeepTheFilesIdsAndARepeatedOneIsKeptOnceWithANotice() throws Exception {
        Inputs in = new Inputs().request("101202601C");
        in.noDuplicates.add("(1, 'Parks', NULL, NULL, NULL, NULL, NULL, NULL)");
        List<String> notices = transform(in);
        assertEquals("1 Parks\n2 Transportation", q("SELECT id || ' ' || description FROM cbbr_policy_area ORDER BY id"));
        assertTrue(joined(notices).contains("option list: policy area 'Parks' kept once: listed 2 times"), joined(notices));
    }

    @Test
    void aPolicyAreaIdWithTwoTextsStopsTheRunNamingBoth() {
        Inputs in = new Inputs().request("101202601C");
        in.noDuplicates.add("(1, 'Parks and Recreation', NULL, NULL, NULL, NULL, NULL, NULL)");
        String m = failure(in);
        assertTrue(m.contains("one id with several texts: policy area id 1: 'Parks and Recreation' and 'Parks'"), m);
    }

    @Test
    void needGroupsAreDistinctPairsWithTheFilesIds() throws Exception {
        Inputs in = new Inputs().request("101202601C");
        in.noDuplicates.add("(NULL, NULL, 2, 'Streets', NULL, NULL, NULL, NULL)");
        transform(in);
        assertEquals("1 Parks and Open Space\n2 Streets", q("SELECT id || ' ' || description FROM cbbr_need_group ORDER BY id"));
    }

    @Test
    void needsLoseTrailingSpacesAndNeedsDifferingOnlyInCaseAreOne() throws Exception {
        Inputs in = new Inputs().request("101202601C", "need", "'PARK ACCESS'");
        in.noDuplicates.add("(NULL, NULL, NULL, NULL, NULL, NULL, 'Street repair  ', NULL)");
        in.noDuplicates.add("(NULL, NULL, NULL, NULL, NULL, NULL, 'park access', NULL)");
        List<String> notices = transform(in);
        // 'Park access' and 'park access' are listed once each: a tie, which byte order breaks for 'Park access'.
        assertEquals("Other needs|Park access|Street repair",
                q("SELECT string_agg(description, '|' ORDER BY id) FROM cbbr_need"));
        assertTrue(joined(notices).contains("option list: need 'Park access' kept once: listed 2 times, also written 'park access'"),
                joined(notices));
        assertTrue(joined(notices).contains("option list: need 'Street repair' kept once: listed 2 times, also written 'Street repair  '"),
                joined(notices));
        // the request of the upper-case need fans out to no second row
        assertEquals("1", q("SELECT count(*) FROM community_board_budget_request"));
    }

    @Test
    void requestsAreDistinctTexts() throws Exception {
        Inputs in = new Inputs().request("101202601C");
        in.noDuplicates.add("(NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'Reconstruct a park')");
        transform(in);
        assertEquals("Other request|Reconstruct a park|Reconstruct streets",
                q("SELECT string_agg(description, '|' ORDER BY id) FROM cbbr_request"));
    }

    // Stable ids ----------------------------------------------------------------------------------------------------

    @Test
    void theSameInputsLoadedTwiceInAnyRowOrderGiveTheSameIds() throws Exception {
        String ids = """
                SELECT string_agg(x, '; ') FROM (
                  (SELECT 'need ' || id || ' ' || description AS x FROM cbbr_need ORDER BY id)
                  UNION ALL (SELECT 'request ' || id || ' ' || description FROM cbbr_request ORDER BY id)
                  UNION ALL (SELECT 'response ' || id || ' ' || description FROM cbbr_agency_category_response ORDER BY id)
                  UNION ALL (SELECT 'cbbr ' || id || ' ' || need_id || ' ' || coalesce(request_id::text, '-') || ' '
                             || agency_category_response_id FROM community_board_budget_request ORDER BY id)) q""";
        Inputs in = new Inputs()
                .request("101202601C", "agency_category_response", "'Request funded'")
                .request("101202602C", "need", "'Street repair'", "request", "'Reconstruct streets'",
                        "policy_area", "'Transportation'", "need_group", "'Streets'", "agency_acronym", "'DOT'",
                        "agency", "'841'", "agency_category_response", "'Agency supports but cannot accommodate'");
        transform(in);
        String first = q(ids);
        transform(in);
        assertEquals(first, q(ids), "a reload of unchanged inputs");

        // The same rows inserted in the opposite order (the table's physical order is not the order of the ids).
        java.util.Collections.reverse(in.noDuplicates);
        java.util.Collections.reverse(in.cascade);
        java.util.Collections.reverse(in.requests);
        transform(in);
        assertEquals(first, q(ids), "rows loaded in another order");
        // numbered in byte order of the text
        assertEquals("need 1 Other needs; need 2 Park access; need 3 Street repair; request 1 Other request; "
                + "request 2 Reconstruct a park; request 3 Reconstruct streets; "
                + "response 1 Agency supports but cannot accommodate; response 2 Request funded; "
                + "cbbr 101202601C 2 2 2; cbbr 101202602C 3 3 1", first);
    }

    // Step 5-6: the option cascade ----------------------------------------------------------------------------------

    @Test
    void cascadeAgencyNamesBecomeInitialsIncludingTheFiveSpecialNamesAndAMixedCaseAcronym() throws Exception {
        Inputs in = new Inputs().request("101202601C");
        in.cascade.clear();
        for (String agency : new String[]{"Other", "Queens Library (QL)", "School Construction Authority",
                "Department of Information Technology and Telecommunications (DOITT)", "NYC Emergency Management (NYCEM)",
                DPR, "Office of Technology (DoITT)", "Commission on Human Rights (CHR)"}) {
            in.cascade.add("('Parks', 'Parks and Open Space', " + lit(agency) + ", 'Capital', 'Park access', 'Reconstruct a park')");
        }
        transform(in);
        // OTI three times: the named DOITT, the mixed-case (DoITT) read in any case and recoded; CHR recoded to CCHR
        assertEquals("CCHR,DPR,OEM,OTH,OTI,QPL,SCA",
                q("SELECT string_agg(DISTINCT agency_initials, ',') FROM cbbr_option_cascade"));
        assertEquals("7", q("SELECT count(*) FROM cbbr_option_cascade"), "distinct combinations");
    }

    @Test
    void aCascadeAgencyThatIsNotAnAgencyStopsTheRunByName() {
        Inputs in = new Inputs().request("101202601C");
        in.cascade.add("('Parks', 'Parks and Open Space', 'Parks Department', 'Capital', 'Park access', 'Reconstruct a park')");
        String m = failure(in);
        assertTrue(m.contains("agency name(s) that are not an agency of the lookup: 'Parks Department' (no acronym)"), m);
    }

    @Test
    void cascadeRowsMatchTheOptionTextsAndANeedWithTrailingSpacesIsNotLost() throws Exception {
        Inputs in = new Inputs().request("101202601C");
        in.cascade.clear();
        in.cascade.add("('Parks', 'Parks and Open Space', '" + DPR + "', 'Capital', 'Park access   ', 'Reconstruct a park')");
        transform(in);
        assertEquals("1 1 DPR Capital 2 2", q("SELECT concat_ws(' ', policy_area_id, need_group_id, agency_initials, type, "
                + "need_id, request_id) FROM cbbr_option_cascade"));
    }

    @Test
    void aCascadeRowNotInTheOptionListIsNamedNotDroppedSilently() throws Exception {
        Inputs in = new Inputs().request("101202601C");
        in.cascade.add("('Parks', 'Parks and Open Space', '" + DPR + "', 'Expense', 'Park upkeep', 'Reconstruct a park')");
        List<String> notices = transform(in);
        assertEquals("2", q("SELECT count(*) FROM cbbr_option_cascade"));
        assertTrue(joined(notices).contains("left out Parks / Parks and Open Space / DPR / Expense / Park upkeep / "
                + "Reconstruct a park: not in the option list: need"), joined(notices));
    }

    // Step 7-9: the budget requests ---------------------------------------------------------------------------------

    @Test
    void idsTitleAndTextColumnsComeFromTheExport() throws Exception {
        transform(new Inputs().request("101202601C", "title", "'Fix the fountain'", "explanation", "'Broken.'",
                "address", "'1 Main Street'", "site_name", "'Battery Park'", "cross_street_1", "'WALL STREET'",
                "cross_street_2", "'PINE STREET'", "intersection_street_1", "'A STREET'", "intersection_street_2", "'B STREET'",
                "priority", "7"));
        assertEquals("101202601C|U-101202601C|Fix the fountain|Broken.|1 Main Street|Battery Park|WALL STREET|PINE STREET|"
                        + "A STREET|B STREET|7|1|01|DPR|846|Capital",
                q("SELECT concat_ws('|', id, internal_id, title, explanation, address, site_name, segment_cross_street_one, "
                        + "segment_cross_street_two, intersection_street_one, intersection_street_two, priority, borough_id, "
                        + "community_district_id, agency, managing_code, request_type) FROM community_board_budget_request"));
    }

    @Test
    void locationSpecificIsYesOrNoAndAnythingElseStopsTheRunNamingTheRequest() throws Exception {
        transform(new Inputs().request("101202601C", "location_specific", "'Yes'").request("101202602C"));
        assertEquals("t\nf", q("SELECT is_location_specific FROM community_board_budget_request ORDER BY id"));
        String m = failure(new Inputs().request("101202603C", "location_specific", "'Maybe'"));
        assertTrue(m.contains("location_specific not Yes or No: 101202603C ('Maybe')"), m);
    }

    @Test
    void aTrackingCodeEndingInSIsContinuedSupport() throws Exception {
        transform(new Inputs().request("101202601S").request("101202602C"));
        assertEquals("101202601S true\n101202602C false",
                q("SELECT id || ' ' || is_continued_support FROM community_board_budget_request ORDER BY id"));
    }

    @Test
    void typeBrCIsCapitalAndEIsExpense() throws Exception {
        transform(new Inputs().request("101202601C").request("101202602E", "type_br", "'E'", "type", "'Expense'"));
        assertEquals("Capital\nExpense", q("SELECT request_type FROM community_board_budget_request ORDER BY id"));
    }

    @Test
    void theBudgetCodeIsZeroPaddedToAManagingCode() throws Exception {
        transform(new Inputs().request("101202601C", "agency_acronym", "'FDNY'", "agency", "'57'"));
        assertEquals("057", request("managing_code", "101202601C"));
    }

    @Test
    void agencyAcronymsAreRecodedAndTwoBudgetCodesFillAMissingAcronym() throws Exception {
        Inputs in = new Inputs();
        String[][] cases = {{"DoiTT", "858"}, {"DOITT", "858"}, {"NYCECM", "017"}, {"QL", "039"}, {"CHR", "226"},
                {"CEOM", "003"}, {"DCA", "866"}, {null, "32"}, {null, "836"}, {"DOT", "841"}};
        for (int i = 0; i < cases.length; i++) {
            in.request(String.format("1012026%02dC", i + 1), "agency_acronym",
                    cases[i][0] == null ? "NULL" : lit(cases[i][0]), "agency", lit(cases[i][1]));
        }
        transform(in);
        assertEquals("OTI,OTI,OEM,QPL,CCHR,BEBS,DCWP,DOI,DOF,DOT",
                q("SELECT string_agg(agency, ',' ORDER BY id) FROM community_board_budget_request"));
    }

    @Test
    void anUnknownAgencyOrBudgetCodeStopsTheRunNamingTheRequest() {
        String m = failure(new Inputs().request("101202601C", "agency_acronym", "'XYZ'", "agency", "'999'"));
        assertTrue(m.contains("agency_acronym not an agency of the lookup (after recoding): 101202601C (XYZ, code 999)"), m);
        assertTrue(m.contains("agency (budget code) not a managing code: 101202601C ('999')"), m);
    }

    @Test
    void multiPointsAndMultiPolygonsAreReprojectedWithTheirLabels() throws Exception {
        transform(new Inputs()
                .request("101202601C", "location_specific", "'Yes'",
                        "geom", geom("MULTIPOINT ((985000 200000), (986000 201000))"))
                .request("101202602C", "location_specific", "'Yes'",
                        "geom", geom("MULTIPOLYGON (((980000 190000, 990000 190000, 990000 192000, 980000 192000, 980000 190000)))")));
        assertEquals("MULTIPOINT 2263 MULTIPOINT 3857 - -\n- - - - MULTIPOLYGON 2263",
                q("SELECT concat_ws(' ', coalesce(GeometryType(li_ft_m_pnt) || ' ' || ST_SRID(li_ft_m_pnt), '- -'), "
                        + "coalesce(GeometryType(mercator_fill_m_pnt) || ' ' || ST_SRID(mercator_fill_m_pnt), '- -'), "
                        + "coalesce(GeometryType(li_ft_m_poly) || ' ' || ST_SRID(li_ft_m_poly), '- -')) "
                        + "FROM community_board_budget_request ORDER BY id"));
        // the point label is one of the points; the polygon label is the centre of the inscribed circle in feet
        assertEquals("t", q("SELECT ST_Intersects(ST_Transform(mercator_label, 2263), ST_Buffer(li_ft_m_pnt, 0.01)) "
                + "FROM community_board_budget_request WHERE id = '101202601C'"));
        assertEquals("POINT(985000 191000)", q("SELECT ST_AsText(ST_SnapToGrid(ST_Transform(mercator_label, 2263), 1)) "
                + "FROM community_board_budget_request WHERE id = '101202602C'"));
        assertEquals("3857", q("SELECT DISTINCT ST_SRID(mercator_fill_m_poly) FROM community_board_budget_request "
                + "WHERE mercator_fill_m_poly IS NOT NULL"));
    }

    @Test
    void aNeedIsMatchedInAnyCaseAndARequestTextNotInTheOptionListIsCountedAndReported() throws Exception {
        List<String> notices = transform(new Inputs()
                .request("101202601C", "need", "'PARK ACCESS '")
                .request("101202602C", "request", "'Plant more trees'")
                .request("101202603C", "request", "'Plant more trees'"));
        assertEquals("2", request("need_id", "101202601C"));
        assertEquals("2", request("request_id", "101202601C"));
        assertNull(nullable(request("request_id", "101202602C")));
        assertTrue(joined(notices).contains("2 request(s) with a request text not in the option list (request_id left NULL), 1 text(s): "
                + "'Plant more trees' (2)"), joined(notices));
    }

    @Test
    void anUnknownPolicyAreaNeedGroupOrNeedStopsTheRunNamingTheRequests() {
        String m = failure(new Inputs()
                .request("101202601C", "policy_area", "'Parkz'")
                .request("101202602C", "need_group", "'Parkz'")
                .request("101202603C", "need", "'Parkz'"));
        assertTrue(m.contains("policy_area not in the option list: 101202601C ('Parkz')"), m);
        assertTrue(m.contains("need_group not in the option list: 101202602C ('Parkz')"), m);
        assertTrue(m.contains("need not in the option list (in any case): 101202603C ('Parkz')"), m);
    }

    @Test
    void aTrackingCodeOnTwoDifferentLinesStopsTheRunButIdenticalLinesAreOneRequest() throws Exception {
        List<String> notices = transform(new Inputs().request("101202601C").request("101202601C"));
        assertEquals("1", q("SELECT count(*) FROM community_board_budget_request"));
        assertTrue(joined(notices).contains("1 repeated line(s) merged"), joined(notices));
        String m = failure(new Inputs().request("101202601C").request("101202601C", "title", "'Another'"));
        assertTrue(m.contains("one tracking_code on several different lines: 101202601C"), m);
    }

    // Quirks of spec 5.3 --------------------------------------------------------------------------------------------

    @Test
    void quirk18TheAgencyResponseNewlineFixIsWhatIsPublished() throws Exception {
        transform(new Inputs().request("101202601C",
                "agency_response", lit("We have funding.\\n\\nDesign is underway.\\n\\n\\nBids next year.\\nThanks.")));
        assertEquals("We have funding.\nDesign is underway.\nBids next year.\nThanks.",
                request("agency_response", "101202601C"));
    }

    @Test
    void quirk19SegmentOnStreetIsTheSegmentStreetNotTheGeocodersStreetName() throws Exception {
        transform(new Inputs().request("101202601C", "street_name", "'MAIN STREET'", "on_street", "'WATER STREET'"));
        assertEquals("WATER STREET", request("segment_on_street", "101202601C"));
    }

    @Test
    void quirk20TheCommunityDistrictJoinUsesTheBorough() throws Exception {
        // 02 exists in Manhattan and Brooklyn: one request, in Brooklyn
        transform(new Inputs().request("302202601C", "borough_code", "'3'", "cd", "'02'", "commdist", "'302'"));
        assertEquals("3 02", q("SELECT borough_id || ' ' || community_district_id FROM community_board_budget_request"));
        // 05 exists only in Manhattan: a Brooklyn 05 is not a district, whatever other borough has one
        String m = failure(new Inputs().request("305202601C", "borough_code", "'3'", "cd", "'05'", "commdist", "'305'"));
        assertTrue(m.contains("borough_code and cd are not a community district: 305202601C (3 05)"), m);
    }

    @Test
    void quirk21AMissingAgencyCategoryResponseIsANullReferenceNotAnAbortedRun() throws Exception {
        List<String> notices = transform(new Inputs().request("101202601C", "agency_category_response", "NULL")
                .request("101202602C"));
        assertNull(nullable(request("agency_category_response_id", "101202601C")));
        assertEquals("Request funded", q("SELECT string_agg(description, ',') FROM cbbr_agency_category_response"));
        assertTrue(joined(notices).contains("1 request(s) without an agency category response"), joined(notices));
    }

    @Test
    void quirk22And23OptionTextsWithTrailingSpacesAndRepeatsAreMergedOnPurposeWithANotice() throws Exception {
        Inputs in = new Inputs().request("101202601C", "request", "'Reconstruct a park '");
        in.noDuplicates.add("(2, 'Transportation ', NULL, NULL, NULL, NULL, NULL, 'Reconstruct a park  ')");
        List<String> notices = transform(in);
        assertEquals("Parks|Transportation", q("SELECT string_agg(description, '|' ORDER BY id) FROM cbbr_policy_area"));
        assertEquals("3", q("SELECT count(*) FROM cbbr_request"));
        assertEquals("2", request("request_id", "101202601C"));
        String all = joined(notices);
        assertTrue(all.contains("option list: policy area 'Transportation' kept once: listed 2 times, "
                + "with trailing spaces as 'Transportation '"), all);
        assertTrue(all.contains("option list: request 'Reconstruct a park' kept once: listed 2 times, "
                + "with trailing spaces as 'Reconstruct a park  '"), all);
    }

    @Test
    void quirk25AGeometryCollectionKeepsItsPointAndPolygonPartsAndIsCounted() throws Exception {
        List<String> notices = transform(new Inputs()
                .request("101202601C", "location_specific", "'Yes'", "geom",
                        geom("GEOMETRYCOLLECTION (POINT (985000 200000), POLYGON ((986000 200000, 987000 200000, "
                                + "987000 201000, 986000 201000, 986000 200000)))"))
                .request("101202602C", "location_specific", "'Yes'", "geom",
                        geom("GEOMETRYCOLLECTION (POLYGON ((980000 190000, 981000 190000, 981000 191000, 980000 191000, "
                                + "980000 190000)), POLYGON ((982000 190000, 983000 190000, 983000 191000, 982000 191000, "
                                + "982000 190000)), LINESTRING (980000 190000, 990000 190000))")));
        assertEquals("101202601C 1 1 t t\n101202602C - 2 t t",
                q("SELECT concat_ws(' ', id, coalesce(ST_NumGeometries(li_ft_m_pnt)::text, '-'), "
                        + "ST_NumGeometries(li_ft_m_poly), mercator_label IS NOT NULL, "
                        + "ST_Equals(ST_SnapToGrid(li_ft_m_poly, 1), ST_SnapToGrid(ST_Transform(mercator_fill_m_poly, 2263), 1))) "
                        + "FROM community_board_budget_request ORDER BY id"));
        assertEquals("POINT(985000 200000)", request("ST_AsText(ST_SnapToGrid(ST_GeometryN(li_ft_m_pnt, 1), 1))", "101202601C"));
        String all = joined(notices);
        assertTrue(all.contains("2 request(s) with a GeometryCollection, kept as their point and polygon parts: "
                + "101202601C, 101202602C"), all);
        assertTrue(all.contains("1 request(s) lost the line parts of their geometry (the API has no column for lines): "
                + "101202602C"), all);
    }

    @Test
    void singlePointsAndPolygonsArePromotedInsteadOfLost() throws Exception {
        transform(new Inputs()
                .request("101202601C", "geom", geom("POINT (985000 200000)"))
                .request("101202602C", "geom", geom("POLYGON ((980000 190000, 981000 190000, 981000 191000, 980000 190000))")));
        assertEquals("MULTIPOINT\nMULTIPOLYGON", q("SELECT GeometryType(coalesce(li_ft_m_pnt, li_ft_m_poly)) "
                + "FROM community_board_budget_request ORDER BY id"));
    }

    // Planning ------------------------------------------------------------------------------------------------------

    @Test
    void explainingACommunityDistrictsPopulateListsTheBudgetRequestTablesAmongThoseReloaded() {
        Map<String, String> env = Map.of(
                "FLOW_DATABASE_URL", "postgresql://postgres@" + pg.host() + ":" + pg.port() + "/" + db,
                "TARGET_DATABASE_URL", "postgresql://postgres@" + pg.host() + ":" + pg.port() + "/" + db);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new String[]{"plan", "--explain", "--domain", "community-districts"},
                new PrintWriter(out), new PrintWriter(err), env);
        String all = out + err.toString();
        assertEquals(0, code, all);
        for (String table : new String[]{"cbbr_policy_area", "cbbr_need_group", "cbbr_need", "cbbr_request",
                "cbbr_agency_category_response", "cbbr_option_cascade", "community_board_budget_request"}) {
            assertTrue(all.contains("truncate + reload " + table + " [community-board-budget-requests, child of community-districts]"),
                    table + "\n" + all);
        }
    }

    static String nullable(String value) {
        return value == null || value.equals("null") ? null : value;
    }
}
