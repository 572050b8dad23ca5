-- capital-planning domain: CPDB projects, commitments and project geometries → the 8 capital tables.
-- Needs the flow-DB agency and managing_code tables (agencies domain, run before this one): every
-- managing code, managing agency and sponsor must be one of them.
--
-- Where a single-column key meets several source spellings (a commitment code with two
-- descriptions, a budget code with two types or sponsors), the original inserted every distinct
-- combination and the primary key aborted the whole domain. Here one spelling per key is picked
-- deterministically: the most frequent one, ties broken by alphabetical order, NULLs last. A NOTICE
-- names every key that had variants, so a data problem is visible without stopping the publication
-- of everything else.

-- The eight tables are listed, which closes the truncate under their foreign keys; no CASCADE, so a
-- table of another domain that started referencing them would make this fail instead of being
-- emptied silently.
TRUNCATE capital_project, capital_project_fund, capital_commitment_type, capital_project_checkbook,
         agency_budget, budget_line, capital_commitment, capital_commitment_fund;

-- Agency recoding ------------------------------------------------------------------------------

-- CPDB still publishes some agencies under older acronyms or codes than the agency lookup; these
-- are today's rules, one list each (the original wrote the project list twice, identically).
-- Kept in SQL on purpose: they are rules of this transform, reviewed with it, not reference data.
-- Managing agency: by managing code first (801 → SBS overrides the BNY/TGI acronyms Data
-- Engineering gives some 801 projects), then by acronym; first match wins.
CREATE TEMPORARY TABLE scratch_managing_agency ON COMMIT DROP AS
SELECT p.m_agency,
       p.proj_id,
       p.m_agency_acro,
       CASE
           WHEN p.m_agency = '801' THEN 'SBS'
           WHEN p.m_agency = '040' THEN 'DOE'
           WHEN p.m_agency = '044' THEN 'SCA'
           WHEN p.m_agency_acro = 'QBPL' THEN 'QPL'
           WHEN p.m_agency_acro = 'DOITT' THEN 'OTI'
           ELSE p.m_agency_acro
       END AS managing_agency
  FROM source_capital_project AS p;

-- Commitments, parsed once ---------------------------------------------------------------------

-- A scratch copy of the commitments with what several tables derive from them: the row's id
-- (shared by capital_commitment and capital_commitment_fund), the budget line split into code and
-- id, and the planned date.
--
-- Budget line "<code>-<id>[-<more>]": code before the first hyphen, id between the first and the
-- second hyphen (or to the end); later parts are dropped (ED-0001-A → ED, 0001). Without a hyphen
-- the whole value is the code and the id is empty; split_part gives exactly that.
--
-- Planned date "MM/YY" → first day of that month. Two-digit years 00–69 are 2000–2069 and 70–99
-- are 1970–1999 (PostgreSQL's own rule for YY), written out so a malformed value is caught by the
-- guard below rather than guessed at by to_date.
--
-- Sponsor: recoded like the managing agency (QBPL → QPL, HRA/DSS → HRA, DOITT → OTI); the published
-- value is kept beside it for the error message below.
--
-- The table is dropped at commit: the runner runs this file in one transaction (were it not, the
-- table would vanish right away and the next statement would fail, not misbehave).
CREATE TEMPORARY TABLE scratch_capital_commitment ON COMMIT DROP AS
SELECT gen_random_uuid() AS id,
       c.m_agency,
       c.project_id,
       c.budget_line,
       split_part(c.budget_line, '-', 1) AS budget_line_code,
       split_part(c.budget_line, '-', 2) AS budget_line_id,
       c.project_type,
       CASE c.s_agency_acro
           WHEN 'QBPL'    THEN 'QPL'
           WHEN 'HRA/DSS' THEN 'HRA'
           WHEN 'DOITT'   THEN 'OTI'
           ELSE c.s_agency_acro
       END AS s_agency_acro,
       c.s_agency_acro AS published_sponsor,
       c.plan_comm_date,
       make_date(CASE WHEN d.yy < 70 THEN 2000 + d.yy ELSE 1900 + d.yy END, d.month, 1) AS planned_date,
       c.commitment_code,
       c.commitment_description,
       c.plannedcommit_ccnonexempt,
       c.plannedcommit_ccexempt,
       c.plannedcommit_citycost,
       c.plannedcommit_nccstate,
       c.plannedcommit_nccfederal,
       c.plannedcommit_nccother,
       c.plannedcommit_noncitycost,
       c.plannedcommit_total
  FROM source_capital_commitment AS c
  -- Both parts are NULL, and so is the date, unless the whole value has the MM/YY shape;
  -- capturing with one pattern means a malformed value never reaches the integer cast.
 CROSS JOIN LATERAL (
           SELECT substring(c.plan_comm_date FROM '^(0?[1-9]|1[0-2])/[0-9]{2}$')::int AS month,
                  substring(c.plan_comm_date FROM '^(?:0?[1-9]|1[0-2])/([0-9]{2})$')::int AS yy
       ) AS d;

-- capital_commitment.planned_date is NOT NULL; say which values could not be read.
DO $$
DECLARE
    bad      bigint;
    examples text;
BEGIN
    SELECT count(*), string_agg(DISTINCT coalesce(quote_literal(plan_comm_date), 'NULL'), ', ')
      INTO bad, examples
      FROM scratch_capital_commitment
     WHERE planned_date IS NULL;

    IF bad > 0 THEN
        RAISE EXCEPTION '% commitment(s) have a plan_comm_date that is not MM/YY: %', bad, examples;
    END IF;
END
$$;

-- Agencies and managing codes ----------------------------------------------------------------

-- The agencies domain owns these tables now. A code or acronym it does not know failed on a foreign
-- key in the original, naming neither the project nor the value; here the projects are named.
DO $$
DECLARE
    problem text;
BEGIN
    SELECT string_agg(format('%s/%s', m_agency, proj_id), ', ' ORDER BY m_agency, proj_id)
      INTO problem
      FROM source_capital_project AS p
     WHERE NOT EXISTS (SELECT FROM managing_code AS m WHERE m.id = p.m_agency);
    IF problem IS NOT NULL THEN
        RAISE EXCEPTION 'capital project(s) with a managing code that is not in the agency lookup: %', problem
              USING HINT = 'Add the code to the agency lookup or to data/managing_code_changes.csv.';
    END IF;

    SELECT string_agg(format('%s/%s (%s)', m_agency, proj_id,
                             coalesce(quote_literal(m_agency_acro), 'no acronym')
                             || CASE WHEN managing_agency IS DISTINCT FROM m_agency_acro
                                     THEN ' recoded to ' || coalesce(managing_agency, 'none') ELSE '' END),
                      ', ' ORDER BY m_agency, proj_id)
      INTO problem
      FROM scratch_managing_agency AS p
     WHERE NOT EXISTS (SELECT FROM agency AS a WHERE a.initials = p.managing_agency);
    IF problem IS NOT NULL THEN
        RAISE EXCEPTION 'capital project(s) with a managing agency that is not in the agency lookup: %', problem
              USING HINT = 'Add the agency to the agency lookup or to data/agency_additions.csv.';
    END IF;

    SELECT string_agg(DISTINCT format('%s (%s%s)', budget_line, coalesce(quote_literal(published_sponsor), 'no sponsor'),
                                      CASE WHEN s_agency_acro IS DISTINCT FROM published_sponsor
                                           THEN ' recoded to ' || s_agency_acro ELSE '' END), ', ')
      INTO problem
      FROM scratch_capital_commitment AS c
     WHERE NOT EXISTS (SELECT FROM agency AS a WHERE a.initials = c.s_agency_acro);
    IF problem IS NOT NULL THEN
        RAISE EXCEPTION 'budget line(s) with a sponsor that is not in the agency lookup: %', problem
              USING HINT = 'Add the agency to the agency lookup or to data/agency_additions.csv.';
    END IF;
END
$$;

-- Capital projects ----------------------------------------------------------------------------

-- The category is copied as published: the source table's CHECK admits exactly the API's three
-- values (with the Oxford comma, as CPDB and today's API spell it) or no value, and rejects any
-- other with its line. The original's 2024 coercion, which turned "Lump Sum" into NULL, is gone.
-- Spatial columns stay NULL here; the geometry step at the end fills them.
-- A duplicated (m_agency, proj_id) fails on the primary key: the project's amounts would be
-- ambiguous, so no row is picked.
INSERT INTO capital_project (managing_code, id, managing_agency, description, min_date, max_date, category)
SELECT p.m_agency,
       p.proj_id,
       a.managing_agency,
       p.description,
       p.min_date,
       p.max_date,
       p.type_category
  FROM source_capital_project AS p
  JOIN scratch_managing_agency AS a ON a.m_agency = p.m_agency AND a.proj_id = p.proj_id;

-- Project funds -------------------------------------------------------------------------------

-- One row per project, stage and fund category: 4 stages × 7 categories = 28 rows per project.
-- The original had no allocate / non-city-cost row (allocate_noncitycost was never read) while
-- every other stage has one; that gap looks accidental and would make a stage's non-city total
-- missing for allocations only, so the row is added here.
-- Values may be NULL (the amount is unknown) and are kept, so every project has the same rows.
-- The *_total columns are not stored (the category "total" is not used for projects), nor are the
-- project-level plannedcommit_* columns.
INSERT INTO capital_project_fund (id, managing_code, capital_project_id, capital_fund_category, stage, value)
SELECT gen_random_uuid(),
       p.m_agency,
       p.proj_id,
       f.category,
       f.stage,
       f.value
  FROM source_capital_project AS p
 CROSS JOIN LATERAL (
           VALUES ('adopt',    'city-non-exempt',  p.adopt_ccnonexempt),
                  ('adopt',    'city-exempt',      p.adopt_ccexempt),
                  ('adopt',    'city-cost',        p.adopt_citycost),
                  ('adopt',    'non-city-state',   p.adopt_nccstate),
                  ('adopt',    'non-city-federal', p.adopt_nccfederal),
                  ('adopt',    'non-city-other',   p.adopt_nccother),
                  ('adopt',    'non-city-cost',    p.adopt_noncitycost),
                  ('allocate', 'city-non-exempt',  p.allocate_ccnonexempt),
                  ('allocate', 'city-exempt',      p.allocate_ccexempt),
                  ('allocate', 'city-cost',        p.allocate_citycost),
                  ('allocate', 'non-city-state',   p.allocate_nccstate),
                  ('allocate', 'non-city-federal', p.allocate_nccfederal),
                  ('allocate', 'non-city-other',   p.allocate_nccother),
                  ('allocate', 'non-city-cost',    p.allocate_noncitycost),
                  ('commit',   'city-non-exempt',  p.commit_ccnonexempt),
                  ('commit',   'city-exempt',      p.commit_ccexempt),
                  ('commit',   'city-cost',        p.commit_citycost),
                  ('commit',   'non-city-state',   p.commit_nccstate),
                  ('commit',   'non-city-federal', p.commit_nccfederal),
                  ('commit',   'non-city-other',   p.commit_nccother),
                  ('commit',   'non-city-cost',    p.commit_noncitycost),
                  ('spent',    'city-non-exempt',  p.spent_ccnonexempt),
                  ('spent',    'city-exempt',      p.spent_ccexempt),
                  ('spent',    'city-cost',        p.spent_citycost),
                  ('spent',    'non-city-state',   p.spent_nccstate),
                  ('spent',    'non-city-federal', p.spent_nccfederal),
                  ('spent',    'non-city-other',   p.spent_nccother),
                  ('spent',    'non-city-cost',    p.spent_noncitycost)
       ) AS f (stage, category, value);

-- Commitment types ----------------------------------------------------------------------------

-- One description per code (see the header); the description is NOT NULL in the API.
INSERT INTO capital_commitment_type (code, description)
SELECT DISTINCT ON (spelling.code) spelling.code, spelling.description
  FROM (SELECT commitment_code AS code, commitment_description AS description, count(*) AS uses
          FROM source_capital_commitment
         GROUP BY commitment_code, commitment_description) AS spelling
 ORDER BY spelling.code, spelling.description IS NULL, spelling.uses DESC, spelling.description;

DO $$
DECLARE
    variant record;
BEGIN
    FOR variant IN
        SELECT t.code, t.description, string_agg(DISTINCT quote_literal(c.commitment_description), ', ') AS others
          FROM capital_commitment_type AS t
          JOIN source_capital_commitment AS c
            ON c.commitment_code = t.code AND c.commitment_description <> t.description
         GROUP BY t.code, t.description
         ORDER BY t.code
    LOOP
        RAISE NOTICE 'capital_commitment_type %: kept description %, ignored %',
                     variant.code, quote_literal(variant.description), variant.others;
    END LOOP;
END
$$;

-- Checkbook NYC totals ------------------------------------------------------------------------

-- The original truncated and published this table but never filled it. Rule adopted here: one
-- row per project whose spent_total_checkbooknyc is known. Projects without a Checkbook NYC
-- figure get no row: the row's only content is the value, so a NULL row would say nothing that
-- capital_project does not already say, and "no row" keeps "unknown" apart from a real 0.
INSERT INTO capital_project_checkbook (id, managing_code, capital_project_id, value)
SELECT gen_random_uuid(),
       p.m_agency,
       p.proj_id,
       p.spent_total_checkbooknyc
  FROM source_capital_project AS p
 WHERE p.spent_total_checkbooknyc IS NOT NULL;

-- Agency budgets and budget lines -------------------------------------------------------------

-- One (type, sponsor) per budget code (see the header), the sponsor recoded as above.
INSERT INTO agency_budget (code, type, sponsor)
SELECT DISTINCT ON (budget.code) budget.code, budget.type, budget.sponsor
  FROM (SELECT budget_line_code AS code, project_type AS type, s_agency_acro AS sponsor, count(*) AS uses
          FROM scratch_capital_commitment
         GROUP BY budget_line_code, project_type, s_agency_acro) AS budget
 ORDER BY budget.code, budget.type IS NULL, budget.sponsor IS NULL, budget.uses DESC,
          budget.type, budget.sponsor;

DO $$
DECLARE
    variant record;
BEGIN
    FOR variant IN
        SELECT b.code, b.type, b.sponsor,
               string_agg(DISTINCT format('%s/%s', c.project_type, c.s_agency_acro), ', ') AS others
          FROM agency_budget AS b
          JOIN scratch_capital_commitment AS c
            ON c.budget_line_code = b.code
           AND (c.project_type IS DISTINCT FROM b.type OR c.s_agency_acro IS DISTINCT FROM b.sponsor)
         GROUP BY b.code, b.type, b.sponsor
         ORDER BY b.code
    LOOP
        RAISE NOTICE 'agency_budget %: kept type/sponsor %/%, ignored %',
                     variant.code, variant.type, variant.sponsor, variant.others;
    END LOOP;
END
$$;

INSERT INTO budget_line (code, id)
SELECT DISTINCT budget_line_code, budget_line_id
  FROM scratch_capital_commitment;

-- Commitments ---------------------------------------------------------------------------------

-- One row per source commitment, with the id drawn in the scratch table. A commitment whose
-- (m_agency, project_id) is not a project fails on the foreign key.
INSERT INTO capital_commitment (id, type, planned_date, managing_code, capital_project_id,
                                budget_line_code, budget_line_id)
SELECT c.id,
       c.commitment_code,
       c.planned_date,
       c.m_agency,
       c.project_id,
       c.budget_line_code,
       c.budget_line_id
  FROM scratch_capital_commitment AS c;

-- Commitment funds: one row per commitment and fund category, 8 per commitment. The original had
-- no city-cost row (plannedcommit_citycost was never read) although it stored every other
-- category, the total included; the gap looks accidental, and without it the city's share of a
-- commitment could only be rebuilt by adding two rows, so the row is added here.
-- value is NOT NULL in the API. A missing amount stops the run with a count rather than being
-- skipped or zero-filled: every published commitment amount should be known.
DO $$
DECLARE
    bad bigint;
BEGIN
    SELECT count(*)
      INTO bad
      FROM scratch_capital_commitment
     WHERE num_nulls(plannedcommit_ccnonexempt, plannedcommit_ccexempt, plannedcommit_citycost,
                     plannedcommit_nccstate, plannedcommit_nccfederal, plannedcommit_nccother,
                     plannedcommit_noncitycost, plannedcommit_total) > 0;

    IF bad > 0 THEN
        RAISE EXCEPTION '% commitment(s) have an empty plannedcommit_* amount', bad;
    END IF;
END
$$;

INSERT INTO capital_commitment_fund (id, capital_commitment_id, capital_fund_category, value)
SELECT gen_random_uuid(),
       c.id,
       f.category,
       f.value
  FROM scratch_capital_commitment AS c
 CROSS JOIN LATERAL (
           VALUES ('city-non-exempt',  c.plannedcommit_ccnonexempt),
                  ('city-exempt',      c.plannedcommit_ccexempt),
                  ('city-cost',        c.plannedcommit_citycost),
                  ('non-city-state',   c.plannedcommit_nccstate),
                  ('non-city-federal', c.plannedcommit_nccfederal),
                  ('non-city-other',   c.plannedcommit_nccother),
                  ('non-city-cost',    c.plannedcommit_noncitycost),
                  ('total',            c.plannedcommit_total)
       ) AS f (category, value);

-- Project geometries --------------------------------------------------------------------------

-- The spatial files may list a project more than once; the original then kept whichever row the
-- update met last. Here the rows of one project are merged explicitly: identical shapes count
-- once, and different shapes are unioned, so the project shows every place it was drawn.
-- Everything is brought to EPSG:2263 first (the shapefiles keep their own CRS).
DO $$
DECLARE
    spatial record;
BEGIN
    FOR spatial IN
        SELECT 'polygon' AS kind, magency, projectid, count(*) AS rows
          FROM source_capital_project_m_poly
         WHERE wkt IS NOT NULL
         GROUP BY magency, projectid
        HAVING count(*) > 1
        UNION ALL
        SELECT 'point', magency, projectid, count(*)
          FROM source_capital_project_m_pnt
         WHERE wkt IS NOT NULL
         GROUP BY magency, projectid
        HAVING count(*) > 1
         ORDER BY 1, 2, 3
    LOOP
        RAISE NOTICE 'capital_project %/%: merged % % rows', spatial.magency, spatial.projectid,
                     spatial.rows, spatial.kind;
    END LOOP;
END
$$;

-- Spatial rows of projects that are not in cpdb_projects are ignored, as in the original; the
-- update below simply finds no project for them. Projects without spatial rows keep NULLs.
--
-- Label point: a point geometry wins (ST_PointOnSurface of a multipoint is one of its points);
-- otherwise the centre of the polygon's maximum inscribed circle. Both are computed in EPSG:2263
-- (feet) rather than in degrees, where the inscribed circle is distorted, then put into 3857.
WITH polygon AS (
    SELECT magency, projectid, array_agg(DISTINCT ST_Transform(wkt, 2263)) AS shapes
      FROM source_capital_project_m_poly
     WHERE wkt IS NOT NULL
     GROUP BY magency, projectid
), point AS (
    SELECT magency, projectid, array_agg(DISTINCT ST_Transform(wkt, 2263)) AS shapes
      FROM source_capital_project_m_pnt
     WHERE wkt IS NOT NULL
     GROUP BY magency, projectid
), merged AS (
    SELECT coalesce(polygon.magency, point.magency) AS managing_code,
           coalesce(polygon.projectid, point.projectid) AS id,
           CASE
               WHEN cardinality(polygon.shapes) = 1 THEN polygon.shapes[1]
               WHEN cardinality(polygon.shapes) > 1 THEN
                   ST_Multi(ST_CollectionExtract(ST_Union(polygon.shapes), 3))
           END AS li_ft_m_poly,
           CASE
               WHEN cardinality(point.shapes) = 1 THEN point.shapes[1]
               WHEN cardinality(point.shapes) > 1 THEN
                   ST_Multi(ST_CollectionExtract(ST_Union(point.shapes), 1))
           END AS li_ft_m_pnt
      FROM polygon
      FULL JOIN point
        ON point.magency = polygon.magency AND point.projectid = polygon.projectid
), located AS (
    SELECT m.managing_code,
           m.id,
           m.li_ft_m_pnt,
           m.li_ft_m_poly,
           CASE
               WHEN m.li_ft_m_pnt IS NOT NULL THEN ST_Transform(ST_PointOnSurface(m.li_ft_m_pnt), 3857)
               WHEN m.li_ft_m_poly IS NOT NULL THEN
                   ST_Transform((ST_MaximumInscribedCircle(m.li_ft_m_poly)).center, 3857)
           END AS mercator_label
      FROM merged AS m
)
UPDATE capital_project AS p
   SET li_ft_m_pnt          = l.li_ft_m_pnt,
       li_ft_m_poly         = l.li_ft_m_poly,
       mercator_label       = l.mercator_label,
       mercator_fill_m_pnt  = ST_Transform(l.li_ft_m_pnt, 3857),
       mercator_fill_m_poly = ST_Transform(l.li_ft_m_poly, 3857)
  FROM located AS l
 WHERE p.managing_code = l.managing_code
   AND p.id = l.id;
