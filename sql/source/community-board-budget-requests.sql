-- Source tables of the community-board-budget-requests domain (spec domains-2026.md 3.5, 7.3-7.5):
--   source_cbbr_options_no_duplicates  ae-data-backups zoning-api/cbbr_options_no_duplicates_surrogate_ids_v2.csv
--   source_cbbr_option                 ae-data-backups zoning-api/cbbr_options_cascade_v2.csv
--   source_cbbr_export                 edm-publishing  db-cbbr/publish/latest/cbbr_export.csv
--
-- The option lists carry column names with spaces and capitals; they are kept as the files spell
-- them, since the loader matches the CSV header by name. No table has a key: duplicates and
-- unmatched texts are counted and reported by the transform, which names them, instead of a load
-- that fails on "line N" or a key that drops them silently.

DROP TABLE IF EXISTS source_cbbr_options_no_duplicates CASCADE;

-- Parallel, independent lists padded with empty fields: row i holds the i-th policy area with its
-- id, the i-th need group with its id, the i-th need and the i-th request. Each list is read on its
-- own (rows with a NULL in that column are skipped for that list).
CREATE TABLE source_cbbr_options_no_duplicates (
    policy_area_id  integer,
    "Policy Area"   text,
    need_group_id   integer,
    "Need Group"    text,
    "Agency"        text,
    "Type"          text,
    "Need"          text,
    "Request"       text
);

DROP TABLE IF EXISTS source_cbbr_option CASCADE;

-- One row per valid combination of filter options. "Agency" is a full agency name, usually ending
-- in its acronym in parentheses; the transform derives the initials from it.
CREATE TABLE source_cbbr_option (
    "Policy Area" text,
    "Need Group"  text,
    "Agency"      text,
    "Type"        text,
    "Need"        text,
    "Request"     text
);

DROP TABLE IF EXISTS source_cbbr_export CASCADE;

-- One row per community board budget request, as Data Engineering's export writes it (a CSV COPY:
-- NULLs are unquoted empty fields, the geometry is hex EWKB in EPSG:4326, of any type: MultiPoint,
-- MultiPolygon or, from manual mapping, GeometryCollection). The constraints are the ones the
-- transform relies on by position or by code list; every other rule is checked, with the tracking
-- code, by the transform.
CREATE TABLE source_cbbr_export (
    unique_id                text,
    tracking_code            text,
    borough                  text,
    borough_code             char(1) NOT NULL,
    cd                       char(2) NOT NULL,
    commdist                 char(3) NOT NULL,
    cb_label                 text,
    type_br                  char(1) NOT NULL,
    type                     text,
    priority                 integer,
    policy_area              text,
    need_group               text,
    need                     text,
    title                    text,
    request                  text,
    explanation              text,
    location_specific        text,
    site_name                text,
    address                  text,
    street_name              text,
    on_street                text,
    cross_street_1           text,
    cross_street_2           text,
    intersection_street_1    text,
    intersection_street_2    text,
    supporters_1             text,
    supporters_2             text,
    agency_acronym           text,
    agency                   text,
    agency_category_response text,
    agency_response          text,
    geo_function             text,
    geom                     geometry(Geometry, 4326),
    -- Two-digit, zero-padded district number (01-18); joined with borough_code to community_district.
    CONSTRAINT source_cbbr_export_cd_check CHECK (cd ~ '^[0-9]{2}$'),
    -- C(apital) or E(xpense); becomes request_type.
    CONSTRAINT source_cbbr_export_type_br_check CHECK (type_br IN ('C', 'E')),
    CONSTRAINT source_cbbr_export_type_check CHECK (type IN ('Capital', 'Expense'))
);
