-- Source tables of the facilities domain: Data Engineering's facilities build (facilities.csv, from
-- the build folder of its dm-facdb-mock-sgr branch, as in the original) and the three
-- classification lists shipped with the flow in data/ (facility_category.csv, facility_group.csv,
-- facility_subgroup.csv).
--
-- facilities.csv: the loader matches columns by header name, and Data Engineering writes the
-- header in capitals (FACNAME ... SGR_ASSMNT_YEAR, UID; ../shared/spec/domains-2026.md 7.8), so
-- the columns carry those names, quoted. The transform reads them through one working table with
-- lower-case names (sql/transform/facilities.sql).
--
-- Only the columns the transform uses are typed: CAPACITY, XCOORD, YCOORD and SGR_ASSMNT_YEAR as
-- numbers (a value that is not a number is rejected with its file line and column). Every other
-- column is text. The original typed unused columns char(n) (CD char(3), NTA2010 char(4), ...), so
-- one longer value in a column nobody reads rejected the whole file (spec 5.2, item 16). Values
-- that must fit an API column (BIN char(7), BBL char(10), the SGR letters char(1)) are checked by
-- the transform, which names the facility.
-- No key and no NOT NULL: a missing or repeated UID is reported by the transform with the name.

DROP TABLE IF EXISTS source_facility CASCADE;

CREATE TABLE source_facility (
    "FACNAME"         text,
    "ADDRESSNUM"      text,
    "STREETNAME"      text,
    "ADDRESS"         text,
    "CITY"            text,
    "ZIPCODE"         text,
    "FACTYPE"         text,
    "FACSUBGRP"       text,
    "FACGROUP"        text,
    "FACDOMAIN"       text,
    "SERVAREA"        text,
    "OPNAME"          text,
    "OPABBREV"        text,
    "OPTYPE"          text,
    "OVERAGENCY"      text,
    "OVERABBREV"      text,
    "OVERLEVEL"       text,
    "CAPACITY"        numeric,
    "CAPTYPE"         text,
    "BORO"            text,
    "BIN"             text,
    "BBL"             text,
    "LATITUDE"        text,
    "LONGITUDE"       text,
    "XCOORD"          double precision,
    "YCOORD"          double precision,
    "CD"              text,
    "NTA2010"         text,
    "NTA2020"         text,
    "COUNCIL"         text,
    "CT2010"          text,
    "CT2020"          text,
    "BOROCODE"        text,
    "SCHOOLDIST"      text,
    "POLICEPRCT"      text,
    "DATASOURCE"      text,
    "RECTYPE"         text,
    "ASSET_ID"        text,
    "SGR_SCORE_TOT"   text,
    "SGR_GRADE_TOT"   text,
    "SGR_SCORE_ARCH"  text,
    "SGR_GRADE_ARCH"  text,
    "SGR_SCORE_SYST"  text,
    "SGR_GRADE_SYST"  text,
    "SGR_ASSMNT_YEAR" numeric,
    "UID"             text
);

-- The classification lists are the flow's own reviewed files, so they carry their rules as
-- constraints: a bad row is rejected at load with its file line.
--
-- data/facility_category.csv: the seven facility domains, with the ids the API serves (spec 3.6).
DROP TABLE IF EXISTS source_facility_category CASCADE;

CREATE TABLE source_facility_category (
    id          smallint NOT NULL,
    short_name  text,
    category    text NOT NULL,
    description text NOT NULL,
    CONSTRAINT source_facility_category_pkey PRIMARY KEY (id),
    CONSTRAINT source_facility_category_id_check CHECK (id > 0)
);

-- Facilities name their domain in capitals: names must differ ignoring case.
CREATE UNIQUE INDEX source_facility_category_name_key ON source_facility_category (upper(category));

-- data/facility_group.csv: the 25 groups of the original's list with its ids, plus the domain each
-- belongs to (category_id), from Data Engineering's classification (spec 7.8). The original's file
-- has no domain column and took the domain from the facilities, so a group no facility used
-- aborted the run (spec 5.2, item 11).
DROP TABLE IF EXISTS source_facility_group CASCADE;

CREATE TABLE source_facility_group (
    id          smallint NOT NULL,
    name        text NOT NULL,
    description text,
    category_id smallint NOT NULL,
    CONSTRAINT source_facility_group_pkey PRIMARY KEY (id),
    CONSTRAINT source_facility_group_id_check CHECK (id > 0)
);

CREATE UNIQUE INDEX source_facility_group_name_key ON source_facility_group (upper(name));

-- data/facility_subgroup.csv: the 72 subgroups of the original's list with its ids (1-72, spelling
-- as shipped), the nine of Data Engineering's classification that list lacks (73-81, spec 5.2,
-- item 12), and the group each belongs to (group_id, from the classification of spec 7.8; for the
-- nine, the group FacDB files them under, inferred, and no description, since none is published).
DROP TABLE IF EXISTS source_facility_subgroup CASCADE;

CREATE TABLE source_facility_subgroup (
    id          smallint NOT NULL,
    name        text NOT NULL,
    description text,
    group_id    smallint NOT NULL,
    CONSTRAINT source_facility_subgroup_pkey PRIMARY KEY (id),
    CONSTRAINT source_facility_subgroup_id_check CHECK (id > 0)
);

CREATE UNIQUE INDEX source_facility_subgroup_name_key ON source_facility_subgroup (upper(name));
