-- data-sources domain: the facilities build's input datasets → data_source.

-- CASCADE: facility references data_source in the flow DB; the facilities domain is a child of
-- this one and refills it later in the same run.
TRUNCATE data_source CASCADE;

-- version and retrieve_date are NOT NULL in the API and schema_name is its key. The original
-- failed on the first bad row without naming it; every bad row is named here.
DO $$
DECLARE
    problem text;
BEGIN
    SELECT string_agg(coalesce(quote_literal(dataset_name), 'no name'), ', ' ORDER BY dataset_name)
      INTO problem
      FROM source_data_source
     WHERE nullif(schema_name, '') IS NULL;
    IF problem IS NOT NULL THEN
        RAISE EXCEPTION 'data source(s) without a schema name: %', problem;
    END IF;

    SELECT string_agg(format('%s (%s)', schema_name, concat_ws(', ',
                          CASE WHEN nullif(v, '') IS NULL THEN 'no version' END,
                          CASE WHEN archive_date IS NULL THEN 'no archive date' END)), ', ' ORDER BY schema_name)
      INTO problem
      FROM source_data_source
     WHERE nullif(v, '') IS NULL OR archive_date IS NULL;
    IF problem IS NOT NULL THEN
        RAISE EXCEPTION 'data source(s) without a version or archive date: %', problem;
    END IF;

    SELECT string_agg(schema_name, ', ' ORDER BY schema_name)
      INTO problem
      FROM (SELECT schema_name FROM source_data_source GROUP BY schema_name HAVING count(*) > 1) AS d;
    IF problem IS NOT NULL THEN
        RAISE EXCEPTION 'data source(s) listed twice: %', problem;
    END IF;
END
$$;

-- One row per dataset. file_type is not used; an empty url is no url.
INSERT INTO data_source (schema_name, dataset_name, version, retrieve_date, url)
SELECT s.schema_name, s.dataset_name, s.v, s.archive_date, nullif(s.url, '')
  FROM source_data_source AS s;
