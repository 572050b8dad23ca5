-- Source tables of the census-tracts domain: DCP's 2010 (release 23B) and 2020 (release 25D) census
-- tract shapefiles, converted to CSV. Columns are the DBF field names, lower-cased by the converter.
--
-- The loader matches columns by header name, not by position: Data Engineering's current 2020
-- geodatabase puts PUMA after the two shape fields, which shifted three columns without an error
-- in the original's positional load.
-- The geometry columns carry the shapefile's own SRID (see neighborhood-tabulation-areas.sql).
-- No key: a tract listed twice, or a borough code that is not a borough, is reported by the
-- transform with the tract's label.

DROP TABLE IF EXISTS source_census_tracts_2010 CASCADE;

CREATE TABLE source_census_tracts_2010 (
    ctlabel    text NOT NULL,
    borocode   char(1) NOT NULL,
    boroname   text,
    ct2010     text,
    boroct2010 text,
    cdeligibil char(1),
    ntacode    text,
    ntaname    text,
    puma       text,
    shape_leng float,
    shape_area float,
    wkt        geometry(MultiPolygon) NOT NULL,
    CONSTRAINT source_census_tracts_2010_cdeligibil_check CHECK (cdeligibil IN ('I', 'E')),
    CONSTRAINT source_census_tracts_2010_wkt_srid_check CHECK (ST_SRID(wkt) <> 0)
);

DROP TABLE IF EXISTS source_census_tracts_2020 CASCADE;

CREATE TABLE source_census_tracts_2020 (
    ctlabel    text NOT NULL,
    borocode   char(1) NOT NULL,
    boroname   text,
    ct2020     text,
    boroct2020 text,
    cdeligibil char(1),
    ntaname    text,
    nta2020    text,
    cdta2020   text,
    cdtaname   text,
    geoid      text,
    puma       text,
    shape_leng float,
    shape_area float,
    wkt        geometry(MultiPolygon) NOT NULL,
    CONSTRAINT source_census_tracts_2020_cdeligibil_check CHECK (cdeligibil IN ('I', 'E')),
    CONSTRAINT source_census_tracts_2020_wkt_srid_check CHECK (ST_SRID(wkt) <> 0)
);
