import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { atMinuteOfDay } from '@shared/domain/time';
import { createDemoTenant } from '../src/admin/tenants';
import { inTenant } from '../src/db/pool';
import { useSyncServer } from './fixture';
import { call, workstation } from './sync-client';

const f = useSyncServer({ loginPerMinute: 5 });
const start = atMinuteOfDay('2031-05-06', 9 * 60, 'Europe/Stockholm');
const booking = (doorId: string, startAt = start) => ({
  resultId: randomUUID(),
  carrierId: randomUUID(),
  doorId,
  carrierName: 'DHL Freight',
  reference: `PO-${randomUUID().slice(0, 8)}`,
  startAt,
  durationMin: 30,
  loadType: 'palletized',
  pallets: 1,
  notes: '',
});

async function countEntities(tenantId: string) {
  return inTenant(f.servers[0]!.db, tenantId, async (tx) =>
    (await tx.query<{ n: number; v: number }>(
      `SELECT (SELECT count(*)::int FROM entities) AS n, (SELECT version FROM tenants WHERE id = current_tenant()) AS v`,
    )).rows[0]!,
  );
}

describe('tenant isolation', () => {
  it("a token of tenant B neither reads nor changes tenant A's rows, whatever it sends", async () => {
    const a = await f.station('admin');
    await a.push([a.mutation('dock.bookAppointment', booking(f.doors[0]!.id))]);
    const aRows = (await a.pull(0)).body.rows;
    const appointment = aRows.find((r) => r.entity === 'appointment')!;

    const other = await createDemoTenant(f.servers[0]!.db, `other-${randomUUID().slice(0, 6)}`);
    const b = await workstation(f.url, other.tenant.slug, other.admin.user.email, other.admin.password);
    const bRows = (await b.pull(0)).body.rows;
    expect(bRows.length).toBeGreaterThan(0);
    const aIds = new Set(aRows.map((r) => r.id));
    expect(bRows.filter((r) => aIds.has(r.id))).toEqual([]);

    const before = await countEntities(f.tenant.id);
    // B names A's appointment and A's door: for B they do not exist.
    const r = await b.push([
      b.mutation('dock.cancelAppointment', { id: appointment.id, reason: 'taken over' }),
      b.mutation('dock.bookAppointment', booking(f.doors[1]!.id)),
    ]);
    expect(r.body.rejections.map((x) => x.code)).toEqual(['not_found', 'not_found']);
    // B's token with A's client id, or A's tenant id spliced into B's token, gets nowhere.
    expect((await call(f.url, '/v1/pull', { clientId: a.clientId, cursor: 0 }, b.token)).status).toBe(403);
    const forged = `${f.tenant.id}.${b.token.split('.')[1]}`;
    expect((await call(f.url, '/v1/pull', { clientId: b.clientId, cursor: 0 }, forged)).status).toBe(401);
    expect(await countEntities(f.tenant.id)).toEqual(before);
    expect((await a.pull(0)).body.rows.find((x) => x.id === appointment.id)!.data).toMatchObject({ status: 'booked' });
  });

  it('row-level security holds for plain SQL as the app role: no tenant set, no rows; another tenant set, none of this one', async () => {
    const client = new pg.Client({ connectionString: f.databaseUrl, options: '-c role=loadstar_app' });
    await client.connect();
    try {
      expect((await client.query('SELECT count(*)::int AS n FROM entities')).rows[0].n).toBe(0);
      expect((await client.query('SELECT count(*)::int AS n FROM users')).rows[0].n).toBe(0);
      await client.query('BEGIN');
      await client.query(`SET LOCAL app.tenant_id = '${randomUUID()}'`);
      expect((await client.query('SELECT count(*)::int AS n FROM entities')).rows[0].n).toBe(0);
      await expect(
        client.query(
          `INSERT INTO entities (tenant_id, entity, id, version, data) VALUES ($1, 'door', 'x', 1, '{}')`,
          [f.tenant.id],
        ),
      ).rejects.toThrow(/row-level security/);
      await client.query('ROLLBACK');
    } finally {
      await client.end();
    }
  });
});

describe('roles', () => {
  it('follow the contract: an operator books but may not create a door; a viewer may not book', async () => {
    const op = await f.station('operator');
    const r = await op.push([
      op.mutation('dock.createDoor', { resultId: randomUUID(), name: 'Door 99', direction: 'both', equipment: [], opensAt: '06:00', closesAt: '18:00' }),
      op.mutation('dock.bookAppointment', booking(f.doors[3]!.id)),
    ]);
    expect(r.body.rejections).toEqual([expect.objectContaining({ mutationId: 1, code: 'forbidden', details: { reason: 'role' } })]);
    const viewer = await f.station('viewer');
    const v = await viewer.push([viewer.mutation('dock.bookAppointment', booking(f.doors[4]!.id))]);
    expect(v.body.rejections[0]).toMatchObject({ code: 'forbidden' });
    const admin = await f.station('admin');
    const a = await admin.push([
      admin.mutation('dock.createDoor', { resultId: randomUUID(), name: 'Door 99', direction: 'both', equipment: [], opensAt: '06:00', closesAt: '18:00' }),
    ]);
    expect(a.body.rejections).toEqual([]);
  });

  it('a workstation may not name as author a user who never signed in on it', async () => {
    const op = await f.station('operator');
    const admin = await f.station('admin');
    const r = await op.push([
      op.mutation('dock.createDoor', { resultId: randomUUID(), name: 'Door 98', direction: 'both', equipment: [], opensAt: '06:00', closesAt: '18:00' }, { userId: admin.user.id, actor: admin.user.name }),
    ]);
    expect(r.body.rejections[0]).toMatchObject({ code: 'forbidden' });
  });
});

describe('bad input gets a clear error and changes nothing', () => {
  it('wrong types, unknown mutators, oversize bodies and stale tokens', async () => {
    const s = await f.station('operator');
    const before = await countEntities(f.tenant.id);
    const wrongEnvelope = await call(f.url, '/v1/push', { clientId: s.clientId, mutations: [{ id: 'one', name: 'dock.bookAppointment' }] }, s.token);
    expect(wrongEnvelope.status).toBe(400);
    expect(wrongEnvelope.body.error).toMatchObject({ code: 'invalid_input' });
    expect(wrongEnvelope.body.error!.message).toMatch(/mutations\.0/);

    const wrongArgs = await s.push([s.mutation('dock.bookAppointment', { ...booking(f.doors[5]!.id), startAt: 'nine' })]);
    expect(wrongArgs.body.rejections[0]).toMatchObject({ code: 'invalid_input' });
    const unknown = await s.push([s.mutation('dock.explode', { all: true })]);
    expect(unknown.body.rejections[0]).toMatchObject({ code: 'invalid_input', details: { reason: 'unknown_mutator' } });

    const huge = JSON.stringify({ clientId: s.clientId, mutations: [s.mutation('dock.bookAppointment', { notes: 'x'.repeat(9_000_000) })] });
    const tooLarge = await call(f.url, '/v1/push', huge, s.token);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error).toMatchObject({ code: 'invalid_input', details: { reason: 'too_large' } });

    const notJson = await call(f.url, '/v1/pull', '{"clientId":', s.token);
    expect(notJson.status).toBe(400);

    const stale = await call(f.url, '/v1/pull', { clientId: s.clientId, cursor: 0 }, `${f.tenant.id}.${'A'.repeat(43)}`);
    expect(stale.status).toBe(401);
    expect(stale.body.error).toMatchObject({ code: 'forbidden', details: { reason: 'unauthenticated' } });
    expect((await call(f.url, '/v1/pull', { clientId: s.clientId, cursor: 0 })).status).toBe(401);
    // A session token is not a device token, and an ended session no longer registers anything.
    expect((await call(f.url, '/v1/pull', { clientId: s.clientId, cursor: 0 }, s.session)).status).toBe(401);
    expect((await call(f.url, '/v1/logout', {}, s.session)).status).toBe(200);
    expect((await call(f.url, '/v1/devices', { clientId: randomUUID(), name: 'x' }, s.session)).status).toBe(401);

    const after = await countEntities(f.tenant.id);
    expect(after.n).toBe(before.n);
  });

  it('rate-limits sign-in attempts', async () => {
    const bad = { tenant: f.tenant.slug, email: 'nobody@test.loadstar', password: 'wrong' };
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await call(f.url, '/v1/login', bad)).status);
    expect(statuses.slice(0, 5)).toEqual([403, 403, 403, 403, 403]);
    const limited = await call(f.url, '/v1/login', bad);
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({ code: 'unavailable', details: { reason: 'rate_limited' } });
  });
});
