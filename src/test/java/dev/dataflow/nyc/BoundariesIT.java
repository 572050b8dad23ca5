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
 * The boroughs, neighborhood-tabulation-areas and census-tracts rules of today's NYC flow (domains-2026.md 4.2, 4.7,
 * 4.8) on crafted rows, and the original's quirks there (5.4 items 32-33, 5.1 item 2) fixed with errors naming the row.
 */
@ExtendWith(PostGisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BoundariesIT {
    static final String BOROUGH_HEADER = "borocode,boroname,shape_leng,shape_area,wkt\n";
    /** Five boroughs in EPSG:2263; Queens is a thin L whose centroid lies outside it. Brooklyn comes in lon/lat. */
    static final String BOROUGHS = BOROUGH_HEADER + """
            1,Manhattan,,,"SRID=2263;MULTIPOLYGON(((979000 194000,1001000 194000,1001000 217000,979000 217000,979000 194000)))"
            2,Bronx,,,"SRID=2263;MULTIPOLYGON(((1002000 225000,1040000 225000,1040000 260000,1002000 260000,1002000 225000)))"
            3,Brooklyn,,,"SRID=4326;MULTIPOLYGON(((-73.98 40.66,-73.94 40.66,-73.94 40.69,-73.98 40.69,-73.98 40.66)))"
            4,Queens,,,"SRID=2263;MULTIPOLYGON(((1010000 170000,1060000 170000,1060000 172000,1012000 172000,1012000 220000,1010000 220000,1010000 170000)))"
            5,Staten Island,,,"SRID=2263;MULTIPOLYGON(((915000 125000,965000 125000,965000 168000,915000 168000,915000 125000)))"
            """;

    DomainDatabase db;

    @BeforeAll
    void createDatabase(PostGis pg) throws Exception {
        db = DomainDatabase.create(pg, "boundaries_it", "boroughs", "neighborhood-tabulation-areas", "census-tracts");
    }

    @BeforeEach
    void emptySources() throws Exception {
        db.resetSources();
        db.loadFile("source_borough_abbreviation", "data/borough_abbreviation.csv");
    }

    void boroughs() throws Exception {
        db.load("source_borough", BOROUGHS);
        db.transform("boroughs");
    }

    // 4.2 boroughs ------------------------------------------------------------------------------------------------

    @Test
    void aBoroughTakesItsCodeAndNameFromTheBoundaryAndItsAbbreviationFromTheReviewedFile() throws Exception {
        boroughs();
        assertEquals("1|Manhattan|MN, 2|Bronx|BX, 3|Brooklyn|BK, 4|Queens|QN, 5|Staten Island|SI",
                db.q("SELECT string_agg(id || '|' || title || '|' || abbr, ', ' ORDER BY id) FROM borough"));
    }

    @Test
    void aBoroughsShapeIsReprojectedToLongIslandFeet() throws Exception {
        boroughs();
        // (-73.96, 40.675) lies inside Brooklyn's lon/lat square; in EPSG:2263 that is near (992400, 185000) feet.
        assertEquals("2263|true", db.q("SELECT ST_SRID(li_ft) || '|' || ST_Contains(li_ft, ST_Transform("
                + "ST_SetSRID(ST_MakePoint(-73.96, 40.675), 4326), 2263)) FROM borough WHERE id = '3'"));
    }

    @Test
    void aBoroughsFillIsInWebMercator() throws Exception {
        boroughs();
        assertEquals("3857|true", db.q("SELECT ST_SRID(mercator_fill) || '|' || ST_Equals(ST_SnapToGrid(mercator_fill, 0.01), "
                + "ST_SnapToGrid(ST_Transform(li_ft, 3857), 0.01)) FROM borough WHERE id = '1'"));
    }

    @Test
    void aBoroughsLabelPointIsTheCentreOfItsLargestInscribedCircleEvenWhereTheCentroidIsOutside() throws Exception {
        boroughs();
        assertEquals("false|true|true", db.q("SELECT ST_Intersects(ST_Centroid(li_ft), li_ft) || '|' "
                + "|| ST_Intersects(ST_Transform(mercator_label, 2263), li_ft) || '|' "
                + "|| (ST_Distance(ST_Transform(mercator_label, 2263), (ST_MaximumInscribedCircle(li_ft)).center) < 0.01) "
                + "FROM borough WHERE id = '4'"));
    }

    @Test
    void aBoroughWithoutAReviewedAbbreviationIsNamed() throws Exception {
        db.load("source_borough", BOROUGHS + "6,Governors Island,,,\"SRID=2263;MULTIPOLYGON(((975000 190000,976000 190000,976000 191000,975000 191000,975000 190000)))\"\n");
        SQLException e = assertThrows(SQLException.class, () -> db.transform("boroughs"));
        assertTrue(e.getMessage().contains("borough boundary 6 (Governors Island) has no abbreviation in data/borough_abbreviation.csv"), e.getMessage());
    }

    // 4.7 neighborhood tabulation areas ---------------------------------------------------------------------------

    static final String NTA_2010 = "borocode,boroname,countyfips,ntacode,ntaname,shape_leng,shape_area,wkt\n";
    static final String NTA_2020 = "borocode,boroname,countyfips,nta2020,ntaname,ntaabbrev,ntatype,cdta2020,cdtaname,"
            + "shape_leng,shape_area,wkt\n";
    static final String SQUARE = "\"SRID=2263;MULTIPOLYGON(((985000 180000,990000 180000,990000 185000,985000 185000,985000 180000)))\"";

    void ntas(String rows2010, String rows2020) throws Exception {
        db.load("source_neighborhood_tabulation_area_2010", NTA_2010 + rows2010);
        db.load("source_neighborhood_tabulation_area_2020", NTA_2020 + rows2020);
        db.transform("neighborhood-tabulation-areas");
    }

    static final String GREENPOINT_2010 = "3,Brooklyn,047,BK76,Greenpoint,,," + SQUARE + "\n";
    static final String GREENPOINT_2020 = "3,Brooklyn,047,BK0101,Greenpoint,Grnpt,0,BK01,BK01 Williamsburg-Greenpoint,,," + SQUARE + "\n";

    @Test
    void a2010AreaHasYear2010AndItsNtaCode() throws Exception {
        ntas(GREENPOINT_2010, GREENPOINT_2020);
        assertEquals("Greenpoint|BK76", db.q("SELECT name || '|' || code FROM neighborhood_tabulation_area WHERE year = 2010"));
    }

    @Test
    void a2020AreaHasYear2020AndIts2020Code() throws Exception {
        ntas(GREENPOINT_2010, GREENPOINT_2020);
        assertEquals("Greenpoint|BK0101", db.q("SELECT name || '|' || code FROM neighborhood_tabulation_area WHERE year = 2020"));
    }

    @Test
    void anAreaIsReprojectedToLongIslandFeetAndWebMercator() throws Exception {
        ntas(GREENPOINT_2010, "");
        assertEquals("2263|3857", db.q("SELECT ST_SRID(li_ft) || '|' || ST_SRID(mercator_fill) FROM neighborhood_tabulation_area"));
    }

    @Test
    void twoAreasWithOneNameInOneVintageAreNamedWithTheirCodes() throws Exception {
        SQLException e = assertThrows(SQLException.class, () -> ntas(GREENPOINT_2010
                + GREENPOINT_2010.replace("BK76", "BK77"), ""));
        assertTrue(e.getMessage().contains("neighborhood tabulation area name(s) used twice in one vintage: 2010 'Greenpoint' (BK76, BK77)"), e.getMessage());
    }

    // 4.8 census tracts -------------------------------------------------------------------------------------------

    static final String CT_2010 = "ctlabel,borocode,boroname,ct2010,boroct2010,cdeligibil,ntacode,ntaname,puma,"
            + "shape_leng,shape_area,wkt\n";
    static final String CT_2020 = "ctlabel,borocode,boroname,ct2020,boroct2020,cdeligibil,ntaname,nta2020,cdta2020,"
            + "cdtaname,geoid,puma,shape_leng,shape_area,wkt\n";

    void tracts(String rows2010, String rows2020) throws Exception {
        db.load("source_borough", BOROUGHS);
        db.load("source_census_tracts_2010", CT_2010 + rows2010);
        db.load("source_census_tracts_2020", CT_2020 + rows2020);
        db.transform("boroughs", "census-tracts");
    }

    static final String TRACT_1_MN_2010 = "1,1,Manhattan,000100,1000100,I,MN99,park-cemetery-etc-Manhattan,3810,,," + SQUARE + "\n";
    static final String TRACT_1_BK_2010 = "1,3,Brooklyn,000100,3000100,E,BK76,Greenpoint,4001,,," + SQUARE + "\n";
    static final String TRACT_2_01_BX_2020 = "2.01,2,Bronx,000201,2000201,,Highbridge Park,BX0391,BX04,BX04 Highbridge,"
            + "36005000201,4208,,," + SQUARE + "\n";

    @Test
    void aTractsBoroughIsItsBoroughCode() throws Exception {
        tracts(TRACT_1_BK_2010, "");
        assertEquals("3", db.q("SELECT borough_id FROM census_tract"));
    }

    @Test
    void oneLabelInTwoBoroughsIsTwoTracts() throws Exception {
        tracts(TRACT_1_MN_2010 + TRACT_1_BK_2010, "");
        assertEquals("1|1, 1|3", db.q("SELECT string_agg(label || '|' || borough_id, ', ' ORDER BY borough_id) FROM census_tract"));
    }

    @Test
    void tractsOfBothVintagesKeepTheirYears() throws Exception {
        tracts(TRACT_1_MN_2010, TRACT_2_01_BX_2020);
        assertEquals("1|2010, 2.01|2020", db.q("SELECT string_agg(label || '|' || year, ', ' ORDER BY year) FROM census_tract"));
    }

    @Test
    void aTractIsReprojectedToLongIslandFeetAndWebMercator() throws Exception {
        tracts(TRACT_1_MN_2010, "");
        assertEquals("2263|3857", db.q("SELECT ST_SRID(li_ft) || '|' || ST_SRID(mercator_fill) FROM census_tract"));
    }

    @Test
    void aTractInABoroughThatIsNotInTheBoundariesIsNamed() throws Exception {
        SQLException e = assertThrows(SQLException.class, () -> tracts(TRACT_1_BK_2010.replace(",3,Brooklyn,", ",7,Nowhere,"), ""));
        assertTrue(e.getMessage().contains("census tract(s) in a borough that is not in the borough boundaries: 2010 tract 1 (borough code 7)"), e.getMessage());
    }

    @Test
    void aTractListedTwiceIsNamed() throws Exception {
        SQLException e = assertThrows(SQLException.class, () -> tracts(TRACT_1_BK_2010 + TRACT_1_BK_2010, ""));
        assertTrue(e.getMessage().contains("census tract(s) listed twice: 2010 tract 1 in borough 3"), e.getMessage());
    }
}
