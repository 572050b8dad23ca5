-- Checks run by examples/check-sql.sh on the model tables after the eleven transforms ran on the
-- sample files. Each line prints "ok: <what>" or stops with "CHECK FAILED: <what>".
-- The expected values follow from examples/sample-src; change both together.

-- expect(condition, description)
CREATE FUNCTION pg_temp.expect(ok boolean, what text) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
    IF ok IS NOT TRUE THEN
        RAISE EXCEPTION 'CHECK FAILED: %', what;
    END IF;
    RETURN 'ok: ' || what;
END
$$;

-- Every table has rows.
SELECT pg_temp.expect(n > 0, format('%s has rows (%s)', t, n))
  FROM (VALUES
        ('borough', (SELECT count(*) FROM borough)),
        ('city_council_district', (SELECT count(*) FROM city_council_district)),
        ('community_district', (SELECT count(*) FROM community_district)),
        ('land_use', (SELECT count(*) FROM land_use)),
        ('tax_lot', (SELECT count(*) FROM tax_lot)),
        ('zoning_district', (SELECT count(*) FROM zoning_district)),
        ('zoning_district_class', (SELECT count(*) FROM zoning_district_class)),
        ('zoning_district_zoning_district_class', (SELECT count(*) FROM zoning_district_zoning_district_class)),
        ('managing_code', (SELECT count(*) FROM managing_code)),
        ('agency', (SELECT count(*) FROM agency)),
        ('capital_project', (SELECT count(*) FROM capital_project)),
        ('capital_project_fund', (SELECT count(*) FROM capital_project_fund)),
        ('capital_commitment_type', (SELECT count(*) FROM capital_commitment_type)),
        ('capital_project_checkbook', (SELECT count(*) FROM capital_project_checkbook)),
        ('agency_budget', (SELECT count(*) FROM agency_budget)),
        ('budget_line', (SELECT count(*) FROM budget_line)),
        ('capital_commitment', (SELECT count(*) FROM capital_commitment)),
        ('capital_commitment_fund', (SELECT count(*) FROM capital_commitment_fund)),
        ('neighborhood_tabulation_area', (SELECT count(*) FROM neighborhood_tabulation_area)),
        ('census_tract', (SELECT count(*) FROM census_tract)),
        ('data_source', (SELECT count(*) FROM data_source)),
        ('facility_domain', (SELECT count(*) FROM facility_domain)),
        ('facility_group', (SELECT count(*) FROM facility_group)),
        ('facility_subgroup', (SELECT count(*) FROM facility_subgroup)),
        ('facility_type', (SELECT count(*) FROM facility_type)),
        ('facility_operator', (SELECT count(*) FROM facility_operator)),
        ('facility', (SELECT count(*) FROM facility)),
        ('cbbr_policy_area', (SELECT count(*) FROM cbbr_policy_area)),
        ('cbbr_need_group', (SELECT count(*) FROM cbbr_need_group)),
        ('cbbr_need', (SELECT count(*) FROM cbbr_need)),
        ('cbbr_request', (SELECT count(*) FROM cbbr_request)),
        ('cbbr_agency_category_response', (SELECT count(*) FROM cbbr_agency_category_response)),
        ('cbbr_option_cascade', (SELECT count(*) FROM cbbr_option_cascade)),
        ('community_board_budget_request', (SELECT count(*) FROM community_board_budget_request))) AS c (t, n);

-- Boroughs and districts ----------------------------------------------------------------------------

SELECT pg_temp.expect(string_agg(format('%s=%s/%s', id, title, abbr), ' ' ORDER BY id)
                        = '1=Manhattan/MN 2=Bronx/BX 3=Brooklyn/BK 4=Queens/QN 5=Staten Island/SI',
                      'boroughs from the boundary file, abbreviations from data/borough_abbreviation.csv')
  FROM borough;
SELECT pg_temp.expect((SELECT count(*) FROM community_district) = (SELECT count(*) FROM source_community_district)
                  AND (SELECT count(*) FROM city_council_district) = (SELECT count(*) FROM source_city_council_district),
                      'one district per source row');
SELECT pg_temp.expect(EXISTS (SELECT FROM community_district WHERE borough_id = '1' AND id = '01')
                  AND EXISTS (SELECT FROM community_district WHERE borough_id = '1' AND id = '64')
                  AND EXISTS (SELECT FROM community_district WHERE borough_id = '3' AND id = '55'),
                      'borocd split into borough and district (101 → 1/01, 164 → 1/64, 355 → 3/55)');
SELECT pg_temp.expect(bool_and(ST_Intersects(mercator_label, mercator_fill)
                               AND ST_Intersects(ST_Transform(mercator_label, 2263), li_ft)),
                      'community district label points inside their districts')
  FROM community_district;
SELECT pg_temp.expect(bool_and(ST_Intersects(mercator_label, mercator_fill)
                               AND ST_Intersects(ST_Transform(mercator_label, 2263), li_ft)),
                      'council district label points inside their districts')
  FROM city_council_district;
SELECT pg_temp.expect(NOT ST_Intersects(ST_Centroid(li_ft), li_ft),
                      'U-shaped district 306 has its centroid outside (so the label test means something)')
  FROM community_district WHERE borough_id = '3' AND id = '06';
SELECT pg_temp.expect(ST_Equals(c.li_ft, s.wkt), 'admin li_ft is the EPSG:2263 source geometry unchanged')
  FROM city_council_district AS c JOIN source_city_council_district AS s ON s.coundist = c.id
 WHERE c.id = '1';
SELECT pg_temp.expect(abs(ST_Area(ST_Union(li_ft)) - 199000000 - 190000000 - 157500000 - 240000000) < 1,
                      'council districts keep their area in square feet')
  FROM city_council_district;

-- PLUTO -----------------------------------------------------------------------------------------

SELECT pg_temp.expect((SELECT count(*) FROM tax_lot) = (SELECT count(*) FROM source_pluto), 'every tax lot kept');
SELECT pg_temp.expect(count(*) = (SELECT count(*) FROM tax_lot)
                  AND bool_and(b.abbr = s.borough::text AND t.bbl = left(s.bbl, 10)
                               AND left(t.bbl, 1) = t.borough_id),
                      'tax lots joined to boroughs by abbreviation, bbl without decimals')
  FROM tax_lot AS t
  JOIN borough AS b ON b.id = t.borough_id
  JOIN source_pluto AS s ON left(s.bbl, 10) = t.bbl;
SELECT pg_temp.expect(count(*) = 1, 'the lot with an empty land use has land_use_id NULL')
  FROM tax_lot WHERE land_use_id IS NULL;
SELECT pg_temp.expect(bool_and(EXISTS (SELECT FROM community_district AS d
                                        WHERE d.borough_id = t.borough_id AND ST_Within(t.li_ft, d.li_ft))),
                      'every tax lot lies inside a community district of its borough')
  FROM tax_lot AS t;
SELECT pg_temp.expect(bool_and(ST_DWithin(ST_Transform(t.wgs84::geometry, 2263), t.li_ft, 0.01)),
                      'tax lot wgs84 and li_ft are the same shape')
  FROM tax_lot AS t;
SELECT pg_temp.expect((SELECT count(*) FROM land_use) = 11 AND (SELECT count(*) FROM zoning_district_class) = 21
                  AND (SELECT color FROM land_use WHERE id = '07') = '#e0Beebff'
                  AND (SELECT url FROM zoning_district_class WHERE id = 'R6') IS NULL,
                      'lookups copied (11 land uses, 21 classes, colours as shipped, url NULL)');
SELECT pg_temp.expect(NOT EXISTS (SELECT FROM zoning_district
                                   WHERE label IN ('PARK', 'BALL FIELD', 'PUBLIC PLACE', 'PLAYGROUND', 'BPC', '')),
                      'excluded zoning labels absent');
SELECT pg_temp.expect((SELECT count(*) FROM zoning_district) = 7, 'seven zoning districts kept (11 rows, 4 excluded)');
SELECT pg_temp.expect(array_agg(l.zoning_district_class_id ORDER BY l.zoning_district_class_id) = ARRAY['M1', 'R7'],
                      'M1-4/R7A links to M1 and R7')
  FROM zoning_district AS z JOIN zoning_district_zoning_district_class AS l ON l.zoning_district_id = z.id
 WHERE z.label = 'M1-4/R7A';
SELECT pg_temp.expect(string_agg(format('%s:%s', z.label, l.zoning_district_class_id), ' '
                                 ORDER BY z.label, l.zoning_district_class_id)
                        = 'C4-4A:C4 C6-4:C6 M1-1:M1 M1-4/R7A:M1 M1-4/R7A:R7 R10H:R10 R6A:R6 R8:R8',
                      'class extraction: C4-4A → C4, R10H → R10, R6A → R6, …')
  FROM zoning_district AS z JOIN zoning_district_zoning_district_class AS l ON l.zoning_district_id = z.id;
SELECT pg_temp.expect(bool_and(ST_DWithin(ST_Transform(z.wgs84::geometry, 2263), z.li_ft, 0.01)),
                      'zoning wgs84 and li_ft are the same shape')
  FROM zoning_district AS z;
SELECT pg_temp.expect(bool_and(ST_Within(ST_Transform(z.li_ft, 2263), d.li_ft)),
                      'zoning district R10H lies in community district 103 (4326 source placed right)')
  FROM zoning_district AS z, community_district AS d
 WHERE z.label = 'R10H' AND d.borough_id = '1' AND d.id = '03';

-- Capital planning ------------------------------------------------------------------------------

SELECT pg_temp.expect(count(*) = 18 AND bool_and(id <> '04A') AND bool_or(id = '859'),
                      'managing codes: the lookup''s, without 04A, with 859')
  FROM managing_code;
SELECT pg_temp.expect(string_agg(format('%s=%s', id, coalesce(category, 'NULL')), ' ' ORDER BY id)
                        = 'E2345=ITT, Vehicles, and Equipment HBK1126=Lump Sum HWK1234=Fixed Asset '
                          'IT-RAD0001=ITT, Vehicles, and Equipment LN-NYPL01=Fixed Asset LQ-FR0007=Fixed Asset '
                          'P-017CRO=Fixed Asset P-BK1117=NULL P-D017PLAY=Fixed Asset SB-NY0042=Fixed Asset',
                      'categories as published: Lump Sum kept, Oxford comma kept, empty → NULL')
  FROM capital_project;
SELECT pg_temp.expect(string_agg(format('%s=%s', id, managing_agency), ' ' ORDER BY id)
                        = 'IT-RAD0001=OTI LQ-FR0007=QPL SB-NY0042=SBS',
                      'managing agencies recoded: DOITT → OTI, QBPL → QPL, 801 → SBS')
  FROM capital_project WHERE id IN ('IT-RAD0001', 'LQ-FR0007', 'SB-NY0042');
SELECT pg_temp.expect(count(*) = 27 AND bool_or(initials = 'OCA') AND bool_or(initials = 'OTH')
                  AND bool_and(name <> ''),
                      'agencies: the lookup''s 25, blank names filled, OCA and OTH added')
  FROM agency;
SELECT pg_temp.expect(bool_and(n = 28), 'capital_project_fund: 28 rows per project (4 stages × 7 categories)')
  FROM (SELECT p.id, count(f.id) AS n FROM capital_project AS p
          LEFT JOIN capital_project_fund AS f ON f.managing_code = p.managing_code AND f.capital_project_id = p.id
         GROUP BY p.managing_code, p.id) AS c;
SELECT pg_temp.expect(count(DISTINCT (f.managing_code, f.capital_project_id, f.stage, f.capital_fund_category))
                        = count(*),
                      'capital_project_fund: no (project, stage, category) twice')
  FROM capital_project_fund AS f;
SELECT pg_temp.expect(count(*) = (SELECT count(*) FROM capital_project)
                  AND bool_and(f.value IS NOT DISTINCT FROM s.allocate_noncitycost),
                      'allocate / non-city-cost row present with allocate_noncitycost')
  FROM capital_project_fund AS f
  JOIN source_capital_project AS s ON s.m_agency = f.managing_code AND s.proj_id = f.capital_project_id
 WHERE f.stage = 'allocate' AND f.capital_fund_category = 'non-city-cost';
SELECT pg_temp.expect(bool_and(f.value IS NOT DISTINCT FROM s.spent_ccexempt),
                      'spent / city-exempt from spent_ccexempt (NULL when not spent)')
  FROM capital_project_fund AS f
  JOIN source_capital_project AS s ON s.m_agency = f.managing_code AND s.proj_id = f.capital_project_id
 WHERE f.stage = 'spent' AND f.capital_fund_category = 'city-exempt';
SELECT pg_temp.expect(NOT EXISTS (SELECT FROM capital_project_fund WHERE capital_fund_category = 'total'),
                      'no project totals stored');
SELECT pg_temp.expect(bool_and(n = 8), 'capital_commitment_fund: 8 rows per commitment, city-cost included')
  FROM (SELECT c.id, count(f.id) AS n FROM capital_commitment AS c
          LEFT JOIN capital_commitment_fund AS f ON f.capital_commitment_id = c.id GROUP BY c.id) AS c;
SELECT pg_temp.expect((SELECT sum(value) FROM capital_commitment_fund WHERE capital_fund_category = 'city-cost')
                        = (SELECT sum(plannedcommit_citycost) FROM source_capital_commitment)
                  AND (SELECT sum(value) FROM capital_commitment_fund WHERE capital_fund_category = 'total')
                        = (SELECT sum(plannedcommit_total) FROM source_capital_commitment),
                      'commitment amounts: city-cost and total from their source columns');
SELECT pg_temp.expect((SELECT count(*) FROM capital_project_checkbook)
                        = (SELECT count(*) FROM source_capital_project WHERE spent_total_checkbooknyc IS NOT NULL)
                  AND NOT EXISTS (SELECT FROM capital_project_checkbook AS k
                                    LEFT JOIN source_capital_project AS s
                                      ON s.m_agency = k.managing_code AND s.proj_id = k.capital_project_id
                                   WHERE k.value IS DISTINCT FROM s.spent_total_checkbooknyc),
                      'checkbook: one row per project with a Checkbook NYC total, value copied');
SELECT pg_temp.expect((SELECT count(*) FROM capital_commitment) = (SELECT count(*) FROM source_capital_commitment),
                      'one commitment per source row');
SELECT pg_temp.expect(array_agg(planned_date ORDER BY planned_date)
                        = (SELECT array_agg(to_date(plan_comm_date, 'MM/YY') ORDER BY to_date(plan_comm_date, 'MM/YY')) FROM source_capital_commitment),
                      'planned dates agree with PostgreSQL''s own MM/YY reading')
  FROM capital_commitment;
SELECT pg_temp.expect(EXISTS (SELECT FROM capital_commitment WHERE planned_date = '2068-06-01')
                  AND EXISTS (SELECT FROM capital_commitment WHERE planned_date = '1999-12-01')
                  AND EXISTS (SELECT FROM capital_commitment WHERE planned_date = '2024-07-01'),
                      'MM/YY years: 06/68 → 2068, 12/99 → 1999, 07/24 → 2024');
SELECT pg_temp.expect(string_agg(format('%s-%s', code, id), ' ' ORDER BY code, id)
                        = 'ED-0001 ED-0042 HB-1126 HR-0101 HW-0123 IT-0001 LN-0001 LN-D001 LQ-0007 P-0355 P-D017',
                      'budget lines parsed (ED-0001-A and ED-0001-B → ED / 0001)')
  FROM budget_line;
SELECT pg_temp.expect(string_agg(format('%s:%s:%s', code, type, sponsor), ' ' ORDER BY code)
                        = 'ED:ED:DOE HB:HB:DOT HR:HR:HRA HW:HW:DOT IT:IT:OTI LN:LN:NYPL LQ:LQ:QPL P:P:DPR',
                      'agency budgets: code, type, sponsor (HRA/DSS → HRA, DOITT → OTI, QBPL → QPL)')
  FROM agency_budget;
SELECT pg_temp.expect(string_agg(format('%s=%s', code, description), ' ' ORDER BY code)
                        = 'CONS=CONSTRUCTION DSGN=DESIGN EQUP=EQUIPMENT',
                      'commitment types')
  FROM capital_commitment_type;

-- Project geometries.
SELECT pg_temp.expect(li_ft_m_pnt IS NOT NULL AND li_ft_m_poly IS NOT NULL
                  AND ST_Intersects(mercator_label, mercator_fill_m_pnt),
                      'P-017CRO: point and polygon, label on the point')
  FROM capital_project WHERE id = 'P-017CRO';
SELECT pg_temp.expect(li_ft_m_pnt IS NULL AND ST_NumGeometries(li_ft_m_poly) = 1
                  AND ST_Intersects(mercator_label, mercator_fill_m_poly),
                      'P-D017PLAY: duplicated polygon row merged into one polygon, label inside')
  FROM capital_project WHERE id = 'P-D017PLAY';
SELECT pg_temp.expect(ST_NumGeometries(li_ft_m_poly) = 2 AND ST_Intersects(mercator_label, mercator_fill_m_poly),
                      'P-BK1117: two-part polygon, label inside')
  FROM capital_project WHERE id = 'P-BK1117';
SELECT pg_temp.expect(li_ft_m_poly IS NULL AND ST_NumGeometries(li_ft_m_pnt) = 3
                  AND ST_Intersects(mercator_label, mercator_fill_m_pnt),
                      'HWK1234: two point rows merged into one multipoint of 3 points, label on one')
  FROM capital_project WHERE id = 'HWK1234';
SELECT pg_temp.expect(num_nonnulls(li_ft_m_pnt, li_ft_m_poly, mercator_label, mercator_fill_m_pnt, mercator_fill_m_poly) = 0,
                      'HBK1126: no spatial row, spatial columns NULL')
  FROM capital_project WHERE id = 'HBK1126';
SELECT pg_temp.expect(NOT EXISTS (SELECT FROM capital_project WHERE id = 'HED999'),
                      'spatial row of an unknown project ignored');
SELECT pg_temp.expect(bool_and(ST_DWithin(ST_Transform(mercator_fill_m_poly, 2263), li_ft_m_poly, 0.01)),
                      'project polygons: mercator and li_ft are the same shape')
  FROM capital_project WHERE li_ft_m_poly IS NOT NULL;
SELECT pg_temp.expect(bool_and(ST_Within(p.li_ft_m_poly, d.li_ft)),
                      'P-017CRO polygon lies in community district 101 (4326 shapefile placed right)')
  FROM capital_project AS p, community_district AS d
 WHERE p.id = 'P-017CRO' AND d.borough_id = '1' AND d.id = '01';

-- SRIDs of every spatial column.
SELECT pg_temp.expect(count(*) > 0 AND bool_and(srid = expected), 'SRIDs: li_ft* 2263, mercator* 3857, wgs84 4326')
  FROM (SELECT ST_SRID(li_ft) AS srid, 2263 AS expected FROM city_council_district
        UNION ALL SELECT ST_SRID(mercator_fill), 3857 FROM city_council_district
        UNION ALL SELECT ST_SRID(mercator_label), 3857 FROM city_council_district
        UNION ALL SELECT ST_SRID(li_ft), 2263 FROM community_district
        UNION ALL SELECT ST_SRID(mercator_fill), 3857 FROM community_district
        UNION ALL SELECT ST_SRID(mercator_label), 3857 FROM community_district
        UNION ALL SELECT ST_SRID(li_ft), 2263 FROM tax_lot
        UNION ALL SELECT ST_SRID(wgs84), 4326 FROM tax_lot
        UNION ALL SELECT ST_SRID(li_ft), 2263 FROM zoning_district
        UNION ALL SELECT ST_SRID(wgs84), 4326 FROM zoning_district
        UNION ALL SELECT ST_SRID(li_ft_m_pnt), 2263 FROM capital_project WHERE li_ft_m_pnt IS NOT NULL
        UNION ALL SELECT ST_SRID(li_ft_m_poly), 2263 FROM capital_project WHERE li_ft_m_poly IS NOT NULL
        UNION ALL SELECT ST_SRID(mercator_label), 3857 FROM capital_project WHERE mercator_label IS NOT NULL
        UNION ALL SELECT ST_SRID(mercator_fill_m_pnt), 3857 FROM capital_project WHERE mercator_fill_m_pnt IS NOT NULL
        UNION ALL SELECT ST_SRID(mercator_fill_m_poly), 3857 FROM capital_project WHERE mercator_fill_m_poly IS NOT NULL
        UNION ALL SELECT ST_SRID(li_ft), 2263 FROM borough
        UNION ALL SELECT ST_SRID(mercator_label), 3857 FROM borough
        UNION ALL SELECT ST_SRID(li_ft), 2263 FROM neighborhood_tabulation_area
        UNION ALL SELECT ST_SRID(mercator_fill), 3857 FROM census_tract
        UNION ALL SELECT ST_SRID(li_ft), 2263 FROM facility WHERE li_ft IS NOT NULL
        UNION ALL SELECT ST_SRID(mercator), 3857 FROM facility WHERE mercator IS NOT NULL
        UNION ALL SELECT ST_SRID(li_ft_m_pnt), 2263 FROM community_board_budget_request WHERE li_ft_m_pnt IS NOT NULL
        UNION ALL SELECT ST_SRID(li_ft_m_poly), 2263 FROM community_board_budget_request WHERE li_ft_m_poly IS NOT NULL
        UNION ALL SELECT ST_SRID(mercator_label), 3857 FROM community_board_budget_request
                   WHERE mercator_label IS NOT NULL) AS s;
SELECT pg_temp.expect(bool_and(ST_SRID(wkt) = 2263), 'converted admin sources keep EPSG:2263 from the .prj')
  FROM (SELECT wkt FROM source_city_council_district UNION ALL SELECT wkt FROM source_community_district) AS s;
SELECT pg_temp.expect(bool_and(ST_SRID(wkt) = 4326), 'converted CPDB sources keep EPSG:4326 from the .prj')
  FROM (SELECT wkt FROM source_capital_project_m_poly UNION ALL SELECT wkt FROM source_capital_project_m_pnt) AS s;
