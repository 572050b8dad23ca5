-- admin unit: the two DCP boundary layers → city_council_district, community_district.
--
-- The source geometries keep the shapefile's CRS (EPSG:2263 for the published 24B files), so every
-- target column is produced with ST_Transform to its own SRID; when the SRIDs are equal PostGIS
-- returns the geometry unchanged.
--
-- Label points: the centre of the maximum inscribed circle is the point deepest inside the area,
-- which keeps labels off thin arms and out of concave notches. It is computed in EPSG:2263 (feet)
-- rather than in lon/lat degrees as the original did: a degree of longitude is shorter than a
-- degree of latitude at New York, so circles in degrees are ellipses on the ground and the
-- "deepest" point drifts. The centre is then reprojected to Web Mercator for the map.

-- Nothing outside this unit references these tables, so no CASCADE: if that ever changes the
-- truncate fails instead of silently emptying another domain's table.
TRUNCATE city_council_district, community_district;

INSERT INTO city_council_district (id, li_ft, mercator_fill, mercator_label)
SELECT s.coundist,
       ft.geom,
       ST_Transform(s.wkt, 3857),
       ST_Transform((ST_MaximumInscribedCircle(ft.geom)).center, 3857)
  FROM source_city_council_district AS s
 CROSS JOIN LATERAL (SELECT ST_Transform(s.wkt, 2263) AS geom) AS ft;

-- borocd is the borough digit followed by the two-digit district number: 112 → (1, '12'),
-- 503 → (5, '03'). The FK to borough is why the boroughs unit runs first.
INSERT INTO community_district (borough_id, id, mercator_fill, mercator_label, li_ft)
SELECT substr(s.borocd, 1, 1),
       substr(s.borocd, 2, 2),
       ST_Transform(s.wkt, 3857),
       ST_Transform((ST_MaximumInscribedCircle(ft.geom)).center, 3857),
       ft.geom
  FROM source_community_district AS s
 CROSS JOIN LATERAL (SELECT ST_Transform(s.wkt, 2263) AS geom) AS ft;
