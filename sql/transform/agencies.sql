-- agencies domain: Data Engineering's managing-agency lookup + the reviewed hand-made rows
-- (data/agency_additions.csv, data/managing_code_changes.csv) → agency, managing_code.
-- Parent of capital-planning (and of the budget-request and facility domains): every managing
-- code, managing agency and sponsor they publish must be a row here.
--
-- The original inserted the lookup as it came and let the API's constraints reject it, so a bad
-- lookup row stopped the run with a bare "duplicate key" or "violates check constraint" that named
-- no agency. Every rule below is checked first, and a failure names the acronym and the value.

-- CASCADE: capital_project, agency_budget (and budget requests, facilities) reference these tables
-- in the flow DB. Their domains are children of this one and refill them later in the same run.
TRUNCATE agency, managing_code CASCADE;

DO $$
DECLARE
    problem text;
BEGIN
    -- agency.initials is the key every other domain joins on.
    SELECT string_agg(format('%s (code %s)', coalesce(quote_literal(managing_agency), 'no name'),
                             coalesce(agency_code::text, 'none')), ', ')
      INTO problem
      FROM source_agency
     WHERE nullif(managing_agency_acronym, '') IS NULL;
    IF problem IS NOT NULL THEN
        RAISE EXCEPTION 'agency lookup row(s) without an acronym: %', problem;
    END IF;

    -- The API's CHECK agency_oversight_level. Data Engineering's facility metadata also uses
    -- "City-State" and "Non-public Oversight"; a new level needs a decision in the API first.
    SELECT string_agg(format('%s: %s', managing_agency_acronym, quote_literal(overlevel)), ', '
                      ORDER BY managing_agency_acronym)
      INTO problem
      FROM source_agency
     WHERE nullif(overlevel, '') NOT IN ('City', 'County', 'State', 'Federal');
    IF problem IS NOT NULL THEN
        RAISE EXCEPTION 'agency lookup oversight level(s) not City, County, State or Federal: %', problem;
    END IF;

    -- A managing code is three characters (846, 040, 04A); a shorter value would be blank-padded.
    SELECT string_agg(format('%s: %s', managing_agency_acronym, quote_literal(agency_code::text)), ', '
                      ORDER BY managing_agency_acronym)
      INTO problem
      FROM source_agency
     WHERE agency_code::text !~ '^[0-9A-Z]{3}$' AND agency_code::text <> '';
    IF problem IS NOT NULL THEN
        RAISE EXCEPTION 'agency lookup code(s) not three digits or capitals: %', problem;
    END IF;

    -- One name and one level per acronym (the API's key is the acronym alone).
    SELECT string_agg(format('%s (%s)', v.initials, v.variants), '; ' ORDER BY v.initials)
      INTO problem
      FROM (SELECT d.initials, string_agg(d.variant, ', ' ORDER BY d.variant) AS variants
              FROM (SELECT DISTINCT managing_agency_acronym AS initials,
                           format('%s/%s', coalesce(quote_literal(managing_agency), 'no name'),
                                  coalesce(nullif(overlevel, ''), 'no level')) AS variant
                      FROM source_agency) AS d
             GROUP BY d.initials
            HAVING count(*) > 1) AS v;
    IF problem IS NOT NULL THEN
        RAISE EXCEPTION 'agency lookup acronym(s) with more than one name or oversight level: %', problem;
    END IF;

    -- A hand-made row may fill a blank name of the lookup (NYCRGB, SUNY) or add an agency the lookup
    -- lacks (OCA, OTH), but never silently replace a name Data Engineering publishes.
    SELECT string_agg(format('%s: lookup %s, data/agency_additions.csv %s', s.managing_agency_acronym,
                             quote_literal(s.managing_agency), quote_literal(a.name)), '; '
                      ORDER BY s.managing_agency_acronym)
      INTO problem
      FROM source_agency AS s
      JOIN source_agency_addition AS a ON a.initials = s.managing_agency_acronym
     WHERE nullif(s.managing_agency, '') IS NOT NULL AND s.managing_agency <> a.name;
    IF problem IS NOT NULL THEN
        RAISE EXCEPTION 'agency name(s) differ between the lookup and data/agency_additions.csv: %', problem
              USING HINT = 'Remove the row from data/agency_additions.csv if the lookup''s name is right.';
    END IF;

    -- agency.name is NOT NULL. The original filled NYCRGB and SUNY after inserting them, so a truly
    -- empty (unquoted) name failed on NOT NULL before the fix could run.
    SELECT string_agg(s.managing_agency_acronym, ', ' ORDER BY s.managing_agency_acronym)
      INTO problem
      FROM source_agency AS s
     WHERE nullif(s.managing_agency, '') IS NULL
       AND NOT EXISTS (SELECT FROM source_agency_addition AS a WHERE a.initials = s.managing_agency_acronym);
    IF problem IS NOT NULL THEN
        RAISE EXCEPTION 'agency lookup acronym(s) with a blank name: %', problem
              USING HINT = 'Add the name to data/agency_additions.csv (initials,name,oversight_level,reason).';
    END IF;
END
$$;

-- Hand-made rows that the lookup already has with the same name are redundant: say so, so the
-- reviewed file can be trimmed, but nothing is wrong.
DO $$
DECLARE
    redundant record;
BEGIN
    FOR redundant IN
        SELECT a.initials FROM source_agency_addition AS a
          JOIN source_agency AS s ON s.managing_agency_acronym = a.initials AND s.managing_agency = a.name
         ORDER BY 1
    LOOP
        RAISE NOTICE 'agency %: data/agency_additions.csv repeats the lookup''s row', redundant.initials;
    END LOOP;
    FOR redundant IN
        SELECT c.id FROM source_managing_code_change AS c
         WHERE c.change = 'add' AND EXISTS (SELECT FROM source_agency AS s WHERE s.agency_code = c.id)
         ORDER BY 1
    LOOP
        RAISE NOTICE 'managing code %: data/managing_code_changes.csv adds a code the lookup already has', redundant.id;
    END LOOP;
END
$$;

-- Agencies: one per acronym of the lookup (the checks above make the triple unique), the name
-- filled from the reviewed file where the lookup's is blank, and an empty level read as no level;
-- then the reviewed agencies the lookup does not have.
INSERT INTO agency (initials, name, oversight_level)
SELECT DISTINCT s.managing_agency_acronym,
       coalesce(nullif(s.managing_agency, ''), a.name),
       coalesce(nullif(s.overlevel, ''), a.oversight_level)
  FROM source_agency AS s
  LEFT JOIN source_agency_addition AS a ON a.initials = s.managing_agency_acronym;

INSERT INTO agency (initials, name, oversight_level)
SELECT a.initials, a.name, a.oversight_level
  FROM source_agency_addition AS a
 WHERE NOT EXISTS (SELECT FROM agency AS g WHERE g.initials = a.initials);

-- Managing codes: every code of the lookup once (several agencies may share one), without the
-- codes the reviewed file leaves out, plus the codes it adds.
INSERT INTO managing_code (id)
SELECT s.agency_code
  FROM source_agency AS s
 WHERE nullif(s.agency_code::text, '') IS NOT NULL
UNION
SELECT c.id
  FROM source_managing_code_change AS c
 WHERE c.change = 'add'
EXCEPT
SELECT c.id
  FROM source_managing_code_change AS c
 WHERE c.change = 'leave_out';
