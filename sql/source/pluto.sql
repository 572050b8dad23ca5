-- Source tables of the pluto domain: the static land-use and zoning-class lookups shipped in data/,
-- and the two pre-processed extracts from ae-data-backups/zoning-api (geometry as WKT).

DROP TABLE IF EXISTS source_land_use CASCADE;

CREATE TABLE source_land_use (
    id          char(2) NOT NULL,
    description text,
    color       char(9) NOT NULL,
    CONSTRAINT source_land_use_pkey PRIMARY KEY (id),
    CONSTRAINT source_land_use_id_check CHECK (id ~ '^[0-9]{2}$'),
    -- RGBA colour; either case is accepted because the shipped file mixes them (07 is #e0Beebff).
    CONSTRAINT source_land_use_color_check CHECK (color ~ '^#[0-9A-Fa-f]{8}$')
);

-- pluto.csv lists its columns as wkt, borough, block, lot, address, land_use, bbl; the loader
-- matches header names, so the declaration order below does not have to follow the file.
DROP TABLE IF EXISTS source_pluto CASCADE;

CREATE TABLE source_pluto (
    bbl      text NOT NULL,
    borough  char(2) NOT NULL,
    block    text NOT NULL,
    lot      text NOT NULL,
    address  text,
    land_use char(2),
    -- The extract is in EPSG:2263 and its WKT has no SRID; the column typmod assigns 2263.
    wkt      geometry(MultiPolygon, 2263) NOT NULL,
    CONSTRAINT source_pluto_pkey PRIMARY KEY (bbl),
    -- The backup stores BBL as a decimal with eight zero decimals; the transform keeps the first
    -- ten characters, which is only right when the value has exactly this shape.
    CONSTRAINT source_pluto_bbl_check CHECK (bbl ~ '^[0-9]{10}\.00000000$'),
    -- Only the shape of the abbreviation is checked here. Whether it names a known borough is
    -- checked by the transform against the borough table, where it can report a count.
    CONSTRAINT source_pluto_borough_check CHECK (borough ~ '^[A-Z]{2}$'),
    CONSTRAINT source_pluto_block_check CHECK (block ~ '^[1-9][0-9]{0,4}$'),
    CONSTRAINT source_pluto_lot_check CHECK (lot ~ '^[1-9][0-9]{0,3}$'),
    CONSTRAINT source_pluto_land_use_check CHECK (land_use ~ '^[0-9]{2}$')
);

-- zoning_districts.csv lists its columns as wkt, zonedist, shape_leng, shape_area.
-- No primary key: the file has no identifier and the transform assigns one per row.
DROP TABLE IF EXISTS source_zoning_district CASCADE;

CREATE TABLE source_zoning_district (
    zonedist   text NOT NULL,
    shape_leng float,
    shape_area float,
    -- The extract is in EPSG:4326 and its WKT has no SRID; the column typmod assigns 4326.
    wkt        geometry(MultiPolygon, 4326) NOT NULL
);

DROP TABLE IF EXISTS source_zoning_district_class CASCADE;

CREATE TABLE source_zoning_district_class (
    id          text NOT NULL,
    -- Text with the API's own CHECK (the enum of 2024 is gone).
    category    text NOT NULL,
    description text,
    url         text,
    color       char(9) NOT NULL,
    CONSTRAINT source_zoning_district_class_pkey PRIMARY KEY (id),
    -- Class codes are what the link transform extracts from labels: letter + number (R10, M1).
    CONSTRAINT source_zoning_district_class_id_check CHECK (id ~ '^[A-Z][0-9]+$'),
    CONSTRAINT source_zoning_district_class_category_check
        CHECK (category IN ('Residential', 'Commercial', 'Manufacturing')),
    CONSTRAINT source_zoning_district_class_color_check CHECK (color ~ '^#[0-9A-Fa-f]{8}$')
);
