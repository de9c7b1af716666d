-- Tenants, their users (with roles), registered workstations and sign-in sessions.
-- Every table carries tenant_id; row-level security (forced, so even the owner is held to it)
-- lets a transaction see only the tenant named in its `app.tenant_id` setting. The server runs
-- its queries as the role loadstar_app, which owns nothing, so these policies always apply.

DO $$
BEGIN
  CREATE ROLE loadstar_app NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
GRANT loadstar_app TO CURRENT_USER;

CREATE FUNCTION current_tenant() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;

CREATE TABLE tenants (
  id uuid PRIMARY KEY,
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  time_zone text NOT NULL,
  -- The tenant's version sequence: each change takes the next value under this row's lock, so
  -- versions become visible in order and a pull cursor never skips a change still committing.
  version bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  email text NOT NULL CHECK (email = lower(email)),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  role text NOT NULL CHECK (role IN ('admin', 'dispatcher', 'operator', 'viewer')),
  password_hash text NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, email)
);

-- A registered workstation: its client id is the sync client id; the token is stored as a hash.
CREATE TABLE devices (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  registered_by uuid NOT NULL,
  -- The highest mutation id of this client processed (applied or rejected).
  last_mutation_id bigint NOT NULL DEFAULT 0 CHECK (last_mutation_id >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, registered_by) REFERENCES users(tenant_id, id)
);

-- Users who have signed in on a workstation: the only ones its pushes may name as the author.
CREATE TABLE device_users (
  tenant_id uuid NOT NULL,
  device_id uuid NOT NULL,
  user_id uuid NOT NULL,
  PRIMARY KEY (tenant_id, device_id, user_id),
  FOREIGN KEY (tenant_id, device_id) REFERENCES devices(tenant_id, id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users(tenant_id, id)
);

CREATE TABLE sessions (
  tenant_id uuid NOT NULL,
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  FOREIGN KEY (tenant_id, user_id) REFERENCES users(tenant_id, id)
);

ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
-- A tenant's slug and name are not secret (sign-in names the tenant); only its own row changes.
CREATE POLICY tenants_read ON tenants FOR SELECT USING (true);
CREATE POLICY tenants_write ON tenants FOR UPDATE USING (id = current_tenant()) WITH CHECK (id = current_tenant());
CREATE POLICY tenants_create ON tenants FOR INSERT WITH CHECK (id = current_tenant());

-- Every tenant table, now and in later migrations: rows of the transaction's tenant only.
CREATE FUNCTION isolate_tenant(t regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', t);
  EXECUTE format(
    'CREATE POLICY tenant_isolation ON %s USING (tenant_id = current_tenant()) WITH CHECK (tenant_id = current_tenant())', t);
END $$;
REVOKE ALL ON FUNCTION isolate_tenant(regclass) FROM PUBLIC;

SELECT isolate_tenant(t) FROM unnest(ARRAY['users', 'devices', 'device_users', 'sessions']::regclass[]) t;

GRANT SELECT, INSERT, UPDATE (version) ON tenants TO loadstar_app;
GRANT SELECT, INSERT, UPDATE ON users, devices, sessions TO loadstar_app;
GRANT SELECT, INSERT ON device_users TO loadstar_app;
