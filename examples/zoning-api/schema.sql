-- The zoning / capital-planning API schema of today (ae-zoning-api after its 44 migrations: 34 tables,
-- no enum types), written from section 2 of the 2026 data-domain specification. It is the target the
-- demo and the tests populate, and it doubles as the model the flow replicates.
--
-- Column order is physical order and matters: consumers of the original moved rows by position. Two
-- columns are physically last because a migration dropped and re-added them: community_district.li_ft
-- and capital_project.category.
-- The four enums of 2024 are gone: their columns are text with CHECK constraints. A CHECK on a
-- nullable column also admits NULL. No UNIQUE constraint besides primary keys; every foreign key is
-- ON DELETE / ON UPDATE NO ACTION (the default, so not spelt out).
-- Constraint names are the API's stored names; PostgreSQL truncated those longer than 63 characters
-- when the API created them, so several foreign-key names end mid-word on purpose.

CREATE EXTENSION IF NOT EXISTS postgis;

-- agencies ------------------------------------------------------------------------------------

CREATE TABLE agency (
    initials        text NOT NULL,
    name            text NOT NULL,
    oversight_level text,
    CONSTRAINT agency_pkey PRIMARY KEY (initials),
    CONSTRAINT agency_oversight_level
        CHECK (oversight_level IS NULL OR oversight_level IN ('City', 'County', 'State', 'Federal'))
);

CREATE TABLE managing_code (
    id char(3) NOT NULL,
    CONSTRAINT managing_code_pkey PRIMARY KEY (id)
);

-- boroughs ------------------------------------------------------------------------------------

CREATE TABLE borough (
    id             char(1) NOT NULL,
    title          text NOT NULL,
    abbr           text NOT NULL,
    li_ft          geometry(MultiPolygon, 2263),
    mercator_fill  geometry(MultiPolygon, 3857),
    mercator_label geometry(Point, 3857),
    CONSTRAINT borough_pkey PRIMARY KEY (id)
);

CREATE INDEX borough_li_ft_index ON borough USING gist (li_ft);
CREATE INDEX borough_mercator_fill_index ON borough USING gist (mercator_fill);
CREATE INDEX borough_mercator_label_index ON borough USING gist (mercator_label);

-- city-council-districts ----------------------------------------------------------------------

CREATE TABLE city_council_district (
    id             text NOT NULL,
    li_ft          geometry(MultiPolygon, 2263),
    mercator_fill  geometry(MultiPolygon, 3857),
    mercator_label geometry(Point, 3857),
    CONSTRAINT city_council_district_pkey PRIMARY KEY (id)
);

CREATE INDEX city_council_district_li_ft_index ON city_council_district USING gist (li_ft);
CREATE INDEX city_council_district_mercator_fill_index ON city_council_district USING gist (mercator_fill);
CREATE INDEX city_council_district_mercator_label_index ON city_council_district USING gist (mercator_label);

-- community-districts -------------------------------------------------------------------------

-- li_ft is physically last: in the API a migration dropped the column and added it again.
CREATE TABLE community_district (
    borough_id     char(1) NOT NULL,
    id             char(2) NOT NULL,
    mercator_fill  geometry(MultiPolygon, 3857),
    mercator_label geometry(Point, 3857),
    li_ft          geometry(MultiPolygon, 2263),
    CONSTRAINT community_district_borough_id_id_pk PRIMARY KEY (borough_id, id),
    CONSTRAINT community_district_borough_id_borough_id_fk
        FOREIGN KEY (borough_id) REFERENCES borough (id)
);

CREATE INDEX community_district_li_ft_index ON community_district USING gist (li_ft);
CREATE INDEX community_district_mercator_fill_index ON community_district USING gist (mercator_fill);
CREATE INDEX community_district_mercator_label_index ON community_district USING gist (mercator_label);

-- pluto ---------------------------------------------------------------------------------------

CREATE TABLE land_use (
    id          char(2) NOT NULL,
    description text NOT NULL,
    color       char(9) NOT NULL,
    CONSTRAINT land_use_pkey PRIMARY KEY (id)
);

-- No spatial index in the API.
CREATE TABLE tax_lot (
    bbl         char(10) NOT NULL,
    borough_id  char(1) NOT NULL,
    block       text NOT NULL,
    lot         text NOT NULL,
    address     text,
    land_use_id char(2),
    wgs84       geography(MultiPolygon, 4326) NOT NULL,
    li_ft       geometry(MultiPolygon, 2263) NOT NULL,
    CONSTRAINT tax_lot_pkey PRIMARY KEY (bbl),
    CONSTRAINT tax_lot_borough_id_borough_id_fk
        FOREIGN KEY (borough_id) REFERENCES borough (id),
    CONSTRAINT tax_lot_land_use_id_land_use_id_fk
        FOREIGN KEY (land_use_id) REFERENCES land_use (id)
);

-- No spatial index in the API.
CREATE TABLE zoning_district (
    id    uuid NOT NULL DEFAULT gen_random_uuid(),
    label text NOT NULL,
    wgs84 geography(MultiPolygon, 4326) NOT NULL,
    li_ft geometry(MultiPolygon, 2263) NOT NULL,
    CONSTRAINT zoning_district_pkey PRIMARY KEY (id)
);

CREATE TABLE zoning_district_class (
    id          text NOT NULL,
    category    text,
    description text NOT NULL,
    url         text,
    color       char(9) NOT NULL,
    CONSTRAINT zoning_district_class_pkey PRIMARY KEY (id),
    CONSTRAINT zoning_district_class_category_options
        CHECK (category IN ('Residential', 'Commercial', 'Manufacturing'))
);

-- A link table without primary key or unique constraint, as in the API.
CREATE TABLE zoning_district_zoning_district_class (
    zoning_district_id       uuid NOT NULL,
    zoning_district_class_id text NOT NULL,
    CONSTRAINT zoning_district_zoning_district_class_zoning_district_class_id_
        FOREIGN KEY (zoning_district_class_id) REFERENCES zoning_district_class (id),
    CONSTRAINT zoning_district_zoning_district_class_zoning_district_id_zoning
        FOREIGN KEY (zoning_district_id) REFERENCES zoning_district (id)
);

-- capital-planning ----------------------------------------------------------------------------

-- category is physically last (dropped with its enum and re-added as text). Today's API spells the
-- third category with the Oxford comma, as CPDB publishes it. GiST indexes on the four fill columns;
-- the API has none on mercator_label.
CREATE TABLE capital_project (
    managing_code        char(3) NOT NULL,
    id                   text NOT NULL,
    managing_agency      text NOT NULL,
    description          text NOT NULL,
    min_date             date NOT NULL,
    max_date             date NOT NULL,
    li_ft_m_pnt          geometry(MultiPoint, 2263),
    li_ft_m_poly         geometry(MultiPolygon, 2263),
    mercator_label       geometry(Point, 3857),
    mercator_fill_m_pnt  geometry(MultiPoint, 3857),
    mercator_fill_m_poly geometry(MultiPolygon, 3857),
    category             text,
    CONSTRAINT capital_project_managing_code_id_pk PRIMARY KEY (managing_code, id),
    CONSTRAINT capital_project_managing_agency_agency_initials_fk
        FOREIGN KEY (managing_agency) REFERENCES agency (initials),
    CONSTRAINT capital_project_managing_code_managing_code_id_fk
        FOREIGN KEY (managing_code) REFERENCES managing_code (id),
    CONSTRAINT capital_project_category_options
        CHECK (category IN ('Fixed Asset', 'Lump Sum', 'ITT, Vehicles, and Equipment'))
);

CREATE INDEX capital_project_li_ft_m_pnt_index ON capital_project USING gist (li_ft_m_pnt);
CREATE INDEX capital_project_li_ft_m_poly_index ON capital_project USING gist (li_ft_m_poly);
CREATE INDEX capital_project_mercator_fill_m_pnt_index ON capital_project USING gist (mercator_fill_m_pnt);
CREATE INDEX capital_project_mercator_fill_m_poly_index ON capital_project USING gist (mercator_fill_m_poly);

CREATE TABLE capital_project_fund (
    id                    uuid NOT NULL,
    managing_code         char(3),
    capital_project_id    text,
    capital_fund_category text,
    stage                 text,
    value                 numeric,
    CONSTRAINT capital_project_fund_pkey PRIMARY KEY (id),
    CONSTRAINT custom_fk
        FOREIGN KEY (managing_code, capital_project_id) REFERENCES capital_project (managing_code, id),
    CONSTRAINT capital_project_fund_capital_fund_category
        CHECK (capital_fund_category IN ('city-non-exempt', 'city-exempt', 'city-cost', 'non-city-state',
                                         'non-city-federal', 'non-city-other', 'non-city-cost', 'total')),
    CONSTRAINT capital_project_fund_stage_options
        CHECK (stage IN ('adopt', 'allocate', 'commit', 'spent'))
);

CREATE TABLE capital_commitment_type (
    code        char(4) NOT NULL,
    description text NOT NULL,
    CONSTRAINT capital_commitment_type_pkey PRIMARY KEY (code)
);

CREATE TABLE capital_project_checkbook (
    id                 uuid NOT NULL,
    managing_code      char(3),
    capital_project_id text,
    value              numeric,
    CONSTRAINT capital_project_checkbook_pkey PRIMARY KEY (id),
    CONSTRAINT custom_fk
        FOREIGN KEY (managing_code, capital_project_id) REFERENCES capital_project (managing_code, id)
);

CREATE TABLE agency_budget (
    code    text NOT NULL,
    type    text NOT NULL,
    sponsor text NOT NULL,
    CONSTRAINT agency_budget_pkey PRIMARY KEY (code),
    CONSTRAINT agency_budget_sponsor_agency_initials_fk
        FOREIGN KEY (sponsor) REFERENCES agency (initials)
);

CREATE TABLE budget_line (
    code text NOT NULL,
    id   text NOT NULL,
    CONSTRAINT budget_line_code_id_pk PRIMARY KEY (code, id),
    CONSTRAINT budget_line_code_agency_budget_code_fk
        FOREIGN KEY (code) REFERENCES agency_budget (code)
);

-- The primary key's misspelt name ("captial") is the API's own.
CREATE TABLE capital_commitment (
    id                 uuid NOT NULL,
    type               char(4) NOT NULL,
    planned_date       date NOT NULL,
    managing_code      char(3),
    capital_project_id text,
    budget_line_code   text NOT NULL,
    budget_line_id     text NOT NULL,
    CONSTRAINT captial_commitment_pkey PRIMARY KEY (id),
    CONSTRAINT capital_commitment_budget_line_code_budget_line_id_budget_line_
        FOREIGN KEY (budget_line_code, budget_line_id) REFERENCES budget_line (code, id),
    CONSTRAINT capital_commitment_managing_code_capital_project_id_capital_pro
        FOREIGN KEY (managing_code, capital_project_id) REFERENCES capital_project (managing_code, id),
    CONSTRAINT capital_commitment_type_capital_commitment_type_code_fk
        FOREIGN KEY (type) REFERENCES capital_commitment_type (code)
);

CREATE TABLE capital_commitment_fund (
    id                    uuid NOT NULL,
    capital_commitment_id uuid,
    capital_fund_category text,
    value                 numeric NOT NULL,
    CONSTRAINT capital_commitment_fund_pkey PRIMARY KEY (id),
    CONSTRAINT capital_commitment_fund_capital_commitment_id_capital_commitmen
        FOREIGN KEY (capital_commitment_id) REFERENCES capital_commitment (id),
    CONSTRAINT capital_commitment_fund_capital_fund_category
        CHECK (capital_fund_category IN ('city-non-exempt', 'city-exempt', 'city-cost', 'non-city-state',
                                         'non-city-federal', 'non-city-other', 'non-city-cost', 'total'))
);

-- community-board-budget-requests -------------------------------------------------------------

-- The five CBBR option lists have smallint identity ids generated BY DEFAULT, so explicit ids load.
CREATE TABLE cbbr_policy_area (
    id          smallint GENERATED BY DEFAULT AS IDENTITY
                    (SEQUENCE NAME cbbr_policy_area_id_seq START WITH 1 INCREMENT BY 1
                     MINVALUE 1 MAXVALUE 32767 CACHE 1) NOT NULL,
    description text NOT NULL,
    CONSTRAINT cbbr_policy_area_pkey PRIMARY KEY (id)
);

CREATE TABLE cbbr_need_group (
    id          smallint GENERATED BY DEFAULT AS IDENTITY
                    (SEQUENCE NAME cbbr_need_group_id_seq START WITH 1 INCREMENT BY 1
                     MINVALUE 1 MAXVALUE 32767 CACHE 1) NOT NULL,
    description text NOT NULL,
    CONSTRAINT cbbr_need_group_pkey PRIMARY KEY (id)
);

CREATE TABLE cbbr_need (
    id          smallint GENERATED BY DEFAULT AS IDENTITY
                    (SEQUENCE NAME cbbr_need_id_seq START WITH 1 INCREMENT BY 1
                     MINVALUE 1 MAXVALUE 32767 CACHE 1) NOT NULL,
    description text NOT NULL,
    CONSTRAINT cbbr_need_pkey PRIMARY KEY (id)
);

CREATE TABLE cbbr_request (
    id          smallint GENERATED BY DEFAULT AS IDENTITY
                    (SEQUENCE NAME cbbr_request_id_seq START WITH 1 INCREMENT BY 1
                     MINVALUE 1 MAXVALUE 32767 CACHE 1) NOT NULL,
    description text NOT NULL,
    CONSTRAINT cbbr_request_pkey PRIMARY KEY (id)
);

-- No primary key in the API. The CHECK's name says "cbbr_request" although it sits on this table:
-- that is the API's stored name.
CREATE TABLE cbbr_option_cascade (
    policy_area_id  smallint NOT NULL,
    need_group_id   smallint NOT NULL,
    agency_initials text NOT NULL,
    type            text NOT NULL,
    need_id         smallint NOT NULL,
    request_id      smallint NOT NULL,
    CONSTRAINT cbbr_option_cascade_agency_initials_agency_initials_fk
        FOREIGN KEY (agency_initials) REFERENCES agency (initials),
    CONSTRAINT cbbr_option_cascade_need_group_id_cbbr_need_group_id_fk
        FOREIGN KEY (need_group_id) REFERENCES cbbr_need_group (id),
    CONSTRAINT cbbr_option_cascade_need_id_cbbr_need_id_fk
        FOREIGN KEY (need_id) REFERENCES cbbr_need (id),
    CONSTRAINT cbbr_option_cascade_policy_area_id_cbbr_policy_area_id_fk
        FOREIGN KEY (policy_area_id) REFERENCES cbbr_policy_area (id),
    CONSTRAINT cbbr_option_cascade_request_id_cbbr_request_id_fk
        FOREIGN KEY (request_id) REFERENCES cbbr_request (id),
    CONSTRAINT cbbr_request_type_options
        CHECK (type IN ('Capital', 'Expense'))
);

CREATE TABLE cbbr_agency_category_response (
    id          smallint GENERATED BY DEFAULT AS IDENTITY
                    (SEQUENCE NAME cbbr_agency_category_response_id_seq START WITH 1 INCREMENT BY 1
                     MINVALUE 1 MAXVALUE 32767 CACHE 1) NOT NULL,
    description text NOT NULL,
    CONSTRAINT cbbr_agency_category_response_pkey PRIMARY KEY (id)
);

-- The same five geometry columns as capital_project, but mercator_label has a GiST index here.
CREATE TABLE community_board_budget_request (
    id                          text NOT NULL,
    internal_id                 text NOT NULL,
    borough_id                  char(1) NOT NULL,
    community_district_id       char(2) NOT NULL,
    agency                      text NOT NULL,
    managing_code               char(3) NOT NULL,
    agency_category_response_id smallint,
    agency_response             text,
    request_type                text NOT NULL,
    policy_area_id              smallint NOT NULL,
    need_group_id               smallint NOT NULL,
    priority                    smallint NOT NULL,
    need_id                     smallint NOT NULL,
    request_id                  smallint,
    explanation                 text,
    is_location_specific        boolean NOT NULL,
    li_ft_m_pnt                 geometry(MultiPoint, 2263),
    li_ft_m_poly                geometry(MultiPolygon, 2263),
    mercator_label              geometry(Point, 3857),
    mercator_fill_m_pnt         geometry(MultiPoint, 3857),
    mercator_fill_m_poly        geometry(MultiPolygon, 3857),
    is_continued_support        boolean NOT NULL,
    title                       text NOT NULL,
    address                     text,
    site_name                   text,
    segment_on_street           text,
    segment_cross_street_one    text,
    segment_cross_street_two    text,
    intersection_street_one     text,
    intersection_street_two     text,
    CONSTRAINT community_board_budget_request_pkey PRIMARY KEY (id),
    CONSTRAINT community_board_budget_request_agency_agency_initials_fk
        FOREIGN KEY (agency) REFERENCES agency (initials),
    CONSTRAINT community_board_budget_request_agency_category_response_id_cbbr
        FOREIGN KEY (agency_category_response_id) REFERENCES cbbr_agency_category_response (id),
    CONSTRAINT community_board_budget_request_borough_id_community_district_id
        FOREIGN KEY (borough_id, community_district_id) REFERENCES community_district (borough_id, id),
    CONSTRAINT community_board_budget_request_managing_code_managing_code_id_f
        FOREIGN KEY (managing_code) REFERENCES managing_code (id),
    CONSTRAINT community_board_budget_request_need_group_id_cbbr_need_group_id
        FOREIGN KEY (need_group_id) REFERENCES cbbr_need_group (id),
    CONSTRAINT community_board_budget_request_need_id_cbbr_need_id_fk
        FOREIGN KEY (need_id) REFERENCES cbbr_need (id),
    CONSTRAINT community_board_budget_request_policy_area_id_cbbr_policy_area_
        FOREIGN KEY (policy_area_id) REFERENCES cbbr_policy_area (id),
    CONSTRAINT community_board_budget_request_request_id_cbbr_request_id_fk
        FOREIGN KEY (request_id) REFERENCES cbbr_request (id),
    CONSTRAINT community_board_budget_request_request_type_options
        CHECK (request_type IN ('Capital', 'Expense'))
);

CREATE INDEX community_board_budget_request_li_ft_m_pnt_index
    ON community_board_budget_request USING gist (li_ft_m_pnt);
CREATE INDEX community_board_budget_request_li_ft_m_poly_index
    ON community_board_budget_request USING gist (li_ft_m_poly);
CREATE INDEX community_board_budget_request_mercator_fill_m_pnt_index
    ON community_board_budget_request USING gist (mercator_fill_m_pnt);
CREATE INDEX community_board_budget_request_mercator_fill_m_poly_index
    ON community_board_budget_request USING gist (mercator_fill_m_poly);
CREATE INDEX community_board_budget_request_mercator_label_index
    ON community_board_budget_request USING gist (mercator_label);

-- neighborhood-tabulation-areas ---------------------------------------------------------------

-- No label point. The key is (name, year): 2010 and 2020 areas live side by side.
CREATE TABLE neighborhood_tabulation_area (
    name          text NOT NULL,
    year          smallint NOT NULL,
    code          text,
    li_ft         geometry(MultiPolygon, 2263),
    mercator_fill geometry(MultiPolygon, 3857),
    CONSTRAINT neighborhood_tabulation_area_name_year_pk PRIMARY KEY (name, year)
);

CREATE INDEX neighborhood_tabulation_area_li_ft_index ON neighborhood_tabulation_area USING gist (li_ft);
CREATE INDEX neighborhood_tabulation_area_mercator_fill_index
    ON neighborhood_tabulation_area USING gist (mercator_fill);

-- census-tracts -------------------------------------------------------------------------------

-- borough_id is physically last (added by a later migration); the key leads with it.
CREATE TABLE census_tract (
    label         text NOT NULL,
    year          smallint NOT NULL,
    li_ft         geometry(MultiPolygon, 2263),
    mercator_fill geometry(MultiPolygon, 3857),
    borough_id    char(1) NOT NULL,
    CONSTRAINT census_tract_borough_id_label_year_pk PRIMARY KEY (borough_id, label, year),
    CONSTRAINT census_tract_borough_id_borough_id_fk
        FOREIGN KEY (borough_id) REFERENCES borough (id)
);

CREATE INDEX census_tract_li_ft_index ON census_tract USING gist (li_ft);
CREATE INDEX census_tract_mercator_fill_index ON census_tract USING gist (mercator_fill);

-- data-sources --------------------------------------------------------------------------------

CREATE TABLE data_source (
    schema_name   text NOT NULL,
    dataset_name  text,
    version       text NOT NULL,
    retrieve_date date NOT NULL,
    url           text,
    CONSTRAINT data_source_pkey PRIMARY KEY (schema_name)
);

-- facilities ----------------------------------------------------------------------------------

CREATE TABLE facility_operator (
    id           uuid NOT NULL,
    abbreviation text,
    name         text,
    type         text,
    CONSTRAINT facility_operator_pkey PRIMARY KEY (id),
    CONSTRAINT facility_operator_type_options
        CHECK (type IN ('Public', 'Non-public'))
);

-- The four category levels have smallint identity ids generated BY DEFAULT, so explicit ids load.
CREATE TABLE facility_domain (
    id          smallint GENERATED BY DEFAULT AS IDENTITY
                    (SEQUENCE NAME facility_domain_id_seq START WITH 1 INCREMENT BY 1
                     MINVALUE 1 MAXVALUE 32767 CACHE 1) NOT NULL,
    name        text NOT NULL,
    description text NOT NULL,
    short_name  text,
    CONSTRAINT facility_domain_pkey PRIMARY KEY (id)
);

CREATE TABLE facility_group (
    id                 smallint GENERATED BY DEFAULT AS IDENTITY
                           (SEQUENCE NAME facility_group_id_seq START WITH 1 INCREMENT BY 1
                            MINVALUE 1 MAXVALUE 32767 CACHE 1) NOT NULL,
    name               text NOT NULL,
    description        text,
    facility_domain_id smallint NOT NULL,
    CONSTRAINT facility_group_pkey PRIMARY KEY (id),
    CONSTRAINT facility_group_facility_domain_id_facility_domain_id_fk
        FOREIGN KEY (facility_domain_id) REFERENCES facility_domain (id)
);

CREATE TABLE facility_subgroup (
    id                smallint GENERATED BY DEFAULT AS IDENTITY
                          (SEQUENCE NAME facility_subgroup_id_seq START WITH 1 INCREMENT BY 1
                           MINVALUE 1 MAXVALUE 32767 CACHE 1) NOT NULL,
    name              text,
    description       text,
    facility_group_id smallint NOT NULL,
    CONSTRAINT facility_subgroup_pkey PRIMARY KEY (id),
    CONSTRAINT facility_subgroup_facility_group_id_facility_group_id_fk
        FOREIGN KEY (facility_group_id) REFERENCES facility_group (id)
);

CREATE TABLE facility_type (
    id                   smallint GENERATED BY DEFAULT AS IDENTITY
                             (SEQUENCE NAME facility_type_id_seq START WITH 1 INCREMENT BY 1
                              MINVALUE 1 MAXVALUE 32767 CACHE 1) NOT NULL,
    name                 text,
    facility_subgroup_id smallint NOT NULL,
    CONSTRAINT facility_type_pkey PRIMARY KEY (id),
    CONSTRAINT facility_type_facility_subgroup_id_facility_subgroup_id_fk
        FOREIGN KEY (facility_subgroup_id) REFERENCES facility_subgroup (id)
);

-- Point geometries are MultiPoint, and the Web Mercator column is named mercator (not mercator_fill).
CREATE TABLE facility (
    id                         text NOT NULL,
    name                       text,
    address                    text,
    address_number             text,
    street_name                text,
    city                       text,
    zip_code                   text,
    facility_type_id           smallint NOT NULL,
    service_area               text NOT NULL,
    facility_operator_id       uuid,
    overseeing_agency_initials text,
    capacity                   smallint,
    capacity_type              text,
    bin                        char(7),
    bbl                        char(10),
    li_ft                      geometry(MultiPoint, 2263),
    mercator                   geometry(MultiPoint, 3857),
    data_source_schema         text,
    sgr_ltr                    char(1),
    sgr_arc_ltr                char(1),
    sgr_sys_ltr                char(1),
    sgr_year                   smallint,
    CONSTRAINT facility_pkey PRIMARY KEY (id),
    CONSTRAINT facility_data_source_schema_data_source_schema_name_fk
        FOREIGN KEY (data_source_schema) REFERENCES data_source (schema_name),
    CONSTRAINT facility_facility_operator_id_facility_operator_id_fk
        FOREIGN KEY (facility_operator_id) REFERENCES facility_operator (id),
    CONSTRAINT facility_facility_type_id_facility_type_id_fk
        FOREIGN KEY (facility_type_id) REFERENCES facility_type (id),
    CONSTRAINT facility_overseeing_agency_initials_agency_initials_fk
        FOREIGN KEY (overseeing_agency_initials) REFERENCES agency (initials),
    CONSTRAINT facility_service_area_options
        CHECK (service_area IN ('Local', 'Regional'))
);

CREATE INDEX facility_li_ft_index ON facility USING gist (li_ft);
CREATE INDEX facility_mercator_index ON facility USING gist (mercator);
