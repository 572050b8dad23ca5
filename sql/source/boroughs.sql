-- Source table of the boroughs unit: the static data/borough.csv, loaded as is.
-- Dropped and recreated every run so a changed definition never meets stale rows.

DROP TABLE IF EXISTS source_borough CASCADE;

CREATE TABLE source_borough (
    id    char(1) NOT NULL,
    title text,
    abbr  char(2),
    CONSTRAINT source_borough_pkey PRIMARY KEY (id),
    -- Borough ids are the single digits used as the first digit of a BBL / BoroCD.
    CONSTRAINT source_borough_id_check CHECK (id ~ '^[1-9]$')
);
