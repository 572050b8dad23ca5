-- Source table of the community-districts domain: DCP's community district shapefile (release 24B),
-- converted to CSV.
--
-- The converter keeps the shapefile's own CRS (taken from its .prj; the published files are in
-- EPSG:2263) and writes hex EWKB with that SRID, so the geometry columns carry no fixed SRID.
-- The SRID check rejects geometries that lost their CRS: ST_Transform in the transform step could
-- not reproject them. The transform reprojects to each target SRID itself.

DROP TABLE IF EXISTS source_community_district CASCADE;

CREATE TABLE source_community_district (
    borocd     char(3) NOT NULL,
    shape_leng float,
    shape_area float,
    wkt        geometry(MultiPolygon) NOT NULL,
    CONSTRAINT source_community_district_pkey PRIMARY KEY (borocd),
    -- Borough digit followed by the two-digit district number (e.g. 112, 503); the transform
    -- splits it by position, so the shape must be exact.
    CONSTRAINT source_community_district_borocd_check CHECK (borocd ~ '^[1-9][0-9]{2}$'),
    CONSTRAINT source_community_district_wkt_srid_check CHECK (ST_SRID(wkt) <> 0)
);
