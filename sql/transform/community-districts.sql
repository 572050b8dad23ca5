-- community-districts domain: DCP's community district layer → community_district.
-- Needs the flow-DB borough table (boroughs domain, run before this one) for its foreign key.
--
-- Geometries and label points follow the rules of city-council-districts.sql: every column is
-- reprojected from the shapefile's own CRS, and the label is the centre of the maximum inscribed
-- circle computed in EPSG:2263 (feet), then put into Web Mercator.

-- CASCADE: community board budget requests reference community_district (borough_id, id). Their
-- domain is a child of this one, so it is built after this one in the same run and refills them.
TRUNCATE community_district CASCADE;

-- borocd is the borough digit followed by the two-digit district number: 112 → (1, '12'),
-- 503 → (5, '03'). The FK to borough is why the boroughs domain runs first.
INSERT INTO community_district (borough_id, id, mercator_fill, mercator_label, li_ft)
SELECT substr(s.borocd, 1, 1),
       substr(s.borocd, 2, 2),
       ST_Transform(s.wkt, 3857),
       ST_Transform((ST_MaximumInscribedCircle(ft.geom)).center, 3857),
       ft.geom
  FROM source_community_district AS s
 CROSS JOIN LATERAL (SELECT ST_Transform(s.wkt, 2263) AS geom) AS ft;
