-- Flow database set-up, run once before any source or model table exists.
--
-- PostGIS provides the geometry / geography types used by every spatial source and model table,
-- and ST_Transform, ST_MaximumInscribedCircle and ST_PointOnSurface used by the transforms.
-- IF NOT EXISTS keeps this step idempotent: the flow DB is reused between runs.
--
-- gen_random_uuid() (used for zoning districts, funds, commitments and checkbook rows) is built
-- into PostgreSQL 13+, so pgcrypto / uuid-ossp are not needed.
CREATE EXTENSION IF NOT EXISTS postgis;
