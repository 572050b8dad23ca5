package dev.dataflow.nyc;

import dev.dataflow.cli.Cli;
import dev.dataflow.testbed.Fixture;
import dev.dataflow.testbed.PostGis;
import dev.dataflow.testbed.PostGisExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The facilities domain's SQL (sql/source/facilities.sql, sql/transform/facilities.sql) on crafted rows: the API
 * schema from examples/zoning-api/schema.sql stands in for the model tables, the classification lists are the real
 * files of data/, parent rows (agency, data_source) are inserted directly, and each test writes its own facilities.
 * One test per rule of spec 4.10 and per quirk of spec 5.2 the transform fixes; the last two run the domain through
 * the runner on the bundled samples.
 */
@ExtendWith(PostGisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FacilitiesIT {
    private static final String[] COLUMNS = {"FACNAME", "ADDRESSNUM", "STREETNAME", "ADDRESS", "CITY", "ZIPCODE",
            "FACTYPE", "FACSUBGRP", "FACGROUP", "FACDOMAIN", "SERVAREA", "OPNAME", "OPABBREV", "OPTYPE", "OVERAGENCY",
            "OVERABBREV", "OVERLEVEL", "CAPACITY", "CAPTYPE", "BORO", "BIN", "BBL", "LATITUDE", "LONGITUDE", "XCOORD",
            "YCOORD", "CD", "NTA2010", "NTA2020", "COUNCIL", "CT2010", "CT2020", "BOROCODE", "SCHOOLDIST", "POLICEPRCT",
            "DATASOURCE", "RECTYPE", "ASSET_ID", "SGR_SCORE_TOT", "SGR_GRADE_TOT", "SGR_SCORE_ARCH", "SGR_GRADE_ARCH",
            "SGR_SCORE_SYST", "SGR_GRADE_SYST", "SGR_ASSMNT_YEAR", "UID"};
    private static final String EDUCATION = "EDUCATION, CHILD WELFARE, AND YOUTH";

    PostGis pg;
    String db;
    int uids;

    /** What one run of the transform said: its NOTICEs, or the error that stopped it. */
    record Outcome(List<String> notices, String error) {
        String notice(String start) {
            return notices.stream().filter(n -> n.startsWith(start)).findFirst()
                    .orElseThrow(() -> new AssertionError("no notice starting with '" + start + "' in " + notices));
        }
    }

    @BeforeAll
    void setUp(PostGis pg) throws Exception {
        this.pg = pg;
        db = pg.createDatabase("facilities");
        exec(Files.readString(Path.of("examples/zoning-api/schema.sql")));
        exec(Files.readString(Path.of("sql/source/facilities.sql")));
    }

    @BeforeEach
    void freshSources() throws Exception {
        exec("TRUNCATE source_facility, source_facility_category, source_facility_group, source_facility_subgroup; "
                + "TRUNCATE agency, managing_code, data_source CASCADE; "
                + "TRUNCATE facility, facility_type, facility_subgroup, facility_group, facility_domain, facility_operator; "
                + "INSERT INTO agency (initials, name, oversight_level) VALUES ('NYCDOE', 'NYC Department of Education', 'City'), "
                + "('DPR', 'Department of Parks and Recreation', 'City'); "
                + "INSERT INTO data_source (schema_name, dataset_name, version, retrieve_date) VALUES "
                + "('dcp_colp', 'City Owned and Leased Property', '20260417', '2026-04-17'), "
                + "('nysed_activeinstitutions', 'NYSED Active Institutions', '20260401', '2026-04-01')");
        copy("source_facility_category", "id, short_name, category, description", Path.of("data/facility_category.csv"));
        copy("source_facility_group", "id, name, description, category_id", Path.of("data/facility_group.csv"));
        copy("source_facility_subgroup", "id, name, description, group_id", Path.of("data/facility_subgroup.csv"));
    }

    // ---- crafted rows ----

    /** A public elementary school with coordinates; the entries given replace its values (null = empty field). */
    Map<String, String> school(String... overrides) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("FACNAME", "P.S. " + (++uids));
        r.put("ADDRESSNUM", "45");
        r.put("STREETNAME", "EAST 81 STREET");
        r.put("ADDRESS", "45 EAST 81 STREET");
        r.put("CITY", "NEW YORK");
        r.put("ZIPCODE", "10028");
        r.put("FACTYPE", "ELEMENTARY SCHOOL - PUBLIC");
        r.put("FACSUBGRP", "PUBLIC K-12 SCHOOLS");
        r.put("FACGROUP", "SCHOOLS (K-12)");
        r.put("FACDOMAIN", EDUCATION);
        r.put("SERVAREA", "Local");
        r.put("OPNAME", "NYC Department of Education");
        r.put("OPABBREV", "NYCDOE");
        r.put("OPTYPE", "Public");
        r.put("OVERABBREV", "NYCDOE");
        r.put("CAPACITY", "850");
        r.put("CAPTYPE", "Seats");
        r.put("BIN", "1046123");
        r.put("BBL", "1014920012");
        r.put("XCOORD", "995542.9");
        r.put("YCOORD", "222050.1");
        r.put("CD", "108");
        r.put("DATASOURCE", "dcp_colp");
        r.put("SGR_GRADE_TOT", "B");
        r.put("SGR_GRADE_ARCH", "A");
        r.put("SGR_GRADE_SYST", "C");
        r.put("SGR_ASSMNT_YEAR", "2019");
        r.put("UID", String.format("%032x", uids));
        for (int i = 0; i < overrides.length; i += 2) {
            r.put(overrides[i], overrides[i + 1]);
        }
        return r;
    }

    /** The source columns as facilities.csv names them, quoted. */
    static String quotedColumns() {
        return String.join(", ", java.util.Arrays.stream(COLUMNS).map(c -> '"' + c + '"').toList());
    }

    void insert(Map<String, String> row) throws SQLException {
        String marks = String.join(", ", java.util.Collections.nCopies(COLUMNS.length, "?"));
        try (Connection c = pg.connect(db); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO source_facility (" + quotedColumns() + ") VALUES (" + marks + ")")) {
            for (int i = 0; i < COLUMNS.length; i++) {
                // Text bound as unknown, so the server casts it to each column's own type, as COPY does.
                ps.setObject(i + 1, row.get(COLUMNS[i]), java.sql.Types.OTHER);
            }
            ps.executeUpdate();
        }
    }

    @SafeVarargs
    final String[] uidsOf(Map<String, String>... rows) throws SQLException {
        String[] out = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            insert(rows[i]);
            out[i] = rows[i].get("UID");
        }
        return out;
    }

    /** Runs sql/transform/facilities.sql in one transaction, as pg:model:transform does. */
    Outcome transform() throws Exception {
        String sql = Files.readString(Path.of("sql/transform/facilities.sql"));
        try (Connection c = pg.connect(db)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute(sql);
                List<String> notices = new ArrayList<>();
                for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
                    notices.add(w.getMessage());
                }
                c.commit();
                return new Outcome(notices, null);
            } catch (PSQLException e) {
                c.rollback();
                return new Outcome(List.of(), e.getServerErrorMessage() != null
                        ? e.getServerErrorMessage().getMessage() : e.getMessage());
            }
        }
    }

    Outcome transformOk() throws Exception {
        Outcome o = transform();
        assertNull(o.error(), o.error());
        return o;
    }

    String failure() throws Exception {
        Outcome o = transform();
        assertNotNull(o.error(), "the transform should have failed; notices: " + o.notices());
        assertTrue(o.error().startsWith("facilities break the rules of sql/transform/facilities.sql"), o.error());
        return o.error();
    }

    String q(String sql) throws SQLException {
        try (Connection c = pg.connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            StringBuilder sb = new StringBuilder();
            while (rs.next()) {
                sb.append(sb.length() > 0 ? "\n" : "").append(rs.getString(1));
            }
            return sb.toString();
        }
    }

    void exec(String sql) throws SQLException {
        try (Connection c = pg.connect(db); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    void copy(String table, String columns, Path file) throws Exception {
        try (Connection c = pg.connect(db); InputStream in = Files.newInputStream(file)) {
            c.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + table + " (" + columns + ") FROM STDIN (FORMAT csv, HEADER true)", in);
        }
    }

    // ---- step 2-4: domains, groups, subgroups from the lists, with their ids ----

    @Test
    void domainsAreTheCategoryListWithItsIds() throws Exception {
        insert(school());
        transformOk();
        assertEquals("7", q("SELECT count(*) FROM facility_domain"));
        assertEquals("4|Core Infrastructure and Transportation|Core Infrastructure, Transportation",
                q("SELECT concat_ws('|', id, name, short_name) FROM facility_domain WHERE id = 4"));
    }

    @Test
    void groupsKeepTheListsIdsAndDomainsEvenWithoutFacilities() throws Exception {
        // Quirk 11: one facility uses one group; the 24 others made the original abort on facility_domain_id.
        insert(school());
        Outcome o = transformOk();
        assertEquals("25", q("SELECT count(*) FROM facility_group"));
        assertEquals("25|Other Property|7", q("SELECT concat_ws('|', id, name, facility_domain_id) FROM facility_group WHERE id = 25"));
        assertEquals("t", q("SELECT description IS NULL FROM facility_group WHERE name = 'Adult Services'"));
        assertTrue(o.notice("groups of data/facility_group.csv without a facility in this build: 24").contains("Other Property"));
    }

    @Test
    void subgroupsKeepTheListsIdsAndGroups() throws Exception {
        insert(school());
        transformOk();
        assertEquals("81", q("SELECT count(*) FROM facility_subgroup"));
        assertEquals("1|Public K-12 Schools|1", q("SELECT concat_ws('|', id, name, facility_group_id) FROM facility_subgroup WHERE id = 1"));
        assertEquals("Correctional and dentention centers", q("SELECT description FROM facility_subgroup WHERE id = 36"));
    }

    @Test
    void theNineSubgroupsTheOriginalLackedAreListed() throws Exception {
        // Quirk 12: a facility in one of Data Engineering's newer subgroups aborted the original's run.
        insert(school("FACTYPE", "SHELTER", "FACSUBGRP", "SHELTERS AND TRANSITIONAL HOUSING", "FACGROUP", "HUMAN SERVICES",
                "FACDOMAIN", "HEALTH AND HUMAN SERVICES"));
        transformOk();
        assertEquals("9", q("SELECT count(*) FROM facility_subgroup WHERE id > 72"));
        assertEquals("Shelters and Transitional Housing|Human Services", q("SELECT s.name || '|' || g.name FROM facility f "
                + "JOIN facility_type t ON t.id = f.facility_type_id JOIN facility_subgroup s ON s.id = t.facility_subgroup_id "
                + "JOIN facility_group g ON g.id = s.facility_group_id"));
    }

    @Test
    void classificationMatchesIgnoringCase() throws Exception {
        insert(school("FACSUBGRP", "Public K-12 schools", "FACGROUP", "Schools (K-12)", "FACDOMAIN", "education, child welfare, and youth"));
        transformOk();
        assertEquals("1", q("SELECT facility_subgroup_id FROM facility_type"));
    }

    @Test
    void anUnknownSubgroupStopsTheRunNamingTheFacilityAndTheValue() throws Exception {
        Map<String, String> bad = school("FACNAME", "MOON BASE ALPHA", "FACSUBGRP", "LUNAR OUTPOSTS");
        insert(school());
        insert(bad);
        String error = failure();
        assertTrue(error.contains("FACSUBGRP is not a subgroup of data/facility_subgroup.csv (1): "
                + bad.get("UID") + " 'MOON BASE ALPHA': 'LUNAR OUTPOSTS'"), error);
        assertEquals("0", q("SELECT count(*) FROM facility_type"), "the failed run inserted nothing");
    }

    @Test
    void anUnknownGroupOrDomainStopsTheRun() throws Exception {
        String[] u = uidsOf(school("FACGROUP", "MOON BASES"), school("FACDOMAIN", "SPACE"));
        String error = failure();
        assertTrue(error.contains("FACGROUP is not a group of data/facility_group.csv (1): " + u[0]), error);
        assertTrue(error.contains("FACDOMAIN is not a domain (category) of data/facility_category.csv (1): " + u[1]), error);
    }

    @Test
    void aSubgroupUnderAnotherGroupOrAGroupUnderAnotherDomainStopsTheRun() throws Exception {
        // Quirk 14: the original took these links from the facilities and fanned facilities out when they disagreed.
        String[] u = uidsOf(school("FACGROUP", "CAMPS"),
                school("FACSUBGRP", "PARKS", "FACGROUP", "PARKS AND PLAZAS", "FACDOMAIN", EDUCATION));
        String error = failure();
        assertTrue(error.contains("FACGROUP is not the group of the facility's subgroup in data/facility_subgroup.csv (1): "
                + u[0]), error);
        assertTrue(error.contains("'PUBLIC K-12 SCHOOLS' under 'CAMPS'"), error);
        assertTrue(error.contains("FACDOMAIN is not the domain of the facility's group in data/facility_group.csv (1): "
                + u[1]), error);
    }

    @Test
    void theListsMustHangTogether() throws Exception {
        insert(school());
        exec("INSERT INTO source_facility_subgroup VALUES (99, 'Orphans', NULL, 77)");
        assertTrue(failure().contains("data/facility_subgroup.csv: group_id is not a group of data/facility_group.csv (1): "
                + "subgroup 99 'Orphans': 77"));
    }

    // ---- step 5: types ----

    @Test
    void aTypeUnderTwoSubgroupsIsReportedAndNotFannedOut() throws Exception {
        // Quirk 14: the original made two type rows and joined facilities by name: two facility rows per UID.
        String[] u = uidsOf(school("FACTYPE", "COMMUNITY CENTER", "FACSUBGRP", "COMMUNITY CENTERS AND COMMUNITY PROGRAMS",
                        "FACGROUP", "HUMAN SERVICES", "FACDOMAIN", "HEALTH AND HUMAN SERVICES"),
                school("FACTYPE", "COMMUNITY CENTER", "FACSUBGRP", "YOUTH CENTERS, LITERACY PROGRAMS, AND JOB TRAINING SERVICES",
                        "FACGROUP", "YOUTH SERVICES"));
        Outcome o = transformOk();
        assertEquals("2", q("SELECT count(*) FROM facility"));
        assertEquals("2", q("SELECT count(*) FROM facility_type WHERE name = 'COMMUNITY CENTER'"));
        assertEquals("Youth Centers, Literacy Programs, and Job Training Services", q("SELECT s.name FROM facility f "
                + "JOIN facility_type t ON t.id = f.facility_type_id JOIN facility_subgroup s ON s.id = t.facility_subgroup_id "
                + "WHERE f.id = '" + u[1] + "'"));
        assertTrue(o.notice("facility type 'COMMUNITY CENTER' is under 2 subgroups").contains("one type row under each"));
    }

    @Test
    void typeIdsFollowTheNameOrder() throws Exception {
        insert(school("FACTYPE", "MIDDLE SCHOOL - PUBLIC"));
        insert(school("FACTYPE", "ELEMENTARY SCHOOL - PUBLIC"));
        insert(school("FACTYPE", "HIGH SCHOOL - PUBLIC"));
        transformOk();
        assertEquals("1 ELEMENTARY SCHOOL - PUBLIC\n2 HIGH SCHOOL - PUBLIC\n3 MIDDLE SCHOOL - PUBLIC",
                q("SELECT id || ' ' || name FROM facility_type ORDER BY id"));
    }

    @Test
    void typeNamesKeepTheirCase() throws Exception {
        // Spec 4.10 joins facilities to types by exact name: two spellings are two types, each facility keeps its own.
        String[] u = uidsOf(school("FACTYPE", "Public School"), school("FACTYPE", "PUBLIC SCHOOL"));
        transformOk();
        assertEquals("2", q("SELECT count(*) FROM facility_type"));
        assertEquals("Public School", q("SELECT t.name FROM facility f JOIN facility_type t ON t.id = f.facility_type_id "
                + "WHERE f.id = '" + u[0] + "'"));
    }

    @Test
    void aFacilityWithoutTypeStopsTheRun() throws Exception {
        String[] u = uidsOf(school("FACTYPE", null));
        assertTrue(failure().contains("facility without a FACTYPE (1): " + u[0]));
    }

    // ---- step 1: operators ----

    @Test
    void anOperatorUnderTwoTypesIsReportedAndNotFannedOut() throws Exception {
        // Quirk 14: the original joined facilities to operators on (name, abbreviation) only.
        String[] u = uidsOf(school("OPNAME", "Queens Public Library", "OPABBREV", "QPL", "OPTYPE", "Public"),
                school("OPNAME", "Queens Public Library", "OPABBREV", "QPL", "OPTYPE", "Non-public"));
        Outcome o = transformOk();
        assertEquals("2", q("SELECT count(*) FROM facility"));
        assertEquals("Non-public", q("SELECT o.type FROM facility f JOIN facility_operator o ON o.id = f.facility_operator_id "
                + "WHERE f.id = '" + u[1] + "'"));
        assertTrue(o.notice("operator 'Queens Public Library' (QPL) has 2 types (Non-public, Public)").contains("one operator row for each"));
    }

    @Test
    void anOperatorWithoutAbbreviationIsLinkedAndCounted() throws Exception {
        // Quirk 15: the original's join never matched a NULL abbreviation and orphaned the operator.
        insert(school("OPNAME", "Brooklyn Public Library", "OPABBREV", null));
        insert(school("OPNAME", "Brooklyn Public Library", "OPABBREV", null));
        Outcome o = transformOk();
        assertEquals("0", q("SELECT count(*) FROM facility WHERE facility_operator_id IS NULL"));
        assertEquals("1", q("SELECT count(*) FROM facility_operator WHERE abbreviation IS NULL"));
        assertTrue(o.notice("facilities whose operator has no abbreviation: 2, of 1 operator(s)").contains("abbreviation NULL"));
    }

    @Test
    void aFacilityWithoutOperatorNameHasNoOperator() throws Exception {
        insert(school("OPNAME", null, "OPABBREV", null, "OPTYPE", null));
        Outcome o = transformOk();
        assertEquals("0", q("SELECT count(*) FROM facility_operator"));
        assertEquals("1", q("SELECT count(*) FROM facility WHERE facility_operator_id IS NULL"));
        o.notice("facilities without OPNAME: 1; no operator");
    }

    @Test
    void anOperatorTypeOutsideThePublicAndNonPublicStopsTheRun() throws Exception {
        String[] u = uidsOf(school("OPTYPE", "Mixed"));
        assertTrue(failure().contains("OPTYPE is not Public or Non-public (1): " + u[0]));
    }

    @Test
    void operatorIdsAreTheHashOfTheOperator() throws Exception {
        insert(school());
        transformOk();
        assertEquals(q("SELECT md5(ROW('NYCDOE', 'NYC Department of Education', 'Public')::text)::uuid"),
                q("SELECT id FROM facility_operator"));
    }

    // ---- ids across reloads ----

    @Test
    void theSameInputsLoadedTwiceGiveTheSameIds() throws Exception {
        // Quirk 13: group, subgroup and type ids came from an unordered DISTINCT, operator ids were random.
        List<Map<String, String>> rows = new ArrayList<>();
        String[][] kinds = {{"ELEMENTARY SCHOOL - PUBLIC", "NYC Department of Education", "NYCDOE"},
                {"HIGH SCHOOL - PUBLIC", "NYC Department of Education", "NYCDOE"},
                {"MIDDLE SCHOOL - PUBLIC", "Success Academy", "Non-public"},
                {"K-8 SCHOOL - PUBLIC", "Harlem Village Academies", "Non-public"}};
        for (String[] k : kinds) {
            rows.add(school("FACTYPE", k[0], "OPNAME", k[1], "OPABBREV", k[2]));
        }
        for (Map<String, String> r : rows) {
            insert(r);
        }
        transformOk();
        String first = idSnapshot();
        transformOk();
        assertEquals(first, idSnapshot(), "a second run of the same rows");
        // The same rows loaded in the opposite order: a different physical order, the same ids.
        exec("TRUNCATE source_facility");
        for (int i = rows.size() - 1; i >= 0; i--) {
            insert(rows.get(i));
        }
        exec("VACUUM FULL source_facility");
        transformOk();
        assertEquals(first, idSnapshot(), "the same rows in another order");
    }

    String idSnapshot() throws SQLException {
        return q("SELECT string_agg(concat_ws('|', id, name, facility_domain_id), ',' ORDER BY id) FROM facility_group") + "\n"
                + q("SELECT string_agg(concat_ws('|', id, name, facility_group_id), ',' ORDER BY id) FROM facility_subgroup") + "\n"
                + q("SELECT string_agg(concat_ws('|', id, name, facility_subgroup_id), ',' ORDER BY id) FROM facility_type") + "\n"
                + q("SELECT string_agg(concat_ws('|', id, abbreviation, name, type), ',' ORDER BY id) FROM facility_operator") + "\n"
                + q("SELECT string_agg(concat_ws('|', id, facility_type_id, facility_operator_id), ',' ORDER BY id) FROM facility");
    }

    // ---- step 6: facility ----

    @Test
    void facilityColumnsComeFromTheirSourceColumns() throws Exception {
        String[] u = uidsOf(school("FACNAME", "P.S. 6 LILLIE D. BLAKE", "SERVAREA", "Regional", "CAPACITY", "850.4",
                "SGR_ASSMNT_YEAR", "2019.6"));
        transformOk();
        assertEquals(u[0] + "|P.S. 6 LILLIE D. BLAKE|45 EAST 81 STREET|45|EAST 81 STREET|NEW YORK|10028|Regional|NYCDOE"
                        + "|850|Seats|1046123|1014920012|dcp_colp|B|A|C|2020",
                q("SELECT concat_ws('|', id, name, address, address_number, street_name, city, zip_code, service_area, "
                        + "overseeing_agency_initials, capacity, capacity_type, bin, bbl, data_source_schema, sgr_ltr, "
                        + "sgr_arc_ltr, sgr_sys_ltr, sgr_year) FROM facility"));
    }

    @Test
    void aFacilityWithCoordinatesGetsAMultiPointInEachColumnsSrid() throws Exception {
        // Quirk 10: the original wrote a Point into these MultiPoint columns and aborted on every such facility.
        insert(school());
        insert(school("XCOORD", null, "YCOORD", null));
        Outcome o = transformOk();
        assertEquals("MULTIPOINT((995542.9 222050.1))|2263", q("SELECT ST_AsText(li_ft) || '|' || ST_SRID(li_ft) FROM facility WHERE li_ft IS NOT NULL"));
        assertEquals("ST_MultiPoint|3857|t", q("SELECT concat_ws('|', ST_GeometryType(mercator), ST_SRID(mercator), "
                + "ST_DWithin(mercator, ST_Transform(li_ft, 3857), 0.001)) FROM facility WHERE li_ft IS NOT NULL"));
        assertEquals("1", q("SELECT count(*) FROM facility WHERE li_ft IS NULL AND mercator IS NULL"));
        o.notice("facilities without coordinates: 1; no geometry");
    }

    @Test
    void halfACoordinatePairStopsTheRun() throws Exception {
        String[] u = uidsOf(school("YCOORD", null));
        assertTrue(failure().contains("only one of XCOORD and YCOORD (1): " + u[0]));
    }

    @Test
    void aCapacityAboveTheColumnsRangeIsACountedNull() throws Exception {
        // Quirk 16: capacity is smallint; the original aborted the publish on one value above 32,767.
        String[] u = uidsOf(school("CAPACITY", "40000"), school("CAPACITY", "32767"));
        Outcome o = transformOk();
        assertEquals("", q("SELECT coalesce(capacity::text, '') FROM facility WHERE id = '" + u[0] + "'"));
        assertEquals("32767", q("SELECT capacity FROM facility WHERE id = '" + u[1] + "'"));
        assertTrue(o.notice("facilities with a capacity outside 0-32767 (the API column is smallint): 1; capacity NULL")
                .contains(u[0] + " 40000"));
    }

    @Test
    void anOverseeingAgencyMissingFromTheAgencyListIsACountedNull() throws Exception {
        // Quirk 15: the original's NULL was silent.
        String[] u = uidsOf(school("OVERABBREV", "NYSOPRHP"), school("OVERABBREV", "NYSOPRHP"), school("OVERABBREV", "DPR"));
        Outcome o = transformOk();
        assertEquals("", q("SELECT coalesce(overseeing_agency_initials, '') FROM facility WHERE id = '" + u[0] + "'"));
        assertEquals("DPR", q("SELECT overseeing_agency_initials FROM facility WHERE id = '" + u[2] + "'"));
        assertTrue(o.notice("facilities whose overseeing agency the agency lookup lacks: 2").contains("NYSOPRHP: 2"));
    }

    @Test
    void aDataSourceMissingFromTheDataSourceListStopsTheRun() throws Exception {
        // Quirk 15: the original's NULL was silent; both files come from the same build, so a gap is a broken pair.
        String[] u = uidsOf(school("DATASOURCE", "dcp_nowhere"), school("DATASOURCE", null));
        String error = failure();
        assertTrue(error.contains("DATASOURCE is not a schema_name of source_data_versions.csv (data-sources) (1): "
                + u[0] + " 'P.S. " + (uids - 1) + "': 'dcp_nowhere'"), error);
    }

    @Test
    void aServiceAreaOutsideLocalAndRegionalStopsTheRun() throws Exception {
        String[] u = uidsOf(school("SERVAREA", "Citywide"), school("SERVAREA", null));
        String error = failure();
        assertTrue(error.contains("SERVAREA is not Local or Regional (2): "), error);
        assertTrue(error.contains(u[0]) && error.contains(u[1]) && error.contains("'Citywide'"), error);
    }

    @Test
    void aMissingOrRepeatedUidStopsTheRun() throws Exception {
        insert(school("UID", "0c34b4bf741f058bc765a48f40954318", "FACNAME", "FIRST"));
        insert(school("UID", "0c34b4bf741f058bc765a48f40954318", "FACNAME", "SECOND"));
        insert(school("UID", null, "FACNAME", "NAMELESS"));
        String error = failure();
        assertTrue(error.contains("UID used by more than one facility (1): 0c34b4bf741f058bc765a48f40954318: "), error);
        assertTrue(error.contains("facility without a UID (1): 'NAMELESS'"), error);
    }

    @Test
    void valuesTooLongForTheirApiColumnsStopTheRun() throws Exception {
        String[] u = uidsOf(school("BIN", "10461230"), school("SGR_GRADE_TOT", "B+"));
        String error = failure();
        assertTrue(error.contains("value too long for its API column (2): "), error);
        assertTrue(error.contains(u[0] + " 'P.S. " + (uids - 1) + "': BIN '10461230' (bin is char(7))"), error);
        assertTrue(error.contains("SGR_GRADE_TOT 'B+' (sgr_ltr is char(1))"), error);
    }

    @Test
    void unusedColumnsAcceptAnyText() throws Exception {
        // Quirk 16: the original's char(n) typing of unused columns rejected the whole file for one long value.
        insert(school("CD", "MN108", "NTA2010", "MN40X", "BOROCODE", "12", "SCHOOLDIST", "02X"));
        transformOk();
        assertEquals("1", q("SELECT count(*) FROM facility"));
    }

    @Test
    void everyBrokenRuleIsReportedInOneError() throws Exception {
        insert(school("FACSUBGRP", "LUNAR OUTPOSTS"));
        insert(school("SERVAREA", "Citywide"));
        insert(school("DATASOURCE", "dcp_nowhere"));
        String error = failure();
        assertTrue(error.contains("FACSUBGRP is not a subgroup") && error.contains("SERVAREA is not Local or Regional")
                && error.contains("DATASOURCE is not a schema_name"), error);
    }

    @Test
    void theBundledSampleLoadsWithEveryGroupAndEveryLocatedFacilityHasAGeometry() throws Exception {
        exec("INSERT INTO data_source (schema_name, version, retrieve_date) VALUES "
                + "('bpl_libraries', '1', '2026-01-01'), ('dcp_mappluto_wi', '1', '2026-01-01'), ('dcp_pops', '1', '2026-01-01')");
        copy("source_facility", quotedColumns(), Path.of("examples/sample-src/facilities.csv"));
        Outcome o = transformOk();
        assertEquals("25", q("SELECT count(DISTINCT s.facility_group_id) FROM facility f JOIN facility_type t "
                + "ON t.id = f.facility_type_id JOIN facility_subgroup s ON s.id = t.facility_subgroup_id"));
        assertEquals(q("SELECT count(*) FROM source_facility WHERE \"XCOORD\" IS NOT NULL"),
                q("SELECT count(*) FROM facility WHERE li_ft IS NOT NULL AND mercator IS NOT NULL"));
        assertNotEquals("0", q("SELECT count(*) FROM facility WHERE li_ft IS NULL"), "the sample has facilities without coordinates");
        // Each handled case of the sample is reported.
        o.notice("facility type 'COMMUNITY CENTER' is under 2 subgroups");
        o.notice("operator 'Queens Public Library' (QPL) has 2 types");
        o.notice("facilities whose operator has no abbreviation: 2");
        o.notice("facilities without OPNAME: 1");
        o.notice("facilities with a capacity outside 0-32767");
        o.notice("facilities whose overseeing agency the agency lookup lacks");
        o.notice("facilities without coordinates");
    }

    // ---- through the runner ----

    @Test
    void theRunnerBuildsAndPublishesTheDomainAndAgenciesRepublishesIt(@TempDir Path tmp) throws Exception {
        String flow = pg.createPlainDatabase("facilities_flow");
        String api = pg.createDatabase("facilities_api");
        try (Connection c = pg.connect(api); Statement s = c.createStatement()) {
            s.execute(Files.readString(Path.of("examples/zoning-api/schema.sql")));
        }
        Map<String, String> env = new HashMap<>();
        env.put("FLOW_DATABASE_URL", "postgresql://postgres@" + pg.host() + ":" + pg.port() + "/" + flow);
        env.put("TARGET_DATABASE_URL", "postgresql://postgres@" + pg.host() + ":" + pg.port() + "/" + api);
        env.put("DATAFLOW_DOWNLOAD_DIR", tmp.resolve("download").toString());
        env.put("DATAFLOW_CONVERT_DIR", tmp.resolve("convert").toString());
        Fixture.copyTree(Path.of("examples/sample"), tmp.resolve("download"));

        String explain = cli(env, "plan", "--explain", "--domain", "agencies");
        for (String t : new String[]{"facility_domain", "facility_group", "facility_subgroup", "facility_type",
                "facility_operator", "facility"}) {
            assertTrue(explain.contains("truncate + reload " + t + " [facilities, child of agencies]"), explain);
        }

        // The whole flow first, as a seed would: facilities reference agencies and data sources in the API.
        String all = cli(env, "--step", "shp:convert", "--group", "configure", "--group", "seed", "--group", "populate",
                "--domain", "all");
        assertTrue(all.contains("facility 40 rows"), all);
        // Then the domain alone: it builds its parents in the flow database but publishes only its own six tables.
        String out = cli(env, "--group", "configure", "--group", "seed", "--group", "populate", "--domain", "facilities");
        assertTrue(out.contains("pg:target:populate facilities ..."), out);
        assertTrue(out.contains("6 tables published in one transaction"), out);
        try (Connection c = pg.connect(api); Statement s = c.createStatement()) {
            for (String t : new String[]{"facility_domain", "facility_group", "facility_subgroup", "facility_type",
                    "facility_operator", "facility"}) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + t)) {
                    rs.next();
                    assertTrue(rs.getLong(1) > 0, t + " is empty\n" + out);
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE li_ft IS NULL), count(*) FROM facility")) {
                rs.next();
                assertEquals(3, rs.getLong(1), "the sample's three facilities without coordinates");
                assertEquals(40, rs.getLong(2));
            }
        }
    }

    String cli(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out), new PrintWriter(err), env);
        String all = out + err.toString();
        assertEquals(0, code, all);
        // The report a run of the repository's pipeline leaves follows the committed schema.
        if (java.nio.file.Files.exists(Path.of("target/run-report.json"))) {
            dev.dataflow.testbed.ReportSchema.assertValid(Path.of("target/run-report.json"));
        }
        return all;
    }
}
