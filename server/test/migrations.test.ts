import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../src/db/migrate';
import { usePostgres } from './postgres';

const pgc = usePostgres();
const migrations = loadMigrations();

async function at(version: number) {
  const c = new pg.Client({ connectionString: await pgc.database() });
  await c.connect();
  await migrate(c, migrations, version);
  return c;
}

/** Runs `sql` as the app role inside one tenant's scope. */
async function asTenant(c: pg.Client, tenantId: string, sql: string, params: unknown[] = []) {
  await c.query('BEGIN');
  try {
    await c.query('SET LOCAL ROLE loadstar_app');
    await c.query(`SET LOCAL app.tenant_id = '${tenantId}'`);
    const r = await c.query(sql, params);
    await c.query('COMMIT');
    return r;
  } catch (err) {
    await c.query('ROLLBACK');
    throw err;
  }
}

describe('server migrations', () => {
  it('are numbered 1..n and a database newer than the server is refused', async () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    const c = await at(migrations.length);
    await c.query("INSERT INTO schema_migrations (version, name) VALUES (999, 'future')");
    await expect(migrate(c, migrations)).rejects.toThrow(/newer than this server/);
    await c.end();
  });

  it('0001 tenants, users, devices: forced row-level security per tenant for the app role', async () => {
    const c = await at(1);
    const [a, b] = [randomUUID(), randomUUID()];
    for (const [id, slug] of [[a, 'a'], [b, 'b']] as const)
      await asTenant(c, id, "INSERT INTO tenants (id, slug, name, time_zone) VALUES ($1, $2, 'T', 'UTC')", [id, slug]);
    await asTenant(c, a, "INSERT INTO users (tenant_id, id, email, name, role, password_hash) VALUES ($1, $2, 'x@a', 'X', 'admin', 'h')", [a, randomUUID()]);
    expect((await asTenant(c, a, 'SELECT count(*)::int AS n FROM users')).rows[0].n).toBe(1);
    expect((await asTenant(c, b, 'SELECT count(*)::int AS n FROM users')).rows[0].n).toBe(0);
    await expect(asTenant(c, b, "INSERT INTO users (tenant_id, id, email, name, role, password_hash) VALUES ($1, $2, 'y@a', 'Y', 'admin', 'h')", [a, randomUUID()])).rejects.toThrow(/row-level security/);
    await expect(asTenant(c, a, "INSERT INTO users (tenant_id, id, email, name, role, password_hash) VALUES ($1, $2, 'z@a', 'Z', 'owner', 'h')", [a, randomUUID()])).rejects.toThrow(/check constraint/);
    const forced = await c.query("SELECT relname FROM pg_class WHERE relname IN ('users','devices','sessions','device_users','tenants') AND relforcerowsecurity");
    expect(forced.rows).toHaveLength(5);
    await c.end();
  });

  it('0002 sync tables keep the tenants and users from 0001 and isolate entities', async () => {
    const c = await at(1);
    const t = randomUUID();
    await asTenant(c, t, "INSERT INTO tenants (id, slug, name, time_zone) VALUES ($1, 'kept', 'Kept', 'UTC')", [t]);
    await migrate(c, migrations, 2);
    expect((await c.query("SELECT slug FROM tenants")).rows).toEqual([{ slug: 'kept' }]);
    await asTenant(c, t, "INSERT INTO entities (tenant_id, entity, id, version, data) VALUES ($1, 'door', 'd1', 1, '{\"name\":\"D\"}')", [t]);
    expect((await asTenant(c, randomUUID(), 'SELECT count(*)::int AS n FROM entities')).rows[0].n).toBe(0);
    await expect(asTenant(c, t, "INSERT INTO entities (tenant_id, entity, id, version, data) VALUES ($1, 'Bad Name', 'x', 1, NULL)", [t])).rejects.toThrow(/check constraint/);
    await c.end();
  });

  it('0003 dock guards: existing rows stay, overlapping bookings and duplicate door names are refused', async () => {
    const c = await at(2);
    const t = randomUUID();
    await asTenant(c, t, "INSERT INTO tenants (id, slug, name, time_zone) VALUES ($1, 'dock', 'Dock', 'UTC')", [t]);
    const appt = (id: string, door: string, start: number, status = 'booked') =>
      asTenant(c, t, "INSERT INTO entities (tenant_id, entity, id, version, data) VALUES ($1, 'appointment', $2, 1, $3)", [
        t,
        id,
        { doorId: door, startAt: start, endAt: start + 100, status },
      ]);
    await appt('old', 'd1', 1000);
    await migrate(c, migrations, 3);
    expect((await asTenant(c, t, "SELECT id FROM entities WHERE entity = 'appointment'")).rows).toEqual([{ id: 'old' }]);
    await expect(appt('clash', 'd1', 1050)).rejects.toMatchObject({ code: '23P01' });
    await appt('other-door', 'd2', 1050);
    await appt('cancelled', 'd1', 1050, 'cancelled');
    await appt('after', 'd1', 1100); // touching ranges do not overlap
    const door = (id: string, name: string) =>
      asTenant(c, t, "INSERT INTO entities (tenant_id, entity, id, version, data) VALUES ($1, 'door', $2, 1, $3)", [t, id, { name }]);
    await door('a', 'Door 1');
    await expect(door('b', 'door 1')).rejects.toMatchObject({ code: '23505' });
    await c.end();
  });
  it('0004 reference keys from shared code: old rows keyed once, lookups by the stored key', async () => {
    const c = await at(3);
    const t = randomUUID();
    await asTenant(c, t, "INSERT INTO tenants (id, slug, name, time_zone) VALUES ($1, 'keys', 'Keys', 'UTC')", [t]);
    const appt = (id: string, start: number, data: Record<string, unknown>) =>
      asTenant(c, t, "INSERT INTO entities (tenant_id, entity, id, version, data) VALUES ($1, 'appointment', $2, 1, $3)", [
        t,
        id,
        { doorId: 'd1', startAt: start, endAt: start + 100, status: 'booked', ...data },
      ]);
    await appt('old', 1000, { reference: ' PO-7 ' });
    await migrate(c, migrations, 4);
    const keyOf = async (id: string) =>
      (await asTenant(c, t, 'SELECT reference_key AS k, data ->> $1 AS d FROM entities WHERE id = $2', ['referenceKey', id])).rows[0];
    expect(await keyOf('old')).toEqual({ k: 'po-7', d: 'po-7' });
    // From now on the key is whatever the shared code stored, whatever this cluster's lower() does.
    await appt('new', 2000, { reference: 'ÅKE-1', referenceKey: 'åke-1' });
    expect(await keyOf('new')).toEqual({ k: 'åke-1', d: 'åke-1' });
    const found = await asTenant(c, t, 'SELECT id FROM entities WHERE booked AND reference_key = $1', ['åke-1']);
    expect(found.rows).toEqual([{ id: 'new' }]);
    await c.end();
  });
});
