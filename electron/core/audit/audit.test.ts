import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { commands, type AuditEntry, type AuditEntryDetail, type CommandName, type ResponseMessage } from '@shared/contract';
import { addDays, isoDate } from '@shared/domain/time';
import type { Core } from '../core';
import { SECRET_MARK } from '../db/audit';
import { order } from '../routing/planning/test-support';
import { useTestCore } from '../testing';

function callAs(core: Core) {
  let id = 1;
  return (name: CommandName, input: unknown, requestId?: string): Promise<ResponseMessage> =>
    core.router.dispatch(
      { id: id++, name, input, ...(commands[name].mutates ? { requestId: requestId ?? randomUUID() } : {}) },
      core.localContext,
    );
}

async function ok<T = any>(r: Promise<ResponseMessage>): Promise<T> {
  const m = await r;
  if (!m.ok) throw new Error(`${m.error.code}: ${m.error.message}`);
  return m.value as T;
}

async function entries(core: Core, filter: Record<string, unknown> = {}): Promise<AuditEntry[]> {
  return (await ok<{ entries: AuditEntry[] }>(callAs(core)('audit.entries', { limit: 500, ...filter }))).entries;
}

async function lastDetail(core: Core, command: string): Promise<AuditEntryDetail> {
  const [entry] = await entries(core, { command });
  if (!entry) throw new Error(`no audit entry for ${command}`);
  return ok(callAs(core)('audit.entry', { id: entry.id }));
}

const DOOR = { name: 'Door 1', direction: 'inbound', opensAt: '06:00', closesAt: '22:00' } as const;

describe('audit trail', () => {
  const start = useTestCore();

  it('records a mutation of every family: who, when, where, what, and each row before → after', async () => {
    const core = await start({ workstation: 'Gate PC 2' });
    const call = callAs(core);
    const t0 = Date.now();

    // dock
    const door = await ok(call('dock.createDoor', DOOR));
    await ok(call('dock.updateDoor', { id: door.id, name: 'Door 1 (north)' }));
    const appt = await ok(
      call('dock.bookAppointment', {
        doorId: door.id,
        carrierName: 'PostNord',
        reference: 'RO-77',
        startAt: Date.UTC(2030, 0, 8, 9),
        durationMin: 60,
        loadType: 'palletized',
        pallets: 3,
      }),
    );
    await ok(call('dock.cancelAppointment', { id: appt.id, reason: 'Carrier called off' }));
    // devices + station
    await ok(call('devices.updateWedgeSettings', { prefix: '#' }));
    await ok(call('station.setPrinter', { printerId: null }));
    // route planning
    const o = await ok(call('routes.createOrder', order('SO-9', 57.78, 14.16)));
    await ok(call('routes.updateOrder', { id: o.id, customer: 'Kund Nio' }));
    // fleet: a geofence made and removed
    const fence = await ok(call('fleet.saveGeofence', { name: 'Yard', shape: { kind: 'circle', lat: 57.7, lon: 14.1, radiusM: 200 } }));
    await ok(call('fleet.deleteGeofence', { id: fence.id }));
    // files: nothing stored yet, still an entry
    await ok(call('files.beginUpload', { name: 'orders.csv', size: 10, sha256: 'a'.repeat(64) }));
    // workstation users
    await ok(call('users.save', { id: 'local-admin', name: 'Anna Admin', role: 'admin', pin: '2468' }));

    const all = await entries(core);
    expect(all.map((e) => e.command).reverse()).toEqual([
      'dock.createDoor',
      'dock.updateDoor',
      'dock.bookAppointment',
      'dock.cancelAppointment',
      'devices.updateWedgeSettings',
      'station.setPrinter',
      'routes.createOrder',
      'routes.updateOrder',
      'fleet.saveGeofence',
      'fleet.deleteGeofence',
      'files.beginUpload',
      'users.save',
    ]);
    for (const e of all) {
      expect(e).toMatchObject({ role: 'admin', workstation: 'Gate PC 2', outcome: 'ok' });
      expect(e.at).toBeGreaterThanOrEqual(t0);
    }
    expect(all.find((e) => e.command === 'dock.createDoor')?.actor).toBe('Local admin');

    const created = await lastDetail(core, 'dock.createDoor');
    expect(created.changes).toContainEqual(
      expect.objectContaining({ table: 'doors', key: door.id, op: 'insert', before: null, after: expect.objectContaining({ name: 'Door 1' }) }),
    );
    const renamed = await lastDetail(core, 'dock.updateDoor');
    const doorChange = renamed.changes.find((c) => c.table === 'doors');
    expect(doorChange).toMatchObject({ op: 'update', before: { name: 'Door 1' }, after: { name: 'Door 1 (north)' } });
    const cancelled = await lastDetail(core, 'dock.cancelAppointment');
    expect(cancelled.changes.find((c) => c.table === 'appointments')).toMatchObject({
      op: 'update',
      key: appt.id,
      before: { status: 'booked' },
      after: { status: 'cancelled' },
    });
    expect((await lastDetail(core, 'routes.updateOrder')).changes.find((c) => c.table === 'route_orders')).toMatchObject({
      before: { customer: 'Kund SO-9' },
      after: { customer: 'Kund Nio' },
    });
    expect((await lastDetail(core, 'fleet.deleteGeofence')).changes).toContainEqual(
      expect.objectContaining({ table: 'fleet_geofences', op: 'delete', after: null, before: expect.objectContaining({ name: 'Yard' }) }),
    );
    expect((await lastDetail(core, 'devices.updateWedgeSettings')).changes.length).toBeGreaterThan(0);
    expect((await lastDetail(core, 'files.beginUpload')).changeCount).toBe(0);
    // Secrets: the PIN neither in the input nor in the row, only that it was set.
    const pin = await lastDetail(core, 'users.save');
    expect(JSON.parse(pin.input!)).toMatchObject({ pin: SECRET_MARK });
    expect(pin.changes.find((c) => c.table === 'local_users')).toMatchObject({
      before: { pin_hash: null, name: 'Local admin' },
      after: { pin_hash: `${SECRET_MARK} (changed)`, name: 'Anna Admin' },
    });
    expect(JSON.stringify(pin)).not.toContain('2468');
    expect(JSON.stringify(pin)).not.toContain('scrypt');
  });

  it('records nothing for what was refused or rolled back, and a retry only once', async () => {
    const core = await start();
    const call = callAs(core);
    const requestId = randomUUID();
    await ok(call('dock.createDoor', DOOR, requestId));
    await ok(call('dock.createDoor', DOOR, requestId));
    expect((await call('dock.createDoor', DOOR)).ok).toBe(false); // same name: refused before writing
    expect((await call('dock.createDoor', { ...DOOR, opensAt: '25:00' })).ok).toBe(false);
    expect(await entries(core)).toHaveLength(1);
    // Writes outside a request (background work, sync pulls) are not a user's change.
    await core.db.write((tx) => tx.run("UPDATE doors SET name = 'Renamed by a job'"));
    const [only] = await entries(core);
    expect(only!.changeCount).toBe(1);
    expect(await core.db.all('SELECT id FROM audit_changes')).toHaveLength(1);
  });

  it('keeps a failed sign-in that counted a wrong PIN, with its outcome', async () => {
    const core = await start();
    const call = callAs(core);
    await ok(call('users.save', { id: 'local-admin', name: 'Anna Admin', role: 'admin', pin: '2468' }));
    expect((await call('session.signIn', { userId: 'local-admin', pin: '1111' })).ok).toBe(false);
    const [failed] = await entries(core, { command: 'session.signIn' });
    expect(failed).toMatchObject({ outcome: 'forbidden', changeCount: 1 });
    expect(JSON.parse(failed!.input!)).toEqual({ userId: 'local-admin', pin: SECRET_MARK });
  });

  it('filters by user, record and period, pages newest first, and says so for an unknown entry', async () => {
    const core = await start({ actor: 'anna' });
    const call = callAs(core);
    const doors = [];
    for (const name of ['A', 'B', 'C']) doors.push(await ok(call('dock.createDoor', { ...DOOR, name: `Door ${name}` })));
    // Another person at another workstation of the same store.
    const asBo = { ...core.localContext, actor: 'bo', workstation: 'Office' };
    await ok(core.router.dispatch({ id: 99, name: 'dock.createDoor', input: { ...DOOR, name: 'Door Z' }, requestId: randomUUID() }, asBo));
    await ok(call('dock.updateDoor', { id: doors[1].id, name: 'Door B2' }));

    expect((await entries(core, { actor: 'anna' })).length).toBe(4);
    expect(await entries(core, { actor: 'bo' })).toMatchObject([{ command: 'dock.createDoor', workstation: 'Office' }]);
    expect(await ok(call('audit.actors', {}))).toEqual(['anna', 'bo']);
    // A record by its key, by table/key, or by text in its rows (the old name too).
    for (const record of [doors[1].id, `doors/${doors[1].id}`, 'Door B']) {
      expect((await entries(core, { record })).map((e) => e.command), record).toEqual(['dock.updateDoor', 'dock.createDoor']);
    }
    const today = isoDate(Date.now(), 'UTC');
    expect(await entries(core, { from: today, to: today })).toHaveLength(5);
    expect(await entries(core, { from: addDays(today, -3), to: addDays(today, -1) })).toEqual([]);
    const page1 = await ok(call('audit.entries', { limit: 3 }));
    expect(page1.more).toBe(true);
    const page2 = await ok(call('audit.entries', { limit: 3, beforeId: page1.entries.at(-1).id }));
    expect(page2).toMatchObject({ more: false, entries: [{ command: 'dock.createDoor' }, { command: 'dock.createDoor' }] });
    expect((await call('audit.entry', { id: 999 })).ok ? 'found' : 'not_found').toBe('not_found');
    expect((await call('audit.entries', { from: '2026-02-30' })).ok).toBe(false);
  });

  it('is read by administrators and dispatchers only', async () => {
    const operator = await start({ role: 'operator' });
    expect(await callAs(operator)('audit.entries', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const dispatcher = await start({ role: 'dispatcher' });
    expect((await callAs(dispatcher)('audit.entries', {})).ok).toBe(true);
  });
});
