-- Source tables of the boroughs domain: DCP's borough boundary shapefile (the floating
-- "production" release), converted to CSV, and the reviewed borough abbreviations
-- (data/borough_abbreviation.csv), which the published boundaries do not carry.
-- The release is not pinned, as in the original, on purpose: DCP publishes borough boundaries under
-- "production" only. A broken publish cannot reach the API unnoticed: the download records the
-- object's ETag in the run report, and pipeline.yaml's checks refuse anything but five valid
-- boroughs inside NYC's extent.
--
-- The converter keeps the shapefile's own CRS (taken from its .prj; DCP publishes in EPSG:2263)
-- and writes hex EWKB with that SRID, so the geometry column carries no fixed SRID. The SRID check
-- rejects geometries that lost their CRS: the transform could not reproject them.

DROP TABLE IF EXISTS source_borough CASCADE;

CREATE TABLE source_borough (
    borocode   char(1) NOT NULL,
    boroname   text NOT NULL,
    shape_leng float,
    shape_area float,
    wkt        geometry(MultiPolygon) NOT NULL,
    CONSTRAINT source_borough_pkey PRIMARY KEY (borocode),
    -- Borough codes are the single digits used as the first digit of a BBL / BoroCD.
    CONSTRAINT source_borough_borocode_check CHECK (borocode ~ '^[1-9]$'),
    CONSTRAINT source_borough_wkt_srid_check CHECK (ST_SRID(wkt) <> 0)
);

DROP TABLE IF EXISTS source_borough_abbreviation CASCADE;

CREATE TABLE source_borough_abbreviation (
    borocode char(1) NOT NULL,
    abbr     text NOT NULL,
    CONSTRAINT source_borough_abbreviation_pkey PRIMARY KEY (borocode),
    CONSTRAINT source_borough_abbreviation_abbr_check CHECK (abbr ~ '^[A-Z]{2}$')
);
