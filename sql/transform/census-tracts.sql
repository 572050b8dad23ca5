-- census-tracts domain: DCP's 2010 and 2020 census tracts → census_tract.
-- Needs the flow-DB borough table (boroughs domain, run before this one): census_tract.borough_id
-- references borough. The original's graph missed that edge, so building census tracts alone
-- failed and publishing boroughs emptied census_tract in the API without reloading it; here
-- census-tracts is a child of boroughs.

-- Nothing else references the table, so no CASCADE.
TRUNCATE census_tract;

-- Both vintages as one list, read by the checks and the insert. Dropped at commit.
CREATE TEMPORARY TABLE scratch_census_tract ON COMMIT DROP AS
SELECT 2010 AS year, ctlabel AS label, borocode, wkt FROM source_census_tracts_2010
UNION ALL
SELECT 2020, ctlabel, borocode, wkt FROM source_census_tracts_2020;

-- Named here instead of failing on the API's foreign key or key with no tract in the message.
DO $$
DECLARE
    problem text;
BEGIN
    SELECT string_agg(format('%s tract %s (borough code %s)', t.year, t.label, t.borocode), ', '
                      ORDER BY t.year, t.borocode, t.label)
      INTO problem
      FROM scratch_census_tract AS t
     WHERE NOT EXISTS (SELECT FROM borough AS b WHERE b.id = t.borocode);
    IF problem IS NOT NULL THEN
        RAISE EXCEPTION 'census tract(s) in a borough that is not in the borough boundaries: %', problem;
    END IF;

    SELECT string_agg(format('%s tract %s in borough %s', d.year, d.label, d.borocode), ', '
                      ORDER BY d.year, d.borocode, d.label)
      INTO problem
      FROM (SELECT year, label, borocode FROM scratch_census_tract
             GROUP BY year, label, borocode HAVING count(*) > 1) AS d;
    IF problem IS NOT NULL THEN
        RAISE EXCEPTION 'census tract(s) listed twice: %', problem;
    END IF;
END
$$;

-- One row per tract of each vintage; labels repeat across boroughs (tract 1 exists in several),
-- which is why the borough leads the key. No label point.
INSERT INTO census_tract (label, year, li_ft, mercator_fill, borough_id)
SELECT t.label, t.year, ST_Transform(t.wkt, 2263), ST_Transform(t.wkt, 3857), t.borocode
  FROM scratch_census_tract AS t;
