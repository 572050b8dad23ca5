-- city-council-districts domain: DCP's council district layer → city_council_district.
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

-- Nothing outside this domain references the table, so no CASCADE: if that ever changes the
-- truncate fails instead of silently emptying another domain's table.
TRUNCATE city_council_district;

INSERT INTO city_council_district (id, li_ft, mercator_fill, mercator_label)
SELECT s.coundist,
       ft.geom,
       ST_Transform(s.wkt, 3857),
       ST_Transform((ST_MaximumInscribedCircle(ft.geom)).center, 3857)
  FROM source_city_council_district AS s
 CROSS JOIN LATERAL (SELECT ST_Transform(s.wkt, 2263) AS geom) AS ft;
