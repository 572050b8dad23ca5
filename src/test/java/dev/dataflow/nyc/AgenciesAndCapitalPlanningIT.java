package dev.dataflow.nyc;

import dev.dataflow.testbed.PostGis;
import dev.dataflow.testbed.PostGisExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agencies and capital-planning rules of today's NYC flow (domains-2026.md 4.1, 4.5) on crafted rows, and the
 * original's quirks there (5.4 items 29-31), each fixed with an error that names the row.
 */
@ExtendWith(PostGisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgenciesAndCapitalPlanningIT {
    static final String LOOKUP_HEADER = "managing_agency_acronym,managing_agency,source,manages_capital_projects,"
            + "operates_facilities,agency_code,overlevel,optype\n";
    /** Every agency the capital rows below need, after recoding. */
    static final String LOOKUP = LOOKUP_HEADER + """
            DPR,Department of Parks and Recreation,Checkbook NYC,true,true,846,City,Public
            SBS,Department of Small Business Services,OMB,true,false,801,City,Public
            DOE,Department of Education,OMB,true,true,040,City,Public
            NYCDOE,NYC Department of Education,DCP,false,true,040,,Public
            SCA,School Construction Authority,OMB,true,false,044,City,Public
            QPL,Queens Public Library,OMB,true,true,039,City,Non-public
            OTI,Office of Technology and Innovation,OMB,true,false,858,City,Public
            HRA,Human Resources Administration,OMB,true,true,069,City,Public
            TGI,Trust for Governors Island,OMB,true,false,04A,City,Public
            BXDA,Bronx County District Attorney,OMB,false,false,902,County,Public
            NYCRGB,"",DCP,false,false,,City,
            SUNY,"",DCP,false,true,,State,Public
            """;

    DomainDatabase db;

    @BeforeAll
    void createDatabase(PostGis pg) throws Exception {
        db = DomainDatabase.create(pg, "agencies_it", "agencies", "capital-planning");
    }

    @BeforeEach
    void emptySources() throws Exception {
        db.resetSources();
        db.loadFile("source_agency_addition", "data/agency_additions.csv");
        db.loadFile("source_managing_code_change", "data/managing_code_changes.csv");
    }

    String agencies(String lookup) throws Exception {
        db.load("source_agency", lookup);
        db.transform("agencies");
        return db.q("SELECT string_agg(initials || '|' || name || '|' || coalesce(oversight_level, '-'), ', ' "
                + "ORDER BY initials) FROM agency");
    }

    SQLException agencyError(String rows) throws Exception {
        db.load("source_agency", LOOKUP_HEADER + rows);
        return assertThrows(SQLException.class, () -> db.transform("agencies"));
    }

    // 4.1 agencies -------------------------------------------------------------------------------------------------

    @Test
    void anAgencyKeepsItsLookupNameAndOversightLevel() throws Exception {
        agencies(LOOKUP);
        assertEquals("Bronx County District Attorney|County", db.q("SELECT name || '|' || oversight_level FROM agency WHERE initials = 'BXDA'"));
    }

    @Test
    void anEmptyOversightLevelIsNoLevel() throws Exception {
        agencies(LOOKUP);
        assertEquals("t", db.q("SELECT oversight_level IS NULL FROM agency WHERE initials = 'NYCDOE'"));
    }

    @Test
    void theHandMadeAgenciesOfTheReviewedFileAreAdded() throws Exception {
        agencies(LOOKUP);
        assertEquals("OCA|Office of Court Administration|-, OTH|Other|-",
                db.q("SELECT string_agg(initials || '|' || name || '|' || coalesce(oversight_level, '-'), ', ' ORDER BY initials) "
                        + "FROM agency WHERE initials IN ('OCA', 'OTH')"));
    }

    @Test
    void blankLookupNamesAreFilledFromTheReviewedFile() throws Exception {
        agencies(LOOKUP);
        assertEquals("NYC Rent Guidelines Board|City, State University of New York|State",
                db.q("SELECT string_agg(name || '|' || oversight_level, ', ' ORDER BY initials) FROM agency WHERE initials IN ('NYCRGB', 'SUNY')"));
    }

    @Test
    void aManagingCodeSharedByTwoAgenciesIsKeptOnce() throws Exception {
        agencies(LOOKUP);
        assertEquals("1", db.q("SELECT count(*) FROM managing_code WHERE id = '040'"));
    }

    @Test
    void code04AIsLeftOutAsTheReviewedFileSays() throws Exception {
        agencies(LOOKUP);
        assertEquals("0", db.q("SELECT count(*) FROM managing_code WHERE id = '04A'"));
    }

    @Test
    void code859IsAddedAsTheReviewedFileSays() throws Exception {
        agencies(LOOKUP);
        assertEquals("1", db.q("SELECT count(*) FROM managing_code WHERE id = '859'"));
    }

    @Test
    void aLookupThatAlreadyHasAHandMadeRowWithTheSameNameLoadsItOnce() throws Exception {
        agencies(LOOKUP + "OCA,Office of Court Administration,DCP,false,false,,,\n");
        assertEquals("1", db.q("SELECT count(*) FROM agency WHERE initials = 'OCA'"));
    }

    // 5.4 items 29-30: fixed, each failure names the agency ----------------------------------------------------------

    @Test
    void anOversightLevelOutsideTheApisListNamesTheAgency() throws Exception {
        SQLException e = agencyError("DHCR,Division of Housing and Community Renewal,DCP,false,true,,City-State,Public\n");
        assertTrue(e.getMessage().contains("agency lookup oversight level(s) not City, County, State or Federal: DHCR: 'City-State'"), e.getMessage());
    }

    @Test
    void anAcronymWithTwoNamesNamesBoth() throws Exception {
        SQLException e = agencyError("DPR,Department of Parks and Recreation,OMB,true,true,846,City,Public\n"
                + "DPR,Department of Parks & Recreation,OMB,true,true,846,City,Public\n");
        assertTrue(e.getMessage().contains("acronym(s) with more than one name or oversight level: DPR ('Department of Parks & Recreation'/City, 'Department of Parks and Recreation'/City)"), e.getMessage());
    }

    @Test
    void aBlankNameWithoutAReviewedNameNamesTheAgency() throws Exception {
        SQLException e = agencyError("DCLA,,OMB,true,true,126,City,Public\n");
        assertTrue(e.getMessage().contains("agency lookup acronym(s) with a blank name: DCLA"), e.getMessage());
    }

    @Test
    void aHandMadeRowContradictingTheLookupNamesBothNames() throws Exception {
        SQLException e = agencyError("OTH,Other Agencies,DCP,false,false,,,\n");
        assertTrue(e.getMessage().contains("agency name(s) differ between the lookup and data/agency_additions.csv: OTH: lookup 'Other Agencies', data/agency_additions.csv 'Other'"), e.getMessage());
    }

    @Test
    void aRowWithoutAnAcronymIsNamedByItsNameAndCode() throws Exception {
        SQLException e = agencyError(",Department of Records,OMB,false,false,860,City,Public\n");
        assertTrue(e.getMessage().contains("agency lookup row(s) without an acronym: 'Department of Records' (code 860)"), e.getMessage());
    }

    @Test
    void aShortManagingCodeNamesTheAgency() throws Exception {
        SQLException e = agencyError("DOT,Department of Transportation,OMB,true,true,41,City,Public\n");
        assertTrue(e.getMessage().contains("agency lookup code(s) not three digits or capitals: DOT: '41'"), e.getMessage());
    }

    // 4.5 capital-planning ----------------------------------------------------------------------------------------

    static final String PROJECTS_HEADER = "m_agency,proj_id,m_agency_acro,description,min_date,max_date,type_category\n";
    static final String COMMITMENTS_HEADER = "m_agency,project_id,budget_line,project_type,s_agency_acro,plan_comm_date,"
            + "commitment_code,commitment_description,plannedcommit_ccnonexempt,plannedcommit_ccexempt,"
            + "plannedcommit_citycost,plannedcommit_nccstate,plannedcommit_nccfederal,plannedcommit_nccother,"
            + "plannedcommit_noncitycost,plannedcommit_total\n";

    void capital(String projects, String commitments) throws Exception {
        db.load("source_agency", LOOKUP);
        db.load("source_capital_project", PROJECTS_HEADER + projects);
        db.load("source_capital_commitment", COMMITMENTS_HEADER + commitments);
        db.transform("agencies", "capital-planning");
    }

    String managingAgency(String code, String id) throws SQLException {
        return db.q("SELECT managing_agency FROM capital_project WHERE managing_code = '" + code + "' AND id = '" + id + "'");
    }

    String sponsor(String budgetCode) throws SQLException {
        return db.q("SELECT sponsor FROM agency_budget WHERE code = '" + budgetCode + "'");
    }

    static final String RECODED_PROJECTS = """
            801,SB-1,EDC,Pier,2024-01-01,2026-01-01,Fixed Asset
            040,E-1,DOITT,School buses,2024-01-01,2026-01-01,"ITT, Vehicles, and Equipment"
            044,S-1,DOE,New school,2024-01-01,2026-01-01,Lump Sum
            039,Q-1,QBPL,Library,2024-01-01,2026-01-01,
            858,R-1,DOITT,Radios,2024-01-01,2026-01-01,"ITT, Vehicles, and Equipment"
            846,P-1,DPR,Playground,2024-01-01,2026-01-01,Fixed Asset
            """;
    static final String RECODED_COMMITMENTS = """
            039,Q-1,LQ-0001,LQ,QBPL,07/25,CONS,CONSTRUCTION,1,1,2,1,1,1,3,5
            858,R-1,HR-0001,HR,HRA/DSS,07/25,CONS,CONSTRUCTION,1,1,2,1,1,1,3,5
            858,R-1,IT-0001,IT,DOITT,07/25,CONS,CONSTRUCTION,1,1,2,1,1,1,3,5
            846,P-1,P-0001,P,DPR,07/25,CONS,CONSTRUCTION,1,1,2,1,1,1,3,5
            """;

    @Test
    void managingCode801IsSbsWhateverItsAcronym() throws Exception {
        capital(RECODED_PROJECTS, RECODED_COMMITMENTS);
        assertEquals("SBS", managingAgency("801", "SB-1"));
    }

    @Test
    void managingCode040IsDoeBeforeAnyAcronymRule() throws Exception {
        capital(RECODED_PROJECTS, RECODED_COMMITMENTS);
        assertEquals("DOE", managingAgency("040", "E-1"));
    }

    @Test
    void managingCode044IsSca() throws Exception {
        capital(RECODED_PROJECTS, RECODED_COMMITMENTS);
        assertEquals("SCA", managingAgency("044", "S-1"));
    }

    @Test
    void acronymQbplIsQpl() throws Exception {
        capital(RECODED_PROJECTS, RECODED_COMMITMENTS);
        assertEquals("QPL", managingAgency("039", "Q-1"));
    }

    @Test
    void acronymDoittIsOti() throws Exception {
        capital(RECODED_PROJECTS, RECODED_COMMITMENTS);
        assertEquals("OTI", managingAgency("858", "R-1"));
    }

    @Test
    void otherAcronymsAreKept() throws Exception {
        capital(RECODED_PROJECTS, RECODED_COMMITMENTS);
        assertEquals("DPR", managingAgency("846", "P-1"));
    }

    @Test
    void sponsorQbplIsQpl() throws Exception {
        capital(RECODED_PROJECTS, RECODED_COMMITMENTS);
        assertEquals("QPL", sponsor("LQ"));
    }

    @Test
    void sponsorHraDssIsHra() throws Exception {
        capital(RECODED_PROJECTS, RECODED_COMMITMENTS);
        assertEquals("HRA", sponsor("HR"));
    }

    @Test
    void sponsorDoittIsOti() throws Exception {
        capital(RECODED_PROJECTS, RECODED_COMMITMENTS);
        assertEquals("OTI", sponsor("IT"));
    }

    @Test
    void categoriesAreTheApisTextWithTheOxfordCommaAndLumpSumSurvives() throws Exception {
        capital(RECODED_PROJECTS, RECODED_COMMITMENTS);
        assertEquals("(none)|Fixed Asset|ITT, Vehicles, and Equipment|Lump Sum", db.q(
                "SELECT string_agg(DISTINCT coalesce(category, '(none)'), '|' ORDER BY coalesce(category, '(none)')) FROM capital_project"));
    }

    @Test
    void theOldCategorySpellingIsRejectedAtLoad() throws Exception {
        SQLException e = assertThrows(SQLException.class, () -> db.load("source_capital_project",
                PROJECTS_HEADER + "040,E-1,DOE,Buses,2024-01-01,2026-01-01,\"ITT, Vehicles and Equipment\"\n"));
        assertTrue(e.getMessage().contains("source_capital_project_type_category_check"), e.getMessage());
    }

    // 5.4 item 31: fixed, each failure names the project or budget line ------------------------------------------------

    @Test
    void aManagingCodeMissingFromTheLookupNamesTheProject() throws Exception {
        SQLException e = assertThrows(SQLException.class, () -> capital("850,LN-1,DDC,Library,2024-01-01,2026-01-01,Fixed Asset\n", ""));
        assertTrue(e.getMessage().contains("capital project(s) with a managing code that is not in the agency lookup: 850/LN-1"), e.getMessage());
    }

    @Test
    void aRecodedAcronymMissingFromTheLookupNamesTheProjectAndTheRecoding() throws Exception {
        db.load("source_agency", LOOKUP.replace("SBS,Department of Small Business Services,OMB,true,false,801,City,Public\n", "EDC,Economic Development Corporation,OMB,true,false,801,City,Public\n"));
        db.load("source_capital_project", PROJECTS_HEADER + "801,SB-1,EDC,Pier,2024-01-01,2026-01-01,Fixed Asset\n");
        SQLException e = assertThrows(SQLException.class, () -> db.transform("agencies", "capital-planning"));
        assertTrue(e.getMessage().contains("capital project(s) with a managing agency that is not in the agency lookup: 801/SB-1 ('EDC' recoded to SBS)"), e.getMessage());
    }

    @Test
    void aSponsorMissingFromTheLookupNamesTheBudgetLine() throws Exception {
        SQLException e = assertThrows(SQLException.class, () -> capital("846,P-1,DPR,Playground,2024-01-01,2026-01-01,Fixed Asset\n",
                "846,P-1,P-0001,P,NYCEDC,07/25,CONS,CONSTRUCTION,1,1,2,1,1,1,3,5\n"));
        assertTrue(e.getMessage().contains("budget line(s) with a sponsor that is not in the agency lookup: P-0001 ('NYCEDC')"), e.getMessage());
    }
}
