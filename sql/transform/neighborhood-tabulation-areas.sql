-- neighborhood-tabulation-areas domain: DCP's 2010 and 2020 NTAs → neighborhood_tabulation_area.
-- Both vintages live side by side, told apart by year; no label point, no borough.

-- Nothing else references the table, so no CASCADE: if that changes, the truncate fails instead of
-- silently emptying another domain's table.
TRUNCATE neighborhood_tabulation_area;

-- The API's key is (name, year), not the NTA code. The original let two areas with one name in one
-- vintage abort the run on a bare duplicate key; they are named here with their codes. The key is
-- the API's, so it is kept.
DO $$
DECLARE
    problem text;
BEGIN
    SELECT string_agg(format('%s %s (%s)', d.year, quote_literal(d.name), d.codes), ', ' ORDER BY d.year, d.name)
      INTO problem
      FROM (SELECT 2010 AS year, ntaname AS name, string_agg(coalesce(ntacode, 'no code'), ', ' ORDER BY ntacode) AS codes
              FROM source_neighborhood_tabulation_area_2010
             GROUP BY ntaname HAVING count(*) > 1
            UNION ALL
            SELECT 2020, ntaname, string_agg(coalesce(nta2020, 'no code'), ', ' ORDER BY nta2020)
              FROM source_neighborhood_tabulation_area_2020
             GROUP BY ntaname HAVING count(*) > 1) AS d;
    IF problem IS NOT NULL THEN
        RAISE EXCEPTION 'neighborhood tabulation area name(s) used twice in one vintage: %', problem
              USING HINT = 'The API keys areas by name and year; the NTA files must name each area once.';
    END IF;
END
$$;

-- One row per area of each vintage. Geometries are reprojected from the shapefile's own CRS.
INSERT INTO neighborhood_tabulation_area (name, year, code, li_ft, mercator_fill)
SELECT s.ntaname, 2010, s.ntacode, ST_Transform(s.wkt, 2263), ST_Transform(s.wkt, 3857)
  FROM source_neighborhood_tabulation_area_2010 AS s
UNION ALL
SELECT s.ntaname, 2020, s.nta2020, ST_Transform(s.wkt, 2263), ST_Transform(s.wkt, 3857)
  FROM source_neighborhood_tabulation_area_2020 AS s;
