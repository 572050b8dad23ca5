-- Source tables of the capital-planning domain: the Capital Projects Database (CPDB) publish files.
-- They are read from CPDB's floating "latest" publish folder, as in the original, on purpose: the API
-- shows the current capital plan, and the run report records each object's ETag; pipeline.yaml's
-- row-count check stops a publish that moves more than 10% at once.
-- The CSV files carry no row identifier and may repeat rows, so none of these tables has a key;
-- the transform decides how duplicates are handled.

-- cpdb_planned_commitments.csv: one row per planned commitment of a project.
DROP TABLE IF EXISTS source_capital_commitment CASCADE;

CREATE TABLE source_capital_commitment (
    ccp_version               text,
    m_agency                  char(3) NOT NULL,
    project_id                text NOT NULL,
    m_a_proj_id               text,
    budget_line               text,
    project_type              text,
    s_agency_acro             text,
    s_agency_name             text,
    plan_comm_date            text,
    project_description       text,
    commitment_description    text,
    commitment_code           char(4) NOT NULL,
    typ_c                     char(3),
    typ_c_name                text,
    plannedcommit_ccnonexempt numeric,
    plannedcommit_ccexempt    numeric,
    plannedcommit_citycost    numeric,
    plannedcommit_nccstate    numeric,
    plannedcommit_nccfederal  numeric,
    plannedcommit_nccother    numeric,
    plannedcommit_noncitycost numeric,
    plannedcommit_total       numeric,
    -- The managing agency code is a three-digit code (e.g. 846); it becomes managing_code.id.
    CONSTRAINT source_capital_commitment_m_agency_check CHECK (m_agency ~ '^[0-9]{3}$')
);

-- cpdb_projects.csv: one row per capital project with its amounts by stage and fund category.
DROP TABLE IF EXISTS source_capital_project CASCADE;

CREATE TABLE source_capital_project (
    ccp_version               text,
    m_a_proj_id               text,
    m_agency_acro             text,
    m_agency                  char(3) NOT NULL,
    m_agency_name             text,
    description               text,
    proj_id                   text NOT NULL,
    min_date                  date,
    max_date                  date,
    -- Exactly the API's three categories or none (see the CHECK below).
    type_category             text,
    plannedcommit_ccnonexempt numeric,
    plannedcommit_ccexempt    numeric,
    plannedcommit_citycost    numeric,
    plannedcommit_nccstate    numeric,
    plannedcommit_nccfederal  numeric,
    plannedcommit_nccother    numeric,
    plannedcommit_noncitycost numeric,
    plannedcommit_total       numeric,
    adopt_ccnonexempt         numeric,
    adopt_ccexempt            numeric,
    adopt_citycost            numeric,
    adopt_nccstate            numeric,
    adopt_nccfederal          numeric,
    adopt_nccother            numeric,
    adopt_noncitycost         numeric,
    adopt_total               numeric,
    allocate_ccnonexempt      numeric,
    allocate_ccexempt         numeric,
    allocate_citycost         numeric,
    allocate_nccstate         numeric,
    allocate_nccfederal       numeric,
    allocate_nccother         numeric,
    allocate_noncitycost      numeric,
    allocate_total            numeric,
    commit_ccnonexempt        numeric,
    commit_ccexempt           numeric,
    commit_citycost           numeric,
    commit_nccstate           numeric,
    commit_nccfederal         numeric,
    commit_nccother           numeric,
    commit_noncitycost        numeric,
    commit_total              numeric,
    spent_ccnonexempt         numeric,
    spent_ccexempt            numeric,
    spent_citycost            numeric,
    spent_nccstate            numeric,
    spent_nccfederal          numeric,
    spent_nccother            numeric,
    spent_noncitycost         numeric,
    spent_total               numeric,
    spent_total_checkbooknyc  numeric,
    CONSTRAINT source_capital_project_m_agency_check CHECK (m_agency ~ '^[0-9]{3}$'),
    -- Today's API accepts exactly these, spelt as CPDB publishes them (with the Oxford comma); a
    -- new or misspelt category is rejected with its line instead of reaching the API as NULL.
    CONSTRAINT source_capital_project_type_category_check
        CHECK (type_category IN ('Fixed Asset', 'Lump Sum', 'ITT, Vehicles, and Equipment'))
);

-- The two CPDB shapefiles (cpdb_dcpattributes_poly / _pts), converted to CSV. Columns are the
-- shapefile's 10-character DBF field names, lower-cased by the converter, followed by wkt.
-- The converter keeps the shapefile's CRS and writes hex EWKB with its SRID, so the geometry
-- columns have no fixed SRID; the check rejects geometries that lost their CRS, because the
-- transform must reproject them. A feature without a shape loads as NULL and is ignored.
DROP TABLE IF EXISTS source_capital_project_m_poly CASCADE;

CREATE TABLE source_capital_project_m_poly (
    ccpversion text,
    maprojid   text,
    magency    text,
    magencyacr text,
    projectid  text,
    descriptio text,
    typecatego text,
    geomsource text,
    dataname   text,
    datasource text,
    datadate   text,
    wkt        geometry(MultiPolygon),
    CONSTRAINT source_capital_project_m_poly_wkt_srid_check CHECK (ST_SRID(wkt) <> 0)
);

DROP TABLE IF EXISTS source_capital_project_m_pnt CASCADE;

CREATE TABLE source_capital_project_m_pnt (
    ccpversion text,
    maprojid   text,
    magency    text,
    magencyacr text,
    projectid  text,
    descriptio text,
    typecatego text,
    geomsource text,
    dataname   text,
    datasource text,
    datadate   text,
    wkt        geometry(MultiPoint),
    CONSTRAINT source_capital_project_m_pnt_wkt_srid_check CHECK (ST_SRID(wkt) <> 0)
);
