-- Dock rules the database itself guards, whatever the server code does: no door is ever
-- double-booked (an exclusion constraint over door and time range, so two server instances
-- racing cannot both commit), and a door name is unique per tenant.
CREATE EXTENSION IF NOT EXISTS btree_gist;

ALTER TABLE entities ADD CONSTRAINT appointments_no_overlap EXCLUDE USING gist (
  tenant_id WITH =,
  (data ->> 'doorId') WITH =,
  int8range((data ->> 'startAt')::bigint, (data ->> 'endAt')::bigint) WITH &&
) WHERE (entity = 'appointment' AND data ->> 'status' = 'booked');

CREATE UNIQUE INDEX doors_name ON entities (tenant_id, lower(data ->> 'name'))
  WHERE entity = 'door' AND data IS NOT NULL;
CREATE UNIQUE INDEX carriers_name ON entities (tenant_id, lower(data ->> 'name'))
  WHERE entity = 'carrier' AND data IS NOT NULL;
