-- Source table of the city-council-districts domain: DCP's council district shapefile (release 24B),
-- converted to CSV.
--
-- The converter keeps the shapefile's own CRS (taken from its .prj; the published files are in
-- EPSG:2263) and writes hex EWKB with that SRID, so the geometry columns carry no fixed SRID.
-- The SRID check rejects geometries that lost their CRS: ST_Transform in the transform step could
-- not reproject them. The transform reprojects to each target SRID itself.

DROP TABLE IF EXISTS source_city_council_district CASCADE;

CREATE TABLE source_city_council_district (
    coundist   text NOT NULL,
    shape_leng float,
    shape_area float,
    wkt        geometry(MultiPolygon) NOT NULL,
    CONSTRAINT source_city_council_district_pkey PRIMARY KEY (coundist),
    -- Council districts are numbered 1 to 51, without zero padding.
    CONSTRAINT source_city_council_district_coundist_check CHECK (coundist ~ '^[0-9]{1,2}$'),
    CONSTRAINT source_city_council_district_wkt_srid_check CHECK (ST_SRID(wkt) <> 0)
);
