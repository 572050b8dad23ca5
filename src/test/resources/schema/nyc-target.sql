-- The NYC API (target) schema of domains.md section 3, written from the facts listed there.
-- Used by the integration tests as a realistic target; PostGIS must already be enabled.

CREATE TYPE category AS ENUM ('Residential', 'Commercial', 'Manufacturing');
CREATE TYPE capital_project_category AS ENUM ('Fixed Asset', 'Lump Sum', 'ITT, Vehicles and Equipment');
CREATE TYPE capital_project_fund_stage AS ENUM ('adopt', 'allocate', 'commit', 'spent');
CREATE TYPE capital_fund_category AS ENUM ('city-non-exempt', 'city-exempt', 'city-cost', 'non-city-state',
    'non-city-federal', 'non-city-other', 'non-city-cost', 'total');

CREATE TABLE borough (
    id char(1) NOT NULL,
    title text NOT NULL,
    abbr text NOT NULL,
    CONSTRAINT borough_pkey PRIMARY KEY (id)
);

CREATE TABLE city_council_district (
    id text NOT NULL,
    li_ft geometry(MultiPolygon, 2263),
    mercator_fill geometry(MultiPolygon, 3857),
    mercator_label geometry(Point, 3857),
    CONSTRAINT city_council_district_pkey PRIMARY KEY (id)
);
CREATE INDEX city_council_district_li_ft_idx ON city_council_district USING gist (li_ft);
CREATE INDEX city_council_district_mercator_fill_idx ON city_council_district USING gist (mercator_fill);
CREATE INDEX city_council_district_mercator_label_idx ON city_council_district USING gist (mercator_label);

-- li_ft is dropped and added again, as the original migration did, so it is physically last after a dropped column.
CREATE TABLE community_district (
    borough_id char(1) NOT NULL,
    id char(2) NOT NULL,
    li_ft geometry(MultiPolygon, 2263),
    mercator_fill geometry(MultiPolygon, 3857),
    mercator_label geometry(Point, 3857),
    CONSTRAINT community_district_borough_id_id_pk PRIMARY KEY (borough_id, id),
    CONSTRAINT community_district_borough_id_borough_id_fk FOREIGN KEY (borough_id) REFERENCES borough (id)
);
ALTER TABLE community_district DROP COLUMN li_ft;
ALTER TABLE community_district ADD COLUMN li_ft geometry(MultiPolygon, 2263);
CREATE INDEX community_district_li_ft_idx ON community_district USING gist (li_ft);
CREATE INDEX community_district_mercator_fill_idx ON community_district USING gist (mercator_fill);
CREATE INDEX community_district_mercator_label_idx ON community_district USING gist (mercator_label);

CREATE TABLE land_use (
    id char(2) NOT NULL,
    description text NOT NULL,
    color char(9) NOT NULL,
    CONSTRAINT land_use_pkey PRIMARY KEY (id)
);

CREATE TABLE tax_lot (
    bbl char(10) NOT NULL,
    borough_id char(1) NOT NULL,
    block text NOT NULL,
    lot text NOT NULL,
    address text,
    land_use_id char(2),
    wgs84 geography(MultiPolygon, 4326) NOT NULL,
    li_ft geometry(MultiPolygon, 2263) NOT NULL,
    CONSTRAINT tax_lot_pkey PRIMARY KEY (bbl),
    CONSTRAINT tax_lot_borough_id_borough_id_fk FOREIGN KEY (borough_id) REFERENCES borough (id),
    CONSTRAINT tax_lot_land_use_id_land_use_id_fk FOREIGN KEY (land_use_id) REFERENCES land_use (id)
);

CREATE TABLE zoning_district (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    label text NOT NULL,
    wgs84 geography(MultiPolygon, 4326) NOT NULL,
    li_ft geometry(MultiPolygon, 2263) NOT NULL,
    CONSTRAINT zoning_district_pkey PRIMARY KEY (id)
);

CREATE TABLE zoning_district_class (
    id text NOT NULL,
    category category,
    description text NOT NULL,
    url text,
    color char(9) NOT NULL,
    CONSTRAINT zoning_district_class_pkey PRIMARY KEY (id)
);

CREATE TABLE zoning_district_zoning_district_class (
    zoning_district_id uuid NOT NULL,
    zoning_district_class_id text NOT NULL,
    CONSTRAINT zoning_district_zoning_district_class_zoning_district_id_fk
        FOREIGN KEY (zoning_district_id) REFERENCES zoning_district (id),
    CONSTRAINT zoning_district_zoning_district_class_zoning_district_class_id_fk
        FOREIGN KEY (zoning_district_class_id) REFERENCES zoning_district_class (id)
);

CREATE TABLE managing_code (
    id char(3) NOT NULL,
    CONSTRAINT managing_code_pkey PRIMARY KEY (id)
);

CREATE TABLE agency (
    initials text NOT NULL,
    name text NOT NULL,
    CONSTRAINT agency_pkey PRIMARY KEY (initials)
);

CREATE TABLE capital_project (
    managing_code char(3) NOT NULL,
    id text NOT NULL,
    managing_agency text NOT NULL,
    description text NOT NULL,
    min_date date NOT NULL,
    max_date date NOT NULL,
    category capital_project_category,
    li_ft_m_pnt geometry(MultiPoint, 2263),
    li_ft_m_poly geometry(MultiPolygon, 2263),
    mercator_label geometry(Point, 3857),
    mercator_fill_m_pnt geometry(MultiPoint, 3857),
    mercator_fill_m_poly geometry(MultiPolygon, 3857),
    CONSTRAINT capital_project_managing_code_id_pk PRIMARY KEY (managing_code, id),
    CONSTRAINT capital_project_managing_code_managing_code_id_fk
        FOREIGN KEY (managing_code) REFERENCES managing_code (id),
    CONSTRAINT capital_project_managing_agency_agency_initials_fk
        FOREIGN KEY (managing_agency) REFERENCES agency (initials)
);
CREATE INDEX capital_project_li_ft_m_pnt_idx ON capital_project USING gist (li_ft_m_pnt);
CREATE INDEX capital_project_li_ft_m_poly_idx ON capital_project USING gist (li_ft_m_poly);
CREATE INDEX capital_project_mercator_fill_m_pnt_idx ON capital_project USING gist (mercator_fill_m_pnt);
CREATE INDEX capital_project_mercator_fill_m_poly_idx ON capital_project USING gist (mercator_fill_m_poly);

CREATE TABLE capital_project_fund (
    id uuid NOT NULL,
    managing_code char(3),
    capital_project_id text,
    capital_fund_category capital_fund_category,
    stage capital_project_fund_stage,
    value numeric,
    CONSTRAINT capital_project_fund_pkey PRIMARY KEY (id),
    CONSTRAINT custom_fk FOREIGN KEY (managing_code, capital_project_id)
        REFERENCES capital_project (managing_code, id)
);

CREATE TABLE capital_project_checkbook (
    id uuid NOT NULL,
    managing_code char(3),
    capital_project_id text,
    value numeric,
    CONSTRAINT capital_project_checkbook_pkey PRIMARY KEY (id),
    CONSTRAINT custom_fk FOREIGN KEY (managing_code, capital_project_id)
        REFERENCES capital_project (managing_code, id)
);

CREATE TABLE capital_commitment_type (
    code char(4) NOT NULL,
    description text NOT NULL,
    CONSTRAINT capital_commitment_type_pkey PRIMARY KEY (code)
);

CREATE TABLE agency_budget (
    code text NOT NULL,
    type text NOT NULL,
    sponsor text NOT NULL,
    CONSTRAINT agency_budget_pkey PRIMARY KEY (code),
    CONSTRAINT agency_budget_sponsor_agency_initials_fk FOREIGN KEY (sponsor) REFERENCES agency (initials)
);

CREATE TABLE budget_line (
    code text NOT NULL,
    id text NOT NULL,
    CONSTRAINT budget_line_code_id_pk PRIMARY KEY (code, id),
    CONSTRAINT budget_line_code_agency_budget_code_fk FOREIGN KEY (code) REFERENCES agency_budget (code)
);

CREATE TABLE capital_commitment (
    id uuid NOT NULL,
    type char(4) NOT NULL,
    planned_date date NOT NULL,
    managing_code char(3),
    capital_project_id text,
    budget_line_code text NOT NULL,
    budget_line_id text NOT NULL,
    CONSTRAINT captial_commitment_pkey PRIMARY KEY (id),
    CONSTRAINT capital_commitment_type_capital_commitment_type_code_fk
        FOREIGN KEY (type) REFERENCES capital_commitment_type (code),
    CONSTRAINT capital_commitment_capital_project_fk FOREIGN KEY (managing_code, capital_project_id)
        REFERENCES capital_project (managing_code, id),
    CONSTRAINT capital_commitment_budget_line_fk FOREIGN KEY (budget_line_code, budget_line_id)
        REFERENCES budget_line (code, id)
);

CREATE TABLE capital_commitment_fund (
    id uuid NOT NULL,
    capital_commitment_id uuid,
    capital_fund_category capital_fund_category,
    value numeric NOT NULL,
    CONSTRAINT capital_commitment_fund_pkey PRIMARY KEY (id),
    CONSTRAINT capital_commitment_fund_capital_commitment_id_capital_commitment_id_fk
        FOREIGN KEY (capital_commitment_id) REFERENCES capital_commitment (id)
);
