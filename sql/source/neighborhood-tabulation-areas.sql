-- Source tables of the neighborhood-tabulation-areas domain: DCP's 2010 and 2020 NTA shapefiles
-- (release 24B), converted to CSV. Columns are the DBF field names, lower-cased by the converter;
-- the loader matches them by header name, so a reordered file still loads into the right columns.
--
-- The converter keeps the shapefile's own CRS (DCP publishes in EPSG:2263) and writes hex EWKB with
-- that SRID, so the geometry columns carry no fixed SRID; the check rejects geometries that lost
-- their CRS, which the transform could not reproject.
-- No key: two areas with one name in one vintage are reported by the transform, with their codes.

DROP TABLE IF EXISTS source_neighborhood_tabulation_area_2010 CASCADE;

CREATE TABLE source_neighborhood_tabulation_area_2010 (
    borocode   char(1),
    boroname   text,
    countyfips text,
    ntacode    text,
    ntaname    text NOT NULL,
    shape_leng float,
    shape_area float,
    wkt        geometry(MultiPolygon) NOT NULL,
    CONSTRAINT source_neighborhood_tabulation_area_2010_wkt_srid_check CHECK (ST_SRID(wkt) <> 0)
);

DROP TABLE IF EXISTS source_neighborhood_tabulation_area_2020 CASCADE;

CREATE TABLE source_neighborhood_tabulation_area_2020 (
    borocode   char(1),
    boroname   text,
    countyfips text,
    nta2020    text,
    ntaname    text NOT NULL,
    ntaabbrev  text,
    ntatype    text,
    cdta2020   text,
    cdtaname   text,
    shape_leng float,
    shape_area float,
    wkt        geometry(MultiPolygon) NOT NULL,
    CONSTRAINT source_neighborhood_tabulation_area_2020_wkt_srid_check CHECK (ST_SRID(wkt) <> 0)
);
