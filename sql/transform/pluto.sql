-- pluto domain: land uses, tax lots, zoning districts, zoning classes and their links.
-- Needs the flow-DB borough table (boroughs domain, run before this one).

-- All five tables and every table referencing them are listed, so no CASCADE is needed; if a
-- table of another domain ever references one of them, the truncate fails instead of silently
-- emptying it.
TRUNCATE land_use, tax_lot, zoning_district, zoning_district_class,
         zoning_district_zoning_district_class;

-- Land uses -----------------------------------------------------------------------------------

INSERT INTO land_use (id, description, color)
SELECT id, description, color
  FROM source_land_use;

-- Tax lots ------------------------------------------------------------------------------------

-- The original joined boroughs by abbreviation with an inner join, so a lot whose abbreviation
-- matched no borough vanished without trace. We fail instead, with the count: the borough list
-- is reviewed and complete, so an unknown abbreviation means the upstream extract changed, and
-- publishing a tax_lot table with lots silently missing is worse than keeping yesterday's data
-- (a failed run leaves the target untouched).
DO $$
DECLARE
    unmatched     bigint;
    abbreviations text;
BEGIN
    SELECT count(*), string_agg(DISTINCT p.borough::text, ', ')
      INTO unmatched, abbreviations
      FROM source_pluto AS p
     WHERE NOT EXISTS (SELECT FROM borough AS b WHERE b.abbr = p.borough);

    IF unmatched > 0 THEN
        RAISE EXCEPTION '% tax lot(s) in source_pluto have a borough abbreviation that matches no borough: %',
                        unmatched, abbreviations
              USING HINT = 'Expected one of the abbreviations in data/borough_abbreviation.csv.';
    END IF;
END
$$;

-- bbl: the extract stores BBL as a decimal with eight zero decimals; the first ten characters
-- are the BBL itself (the source check guarantees the shape).
-- borough_id comes from the abbreviation, not from the BBL's first digit, as in the API's data.
-- The extract is in EPSG:2263 already, so li_ft is the geometry as is; wgs84 is a geography.
INSERT INTO tax_lot (bbl, borough_id, block, lot, address, land_use_id, wgs84, li_ft)
SELECT left(p.bbl, 10),
       b.id,
       p.block,
       p.lot,
       p.address,
       p.land_use,
       ST_Transform(p.wkt, 4326)::geography,
       p.wkt
  FROM source_pluto AS p
  JOIN borough AS b ON b.abbr = p.borough;

-- Zoning districts ----------------------------------------------------------------------------

-- Labels that are not zoning districts (parks, ball fields, public places, playgrounds, Battery
-- Park City's special area) and unlabelled shapes are left out. The original also filtered on
-- geometry type, which the MultiPolygon column already guarantees, so that filter is dropped.
-- The id is generated here rather than by the column default, so the rule does not depend on
-- the model table's default having been replicated.
INSERT INTO zoning_district (id, label, wgs84, li_ft)
SELECT gen_random_uuid(),
       s.zonedist,
       s.wkt::geography,
       ST_Transform(s.wkt, 2263)
  FROM source_zoning_district AS s
 WHERE s.zonedist NOT IN ('PARK', 'BALL FIELD', 'PUBLIC PLACE', 'PLAYGROUND', 'BPC', '');

-- The original dropped excluded labels without a count. Report what was left out; the labels
-- absent from the model are exactly the excluded ones, so the list above stays the only copy.
DO $$
DECLARE
    excluded record;
BEGIN
    FOR excluded IN
        SELECT s.zonedist AS label, count(*) AS districts
          FROM source_zoning_district AS s
         WHERE NOT EXISTS (SELECT FROM zoning_district AS z WHERE z.label = s.zonedist)
         GROUP BY s.zonedist
         ORDER BY s.zonedist
    LOOP
        RAISE NOTICE 'zoning_district: left out % source row(s) labelled "%"', excluded.districts, excluded.label;
    END LOOP;
END
$$;

-- Zoning district classes ---------------------------------------------------------------------

INSERT INTO zoning_district_class (id, category, description, url, color)
SELECT id, category, description, url, color
  FROM source_zoning_district_class;

-- Links between districts and classes ---------------------------------------------------------

-- A label may name several districts joined by "/" (M1-4/R7A is an M1 and an R7 district). Each
-- part's class is its first character plus the run of digits right after it, provided the part
-- ends there or goes on with a non-digit: R6A → R6, C4-4A → C4, R10H → R10, M1-4 → M1.
-- The parts are computed once into a scratch table so that the guard and the insert agree. It
-- is dropped at commit: the runner runs this file in one transaction (were it not, the table
-- would vanish right away and the next statement would fail, not misbehave).
CREATE TEMPORARY TABLE zoning_label_part ON COMMIT DROP AS
SELECT z.id AS zoning_district_id,
       z.label,
       parts.part,
       substring(parts.part FROM '^([A-Za-z0-9_][0-9]*)(?:[^0-9].*)?$') AS class_id
  FROM zoning_district AS z
 CROSS JOIN LATERAL regexp_split_to_table(z.label, '/') AS parts (part);

-- A part without a class, or with a class the lookup does not know, would otherwise fail on a
-- NOT NULL or FK error that does not say which label caused it.
DO $$
DECLARE
    bad      bigint;
    examples text;
BEGIN
    SELECT count(*), string_agg(DISTINCT format('%s (part "%s")', p.label, p.part), ', ')
      INTO bad, examples
      FROM zoning_label_part AS p
     WHERE p.class_id IS NULL
        OR NOT EXISTS (SELECT FROM zoning_district_class AS c WHERE c.id = p.class_id);

    IF bad > 0 THEN
        RAISE EXCEPTION '% zoning label part(s) name no known zoning district class: %', bad, examples
              USING HINT = 'Known classes are the ids in data/zoning_district_class.csv.';
    END IF;
END
$$;

-- DISTINCT, unlike the original: a label whose parts share a class (e.g. "R6/R6A") would
-- otherwise link the district to that class twice, and the table has no key to stop it.
INSERT INTO zoning_district_zoning_district_class (zoning_district_id, zoning_district_class_id)
SELECT DISTINCT p.zoning_district_id, p.class_id
  FROM zoning_label_part AS p;
