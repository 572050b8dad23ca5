-- facilities domain: Data Engineering's facilities build + the three classification lists of data/
-- → facility_domain, facility_group, facility_subgroup, facility_type, facility_operator, facility.
-- Parents: agencies (facility.overseeing_agency_initials) and data-sources (facility.data_source_schema).
-- Rules: ../shared/spec/domains-2026.md 4.10; the original's quirks (5.2) are fixed or made loud
-- below, each where it happens ("quirk N" = item N of spec 5.2).
--
-- Every rule is checked before anything is inserted. A broken rule stops the run with one error
-- that lists every rule broken, each with its count and up to five facilities (UID and name) and
-- their values. What the flow handles on purpose is said in NOTICEs, with counts.
--
-- Ids (quirk 13: the original discarded the lists' ids and numbered groups, subgroups and types in
-- the unspecified order of a DISTINCT query, and gave operators random UUIDs):
--   facility_domain, facility_group, facility_subgroup: the id of data/facility_*.csv;
--   facility_type: 1..n in the byte order (COLLATE "C") of the type's name, then its subgroup id;
--   facility_operator: the MD5 of (abbreviation, name, type) written as a uuid;
--   facility: Data Engineering's UID.
-- So the same inputs give every row the same id, run after run. A new type shifts the ids of the
-- types sorting after it; operator ids only depend on the operator itself.

-- No CASCADE needed: only these six tables reference each other. RESTART IDENTITY keeps the
-- identity sequences at 1 in the flow DB; every id below is written explicitly.
TRUNCATE facility, facility_type, facility_subgroup, facility_group, facility_domain, facility_operator
    RESTART IDENTITY;

-- One working row per facility, with lower-case names and empty text read as no value.
-- Dropped at the end of the transaction.
CREATE TEMP TABLE facility_input ON COMMIT DROP AS
SELECT nullif("UID", '')             AS uid,
       nullif("FACNAME", '')         AS facname,
       nullif("ADDRESSNUM", '')      AS addressnum,
       nullif("STREETNAME", '')      AS streetname,
       nullif("ADDRESS", '')         AS address,
       nullif("CITY", '')            AS city,
       nullif("ZIPCODE", '')         AS zipcode,
       nullif("FACTYPE", '')         AS factype,
       nullif("FACSUBGRP", '')       AS facsubgrp,
       nullif("FACGROUP", '')        AS facgroup,
       nullif("FACDOMAIN", '')       AS facdomain,
       nullif("SERVAREA", '')        AS servarea,
       nullif("OPNAME", '')          AS opname,
       nullif("OPABBREV", '')        AS opabbrev,
       nullif("OPTYPE", '')          AS optype,
       nullif("OVERABBREV", '')      AS overabbrev,
       "CAPACITY"                    AS capacity,
       nullif("CAPTYPE", '')         AS captype,
       nullif("BIN", '')             AS bin,
       nullif("BBL", '')             AS bbl,
       "XCOORD"                      AS xcoord,
       "YCOORD"                      AS ycoord,
       nullif("DATASOURCE", '')      AS datasource,
       nullif("SGR_GRADE_TOT", '')   AS sgr_grade_tot,
       nullif("SGR_GRADE_ARCH", '')  AS sgr_grade_arch,
       nullif("SGR_GRADE_SYST", '')  AS sgr_grade_syst,
       "SGR_ASSMNT_YEAR"             AS sgr_assmnt_year,
       sub.id                        AS subgroup_id,
       sub.group_id                  AS subgroup_group_id,
       grp.id                        AS group_id,
       grp.category_id               AS group_category_id,
       cat.id                        AS category_id
  FROM source_facility AS f
  -- Facilities write the classification in capitals; the lists in title case (spec 4.10).
  LEFT JOIN source_facility_subgroup AS sub ON upper(sub.name) = upper(f."FACSUBGRP")
  LEFT JOIN source_facility_group AS grp ON upper(grp.name) = upper(f."FACGROUP")
  LEFT JOIN source_facility_category AS cat ON upper(cat.category) = upper(f."FACDOMAIN");

-- Every broken rule, one row per facility (or list row) and rule.
CREATE TEMP TABLE facility_problem (rule text NOT NULL, item text NOT NULL, value text) ON COMMIT DROP;

-- The classification lists must hang together: every subgroup in a listed group, every group in a
-- listed domain.
INSERT INTO facility_problem (rule, item, value)
SELECT 'data/facility_subgroup.csv: group_id is not a group of data/facility_group.csv',
       format('subgroup %s %s', s.id, quote_literal(s.name)), s.group_id::text
  FROM source_facility_subgroup AS s
 WHERE NOT EXISTS (SELECT FROM source_facility_group AS g WHERE g.id = s.group_id)
UNION ALL
SELECT 'data/facility_group.csv: category_id is not a domain of data/facility_category.csv',
       format('group %s %s', g.id, quote_literal(g.name)), g.category_id::text
  FROM source_facility_group AS g
 WHERE NOT EXISTS (SELECT FROM source_facility_category AS c WHERE c.id = g.category_id);

-- facility.id is the UID: a facility without one, or two with the same one, cannot be told apart.
INSERT INTO facility_problem (rule, item, value)
SELECT 'facility without a UID', coalesce(quote_literal(facname), 'no name'), NULL
  FROM facility_input WHERE uid IS NULL
UNION ALL
SELECT 'UID used by more than one facility', uid, string_agg(coalesce(facname, 'no name'), ' / ')
  FROM facility_input WHERE uid IS NOT NULL GROUP BY uid HAVING count(*) > 1;

-- Quirk 12: a subgroup the lists do not know made the original insert a nameless subgroup, then
-- abort on facility_type's NOT NULL without naming the facility. Here it stops the run naming
-- the facility and the value; the lists hold the 81 subgroups of Data Engineering's classification.
INSERT INTO facility_problem (rule, item, value)
SELECT 'FACSUBGRP is not a subgroup of data/facility_subgroup.csv',
       format('%s %s', uid, quote_literal(facname)), coalesce(quote_literal(facsubgrp), 'empty')
  FROM facility_input WHERE subgroup_id IS NULL
UNION ALL
SELECT 'FACGROUP is not a group of data/facility_group.csv',
       format('%s %s', uid, quote_literal(facname)), coalesce(quote_literal(facgroup), 'empty')
  FROM facility_input WHERE group_id IS NULL
UNION ALL
SELECT 'FACDOMAIN is not a domain (category) of data/facility_category.csv',
       format('%s %s', uid, quote_literal(facname)), coalesce(quote_literal(facdomain), 'empty')
  FROM facility_input WHERE category_id IS NULL
-- Quirk 14: the original took a subgroup's group and a group's domain from the facilities, so a
-- subgroup under two groups or a group under two domains duplicated facilities and aborted on the
-- UID key. The lists say where each belongs; a facility that says otherwise is named.
UNION ALL
SELECT 'FACGROUP is not the group of the facility''s subgroup in data/facility_subgroup.csv',
       format('%s %s', uid, quote_literal(facname)), format('%s under %s', quote_literal(facsubgrp), quote_literal(facgroup))
  FROM facility_input WHERE subgroup_id IS NOT NULL AND group_id IS NOT NULL AND subgroup_group_id <> group_id
UNION ALL
SELECT 'FACDOMAIN is not the domain of the facility''s group in data/facility_group.csv',
       format('%s %s', uid, quote_literal(facname)), format('%s under %s', quote_literal(facgroup), quote_literal(facdomain))
  FROM facility_input WHERE group_id IS NOT NULL AND category_id IS NOT NULL AND group_category_id <> category_id;

-- facility.facility_type_id and service_area are NOT NULL, service_area one of Local, Regional;
-- facility_operator.type one of Public, Non-public. The API's constraints would reject these
-- without naming the facility.
INSERT INTO facility_problem (rule, item, value)
SELECT 'facility without a FACTYPE', format('%s %s', uid, quote_literal(facname)), NULL
  FROM facility_input WHERE factype IS NULL
UNION ALL
SELECT 'SERVAREA is not Local or Regional', format('%s %s', uid, quote_literal(facname)),
       coalesce(quote_literal(servarea), 'empty')
  FROM facility_input WHERE servarea IS NULL OR servarea NOT IN ('Local', 'Regional')
UNION ALL
SELECT 'OPTYPE is not Public or Non-public', format('%s %s', uid, quote_literal(facname)), quote_literal(optype)
  FROM facility_input WHERE opname IS NOT NULL AND optype NOT IN ('Public', 'Non-public');

-- A point needs both coordinates: one without the other is a broken row, not a facility without
-- a location.
INSERT INTO facility_problem (rule, item, value)
SELECT 'only one of XCOORD and YCOORD', format('%s %s', uid, quote_literal(facname)),
       format('XCOORD %s, YCOORD %s', coalesce(xcoord::text, 'empty'), coalesce(ycoord::text, 'empty'))
  FROM facility_input WHERE (xcoord IS NULL) <> (ycoord IS NULL);

-- Quirk 16: values the API's columns cannot hold (bin char(7), bbl char(10), the SGR letters
-- char(1), sgr_year smallint). These are identifiers and grades: cutting or dropping them would
-- publish a wrong value, so the run stops and names the facility.
INSERT INTO facility_problem (rule, item, value)
SELECT 'value too long for its API column', format('%s %s', uid, quote_literal(facname)), v.problem
  FROM facility_input,
       LATERAL (VALUES (CASE WHEN length(bin) > 7 THEN format('BIN %s (bin is char(7))', quote_literal(bin)) END),
                       (CASE WHEN length(bbl) > 10 THEN format('BBL %s (bbl is char(10))', quote_literal(bbl)) END),
                       (CASE WHEN length(sgr_grade_tot) > 1 THEN format('SGR_GRADE_TOT %s (sgr_ltr is char(1))', quote_literal(sgr_grade_tot)) END),
                       (CASE WHEN length(sgr_grade_arch) > 1 THEN format('SGR_GRADE_ARCH %s (sgr_arc_ltr is char(1))', quote_literal(sgr_grade_arch)) END),
                       (CASE WHEN length(sgr_grade_syst) > 1 THEN format('SGR_GRADE_SYST %s (sgr_sys_ltr is char(1))', quote_literal(sgr_grade_syst)) END),
                       (CASE WHEN round(sgr_assmnt_year) NOT BETWEEN 0 AND 32767
                             THEN format('SGR_ASSMNT_YEAR %s (sgr_year is smallint)', sgr_assmnt_year) END)) AS v(problem)
 WHERE v.problem IS NOT NULL;

-- Quirk 15, data sources: an error. facilities.csv and source_data_versions.csv are written by the
-- same build into the same folder; a DATASOURCE the list lacks means the two files come from
-- different builds (e.g. downloaded while a build was being written), and the API would serve
-- facilities without their provenance. The original published a silent NULL.
INSERT INTO facility_problem (rule, item, value)
SELECT 'DATASOURCE is not a schema_name of source_data_versions.csv (data-sources)',
       format('%s %s', uid, quote_literal(facname)), quote_literal(datasource)
  FROM facility_input AS f
 WHERE datasource IS NOT NULL
   AND NOT EXISTS (SELECT FROM data_source AS d WHERE d.schema_name = f.datasource);

DO $$
DECLARE
    message text;
BEGIN
    SELECT string_agg(format('%s (%s): %s%s', p.rule, p.n, p.examples, CASE WHEN p.n > 5 THEN ', ...' ELSE '' END),
                      E';\n' ORDER BY p.rule)
      INTO message
      FROM (SELECT rule, count(*) AS n,
                   string_agg(item || coalesce(': ' || value, ''), ', ' ORDER BY item) FILTER (WHERE rank <= 5)
                       AS examples
              FROM (SELECT *, row_number() OVER (PARTITION BY rule ORDER BY item, value) AS rank
                      FROM facility_problem) AS ranked
             GROUP BY rule) AS p;
    IF message IS NOT NULL THEN
        RAISE EXCEPTION E'facilities break the rules of sql/transform/facilities.sql:\n%', message
              USING HINT = 'Fix facilities.csv or the lists in data/; a subgroup Data Engineering added belongs in data/facility_subgroup.csv with its group.';
    END IF;
END
$$;

-- Domains, groups and subgroups: every row of the lists, with the lists' ids. Quirk 11: the
-- original took a group's domain from the facilities, so a group no facility used aborted the
-- run; here a group's domain is in the list, and groups and subgroups without facilities are
-- published too (the classification does not change with one build's contents), with a NOTICE.
INSERT INTO facility_domain (id, name, description, short_name)
SELECT c.id, c.category, c.description, nullif(c.short_name, '')
  FROM source_facility_category AS c;

INSERT INTO facility_group (id, name, description, facility_domain_id)
SELECT g.id, g.name, nullif(g.description, ''), g.category_id
  FROM source_facility_group AS g;

INSERT INTO facility_subgroup (id, name, description, facility_group_id)
SELECT s.id, s.name, nullif(s.description, ''), s.group_id
  FROM source_facility_subgroup AS s;

-- Types: one per (FACTYPE, subgroup), numbered in a fixed order (see the top). Quirk 14: the
-- original made one row per type name and subgroup and joined facilities back by name alone, so a
-- type under two subgroups duplicated its facilities and aborted on the UID key. Here each
-- facility joins its own (type, subgroup) row; the type is listed under both subgroups, reported.
INSERT INTO facility_type (id, name, facility_subgroup_id)
SELECT row_number() OVER (ORDER BY t.factype COLLATE "C", t.subgroup_id), t.factype, t.subgroup_id
  FROM (SELECT DISTINCT factype, subgroup_id FROM facility_input) AS t;

-- Operators: one per (abbreviation, name, type) of a facility with an operator name. Quirk 14:
-- the original joined facilities back on (name, abbreviation), so an operator under two types
-- duplicated its facilities; here a facility joins its own operator row, reported below.
-- Quirk 15: the original's join on abbreviation never matched a missing one, which left the
-- operator row orphaned and the facility without an operator. Here the join treats "no
-- abbreviation" as a value: the operator keeps a NULL abbreviation (the column allows it) and its
-- facilities point at it; counted below.
INSERT INTO facility_operator (id, abbreviation, name, type)
SELECT md5(ROW(o.opabbrev, o.opname, o.optype)::text)::uuid, o.opabbrev, o.opname, o.optype
  FROM (SELECT DISTINCT opabbrev, opname, optype FROM facility_input WHERE opname IS NOT NULL) AS o;

INSERT INTO facility (id, name, address, address_number, street_name, city, zip_code, facility_type_id,
                      service_area, facility_operator_id, overseeing_agency_initials, capacity, capacity_type,
                      bin, bbl, li_ft, mercator, data_source_schema, sgr_ltr, sgr_arc_ltr, sgr_sys_ltr, sgr_year)
SELECT f.uid, f.facname, f.address, f.addressnum, f.streetname, f.city, f.zipcode, t.id,
       f.servarea,
       CASE WHEN f.opname IS NOT NULL THEN md5(ROW(f.opabbrev, f.opname, f.optype)::text)::uuid END,
       -- Quirk 15, overseeing agency: a counted NULL (NOTICE below), not an error. The agency
       -- lookup is DCP's list of managing agencies; facilities are overseen by many State and
       -- Federal bodies it does not list, and the facility is right without the link.
       a.initials,
       -- Quirk 16, capacity: a counted NULL (NOTICE below). The API's column is smallint; the
       -- original aborted the whole publish on one capacity above 32,767. A capacity is a
       -- secondary figure of one facility, so it is left out, not the 30,000 facilities.
       CASE WHEN round(f.capacity) BETWEEN 0 AND 32767 THEN round(f.capacity)::smallint END,
       f.captype, f.bin, f.bbl,
       -- Quirk 10: the original wrote a Point into these MultiPoint columns and aborted on every
       -- facility with coordinates. The point is a one-member MultiPoint, in the columns' SRIDs.
       p.li_ft, ST_Transform(p.li_ft, 3857),
       f.datasource, f.sgr_grade_tot, f.sgr_grade_arch, f.sgr_grade_syst, round(f.sgr_assmnt_year)::smallint
  FROM facility_input AS f
  JOIN facility_type AS t ON t.name = f.factype AND t.facility_subgroup_id = f.subgroup_id
  LEFT JOIN agency AS a ON a.initials = f.overabbrev
  CROSS JOIN LATERAL (SELECT ST_Multi(ST_SetSRID(ST_MakePoint(f.xcoord, f.ycoord), 2263)) AS li_ft) AS p;

-- What was handled on purpose, with counts.
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN
        SELECT format('facility type %s is under %s subgroups (%s): one type row under each',
                      quote_literal(factype), count(*), string_agg(s.name, ', ' ORDER BY s.name)) AS line
          FROM (SELECT DISTINCT factype, subgroup_id FROM facility_input) AS t
          JOIN source_facility_subgroup AS s ON s.id = t.subgroup_id
         GROUP BY factype HAVING count(*) > 1
        UNION ALL
        SELECT format('operator %s (%s) has %s types (%s): one operator row for each',
                      quote_literal(opname), coalesce(opabbrev, 'no abbreviation'), count(*),
                      string_agg(optype, ', ' ORDER BY optype))
          FROM (SELECT DISTINCT opabbrev, opname, optype FROM facility_input WHERE opname IS NOT NULL) AS o
         GROUP BY opname, opabbrev HAVING count(*) > 1
        UNION ALL
        SELECT format('facilities whose operator has no abbreviation: %s, of %s operator(s); linked to it, abbreviation NULL',
                      count(*), count(DISTINCT (opname, optype)))
          FROM facility_input WHERE opname IS NOT NULL AND opabbrev IS NULL HAVING count(*) > 0
        UNION ALL
        SELECT format('facilities without OPNAME: %s; no operator', count(*))
          FROM facility_input WHERE opname IS NULL HAVING count(*) > 0
        UNION ALL
        SELECT format('facilities with a capacity outside 0-32767 (the API column is smallint): %s; capacity NULL, e.g. %s',
                      count(*), string_agg(format('%s %s', uid, capacity), ', ') FILTER (WHERE rank <= 5))
          FROM (SELECT uid, capacity, row_number() OVER (ORDER BY uid) AS rank
                  FROM facility_input WHERE round(capacity) NOT BETWEEN 0 AND 32767) AS c
        HAVING count(*) > 0
        UNION ALL
        SELECT format('facilities whose overseeing agency the agency lookup lacks: %s; overseeing_agency_initials NULL (%s%s)',
                      sum(n), string_agg(format('%s: %s', overabbrev, n), ', ' ORDER BY rank) FILTER (WHERE rank <= 10),
                      CASE WHEN count(*) > 10 THEN format(' and %s more', count(*) - 10) ELSE '' END)
          FROM (SELECT overabbrev, count(*) AS n, row_number() OVER (ORDER BY count(*) DESC, overabbrev) AS rank
                  FROM facility_input AS f
                 WHERE overabbrev IS NOT NULL AND NOT EXISTS (SELECT FROM agency AS a WHERE a.initials = f.overabbrev)
                 GROUP BY overabbrev) AS m
        HAVING count(*) > 0
        UNION ALL
        SELECT format('facilities without coordinates: %s; no geometry', count(*))
          FROM facility_input WHERE xcoord IS NULL HAVING count(*) > 0
        UNION ALL
        SELECT format('groups of data/facility_group.csv without a facility in this build: %s (%s); published anyway',
                      count(*), string_agg(name, ', ' ORDER BY id))
          FROM source_facility_group AS g
         WHERE NOT EXISTS (SELECT FROM facility_input AS f WHERE f.group_id = g.id) HAVING count(*) > 0
        UNION ALL
        SELECT format('subgroups of data/facility_subgroup.csv without a facility in this build: %s; published anyway',
                      count(*))
          FROM source_facility_subgroup AS s
         WHERE NOT EXISTS (SELECT FROM facility_input AS f WHERE f.subgroup_id = s.id) HAVING count(*) > 0
    LOOP
        RAISE NOTICE '%', r.line;
    END LOOP;
END
$$;
