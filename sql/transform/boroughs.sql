-- boroughs domain: DCP's borough boundaries + the reviewed abbreviations → borough.
-- Runs before every domain that references borough: community-districts, pluto (which also looks
-- boroughs up by abbreviation) and census-tracts.

-- CASCADE: community_district, tax_lot and census_tract reference borough in the flow DB (and
-- community board budget requests reference community_district). Emptying them here is harmless:
-- their domains are children of this one, run after it in the same transaction, and refill them.
TRUNCATE borough CASCADE;

-- The boundary file carries no abbreviation. The original hard-coded the five in the transform and
-- turned any other code into NULL, which then failed on borough.abbr NOT NULL without saying which
-- borough. The abbreviations are a reviewed file here, and a borough without one stops the run by name.
DO $$
DECLARE
    missing text;
BEGIN
    SELECT string_agg(format('%s (%s)', s.borocode, s.boroname), ', ' ORDER BY s.borocode)
      INTO missing
      FROM source_borough AS s
     WHERE NOT EXISTS (SELECT FROM source_borough_abbreviation AS a WHERE a.borocode = s.borocode);

    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'borough boundary % has no abbreviation in data/borough_abbreviation.csv', missing
              USING HINT = 'Add the borough code and its two-letter abbreviation to data/borough_abbreviation.csv.';
    END IF;
END
$$;

-- One row per boundary feature. Geometries are reprojected from the shapefile's own CRS.
-- Label point: the centre of the maximum inscribed circle, computed in EPSG:2263 (feet) rather than
-- in degrees as the original did (see city-council-districts.sql), then put into Web Mercator.
-- shape_leng and shape_area are not used.
INSERT INTO borough (id, title, abbr, li_ft, mercator_fill, mercator_label)
SELECT s.borocode,
       s.boroname,
       a.abbr,
       ft.geom,
       ST_Transform(s.wkt, 3857),
       ST_Transform((ST_MaximumInscribedCircle(ft.geom)).center, 3857)
  FROM source_borough AS s
  JOIN source_borough_abbreviation AS a ON a.borocode = s.borocode
 CROSS JOIN LATERAL (SELECT ST_Transform(s.wkt, 2263) AS geom) AS ft
 ORDER BY s.borocode;
