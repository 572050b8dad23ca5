-- Source table of the data-sources domain: the facilities build's list of input datasets
-- (source_data_versions.csv). It comes from a build folder of a development branch, as in the
-- original, on purpose: Data Engineering publishes no release of it yet, and the facilities domain
-- that reads it comes from the same build. Pin it in pipeline.yaml once a release exists.
-- No key and no NOT NULL: a repeated schema name or a missing version or date is reported by the
-- transform with the schema name.

DROP TABLE IF EXISTS source_data_source CASCADE;

CREATE TABLE source_data_source (
    schema_name  text,
    dataset_name text,
    v            text,
    file_type    text,
    archive_date date,
    url          text
);
