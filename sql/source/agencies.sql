-- Source tables of the agencies domain: Data Engineering's managing-agency lookup (pinned to its
-- 20260222 inbox copy), and the two reviewed files of rows the flow adds or changes by hand
-- (data/agency_additions.csv, data/managing_code_changes.csv).
--
-- The lookup gets no key and no value checks here: a duplicate acronym, a blank name or an unknown
-- oversight level is reported by the transform, which names the acronym. A rejected load would
-- only say "line N" and, for a CHECK, not which rule of the API it breaks.

DROP TABLE IF EXISTS source_agency CASCADE;

CREATE TABLE source_agency (
    managing_agency_acronym  text,
    managing_agency          text,
    source                   text,
    manages_capital_projects boolean,
    operates_facilities      boolean,
    -- Three characters (e.g. 846, 040, 04A); a longer value is rejected with its line.
    agency_code              char(3),
    overlevel                text,
    optype                   text
);

DROP TABLE IF EXISTS source_agency_addition CASCADE;

CREATE TABLE source_agency_addition (
    initials        text NOT NULL,
    name            text NOT NULL,
    oversight_level text,
    reason          text NOT NULL,
    CONSTRAINT source_agency_addition_pkey PRIMARY KEY (initials),
    CONSTRAINT source_agency_addition_name_check CHECK (name <> ''),
    CONSTRAINT source_agency_addition_oversight_level_check
        CHECK (oversight_level IN ('City', 'County', 'State', 'Federal'))
);

DROP TABLE IF EXISTS source_managing_code_change CASCADE;

CREATE TABLE source_managing_code_change (
    id     char(3) NOT NULL,
    change text NOT NULL,
    reason text NOT NULL,
    CONSTRAINT source_managing_code_change_pkey PRIMARY KEY (id),
    CONSTRAINT source_managing_code_change_change_check CHECK (change IN ('add', 'leave_out'))
);
