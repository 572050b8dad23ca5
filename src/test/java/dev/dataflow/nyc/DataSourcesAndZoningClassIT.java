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
 * The data-sources rules (domains-2026.md 4.9) and pluto's zoning class category as text (4.6) on crafted rows;
 * a data source without a version or date, or listed twice, is named instead of failing on a bare constraint.
 */
@ExtendWith(PostGisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataSourcesAndZoningClassIT {
    static final String HEADER = "schema_name,dataset_name,v,file_type,archive_date,url\n";
    static final String COLP = "dcp_colp,City Owned and Leased Property,20260417,parquet,2026-04-17,https://example.org/colp\n";
    static final String PLUTO = "dcp_mappluto_wi,MapPLUTO (water included),25v4,pg_dump,2026-03-30,\n";

    DomainDatabase db;

    @BeforeAll
    void createDatabase(PostGis pg) throws Exception {
        db = DomainDatabase.create(pg, "data_sources_it", "boroughs", "pluto", "data-sources");
    }

    @BeforeEach
    void emptySources() throws Exception {
        db.resetSources();
    }

    void dataSources(String rows) throws Exception {
        db.load("source_data_source", HEADER + rows);
        db.transform("data-sources");
    }

    @Test
    void aDataSourceTakesItsVersionFromVAndItsRetrieveDateFromTheArchiveDate() throws Exception {
        dataSources(COLP);
        assertEquals("dcp_colp|City Owned and Leased Property|20260417|2026-04-17|https://example.org/colp",
                db.q("SELECT concat_ws('|', schema_name, dataset_name, version, retrieve_date, url) FROM data_source"));
    }

    @Test
    void anEmptyUrlIsNoUrl() throws Exception {
        dataSources(COLP + PLUTO);
        assertEquals("t", db.q("SELECT url IS NULL FROM data_source WHERE schema_name = 'dcp_mappluto_wi'"));
    }

    @Test
    void aDataSourceWithoutAnArchiveDateIsNamed() throws Exception {
        SQLException e = assertThrows(SQLException.class, () -> dataSources(COLP.replace("2026-04-17", "")));
        assertTrue(e.getMessage().contains("data source(s) without a version or archive date: dcp_colp (no archive date)"), e.getMessage());
    }

    @Test
    void aDataSourceWithoutAVersionIsNamed() throws Exception {
        SQLException e = assertThrows(SQLException.class, () -> dataSources(PLUTO.replace("25v4", "")));
        assertTrue(e.getMessage().contains("data source(s) without a version or archive date: dcp_mappluto_wi (no version)"), e.getMessage());
    }

    @Test
    void aDataSourceListedTwiceIsNamed() throws Exception {
        SQLException e = assertThrows(SQLException.class, () -> dataSources(COLP + COLP));
        assertTrue(e.getMessage().contains("data source(s) listed twice: dcp_colp"), e.getMessage());
    }

    // 4.6: the zoning class category is text with the API's CHECK, no longer an enum -----------------------------

    static final String CLASS_HEADER = "id,category,description,url,color\n";

    @Test
    void aZoningClassCategoryIsCopiedAsText() throws Exception {
        db.load("source_zoning_district_class", CLASS_HEADER + "R6,Residential,General residence district,,#f7d496ff\n");
        db.transform("pluto");
        assertEquals("Residential|text", db.q("SELECT category || '|' || pg_typeof(category) FROM zoning_district_class"));
    }

    @Test
    void aCategoryOutsideTheApisListIsRejectedAtLoad() throws Exception {
        SQLException e = assertThrows(SQLException.class, () -> db.load("source_zoning_district_class",
                CLASS_HEADER + "M9,Mixed,Mixed use,,#f7d496ff\n"));
        assertTrue(e.getMessage().contains("source_zoning_district_class_category_check"), e.getMessage());
    }
}
