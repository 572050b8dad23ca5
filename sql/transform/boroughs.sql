-- boroughs unit: source_borough → borough.
-- Runs first in every build that needs boroughs: community_district (admin) and tax_lot (pluto)
-- reference borough, and the tax-lot transform looks boroughs up by abbreviation.

-- CASCADE is needed because community_district and tax_lot reference borough in the flow DB.
-- Emptying them here is harmless: their units run after this one and refill them.
TRUNCATE borough CASCADE;

-- A straight copy, without filtering. abbr widens from char(2) to text.
INSERT INTO borough (id, title, abbr)
SELECT id, title, abbr::text
  FROM source_borough;
