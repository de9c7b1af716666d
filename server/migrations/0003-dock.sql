-- Dock rules the database itself guards, whatever the server code does: no door is ever
-- double-booked (an exclusion constraint over door and time range, so two server instances
-- racing cannot both commit), and a door name is unique per tenant.
--
-- An appointment's door and times are also plain columns, generated from its JSON: row-level
-- security lets an index serve only leakproof comparisons, and plain column comparisons are,
-- where JSON operators are not. So "what is booked on this door between these times" stays an
-- index lookup however many appointments the tenant has.
CREATE EXTENSION IF NOT EXISTS btree_gist;

ALTER TABLE entities
  ADD COLUMN door_id text GENERATED ALWAYS AS (CASE WHEN entity = 'appointment' THEN data ->> 'doorId' END) STORED,
  ADD COLUMN starts_at bigint GENERATED ALWAYS AS (CASE WHEN entity = 'appointment' THEN (data ->> 'startAt')::bigint END) STORED,
  ADD COLUMN ends_at bigint GENERATED ALWAYS AS (CASE WHEN entity = 'appointment' THEN (data ->> 'endAt')::bigint END) STORED,
  ADD COLUMN booked boolean GENERATED ALWAYS AS (entity = 'appointment' AND data ->> 'status' = 'booked') STORED,
  ADD COLUMN reference_key text GENERATED ALWAYS AS (
    CASE WHEN entity = 'appointment' THEN lower(btrim(data ->> 'reference')) END) STORED;

ALTER TABLE entities ADD CONSTRAINT appointments_no_overlap EXCLUDE USING gist (
  tenant_id WITH =,
  door_id WITH =,
  int8range(starts_at, ends_at) WITH &&
) WHERE (booked);
CREATE INDEX appointments_by_door ON entities (tenant_id, door_id, starts_at) WHERE booked;
CREATE INDEX appointments_by_time ON entities (tenant_id, starts_at) WHERE booked;
-- Every booking looks for another one with the same reference (without case) nearby.
CREATE INDEX appointments_by_reference ON entities (tenant_id, reference_key) WHERE booked;

CREATE UNIQUE INDEX doors_name ON entities (tenant_id, lower(data ->> 'name'))
  WHERE entity = 'door' AND data IS NOT NULL;
CREATE UNIQUE INDEX carriers_name ON entities (tenant_id, lower(data ->> 'name'))
  WHERE entity = 'carrier' AND data IS NOT NULL;
