-- The synced data and the record of every pushed mutation.
--
-- entities: one row per synced record (door, appointment, order, plan…) as the JSON the
-- workstations read, stamped with the tenant version of its last change. A deletion keeps the
-- row with data NULL (a tombstone), so a pull past a cursor sees it. changed_by holds, per
-- field, who last changed it and at which version: the server's order decides a field, and the
-- author of a concurrent edit that lost is told by whom.
CREATE TABLE entities (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  entity text NOT NULL CHECK (entity ~ '^[a-z][a-zA-Z]{0,31}$'),
  id text NOT NULL CHECK (length(id) BETWEEN 1 AND 200),
  version bigint NOT NULL,
  data jsonb,
  changed_by jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (tenant_id, entity, id)
);
CREATE INDEX entities_by_version ON entities (tenant_id, version);

-- Each pushed mutation once per (client, id): applied or rejected with the refusal its author sees.
CREATE TABLE mutations (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  client_id uuid NOT NULL,
  id bigint NOT NULL CHECK (id > 0),
  request_id uuid NOT NULL,
  name text NOT NULL,
  user_id uuid,
  at bigint NOT NULL,
  status text NOT NULL CHECK (status IN ('applied', 'rejected')),
  code text,
  message text,
  details jsonb,
  version bigint NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, client_id, id),
  CHECK ((status = 'rejected') = (code IS NOT NULL))
);
CREATE INDEX mutations_rejected ON mutations (tenant_id, client_id, id) WHERE status = 'rejected';

-- A field a mutation wanted to set that an unseen concurrent change had already set: the
-- server's value stays, and the mutation's author is told who changed it and when.
CREATE TABLE overrides (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  client_id uuid NOT NULL,
  mutation_id bigint NOT NULL,
  entity text NOT NULL,
  entity_id text NOT NULL,
  field text NOT NULL,
  yours jsonb,
  theirs jsonb,
  by_name text NOT NULL,
  by_at bigint NOT NULL,
  PRIMARY KEY (tenant_id, client_id, mutation_id, entity, entity_id, field),
  FOREIGN KEY (tenant_id, client_id, mutation_id) REFERENCES mutations(tenant_id, client_id, id)
);

SELECT isolate_tenant(t) FROM unnest(ARRAY['entities', 'mutations', 'overrides']::regclass[]) t;

GRANT SELECT, INSERT, UPDATE ON entities TO loadstar_app;
GRANT SELECT, INSERT ON mutations, overrides TO loadstar_app;
