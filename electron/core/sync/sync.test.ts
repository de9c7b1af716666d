import { afterEach, describe, expect, it } from 'vitest';
import type { AlertRule, Appointment, AttentionItem, Door, Geofence, SyncStatus, Tracker, Vehicle } from '@shared/contract';
import { atMinuteOfDay } from '@shared/domain/time';
import { FaultProxy } from '../../../scripts/lib/fault-proxy';
import { useSyncServer } from '../../../server/test/fixture';
import { useTestCore } from '../testing';
import { call, join, settled, waitForStatus } from './test-support';

const f = useSyncServer();
const newCore = useTestCore();
const TZ = 'Europe/Stockholm';
const DAY = '2031-09-15';
const at = (h: number, m = 0) => atMinuteOfDay(DAY, h * 60 + m, TZ);
const FAST = { periodicMs: 60_000, backoff: { initialMs: 50, maxMs: 200 } };

const proxies: FaultProxy[] = [];
afterEach(async () => {
  for (const p of proxies.splice(0)) await p.close();
});

/** A workstation reaching the server through its own proxy, which the test can cut. */
async function station(role: 'operator' | 'admin' | 'dispatcher' = 'operator') {
  const proxy = new FaultProxy({ host: '127.0.0.1', port: f.servers[0]!.port });
  await proxy.start();
  proxies.push(proxy);
  const core = await newCore({ timeZone: TZ, demo: true, now: () => at(0) - 86_400_000, sync: FAST });
  await join(core, proxy.url, { tenant: f.tenant.slug, ...f.passwords[role] });
  return Object.assign(core, { proxy });
}

const bookInput = (doorId: string, startAt: number, reference: string) => ({
  doorId,
  carrierName: 'PostNord',
  reference,
  startAt,
  durationMin: 60,
  loadType: 'palletized',
  pallets: 3,
});

describe('a workstation that syncs', () => {
  it('takes the tenant\'s data on joining and is read-only while nobody is signed in', async () => {
    const core = await newCore({ timeZone: TZ, demo: true, sync: FAST });
    const before = await call<Door[]>(core, 'dock.listDoors', {});
    expect(before.length).toBe(12); // its own demo doors
    const status = await join(core, f.url, { tenant: f.tenant.slug, ...f.passwords.operator });
    expect(status).toMatchObject({ registered: true, user: { role: 'operator' }, tenant: { slug: f.tenant.slug } });
    const doors = await call<Door[]>(core, 'dock.listDoors', {});
    expect(doors.map((d) => d.id).sort()).toEqual(f.doors.map((d) => d.id).sort());
    await call(core, 'sync.signOut');
    expect(core.localContext.role).toBe('viewer');
    await expect(call(core, 'dock.bookAppointment', bookInput(f.doors[0]!.id, at(9), 'RO-1'))).rejects.toThrow(/forbidden/);
  });

  it('sends a booking to the server and another workstation sees it', async () => {
    const a = await station();
    const b = await station();
    const booked = await call<Appointment>(a, 'dock.bookAppointment', bookInput(f.doors[0]!.id, at(6), 'SYNC-1'));
    const sa = await settled(a);
    await settled(b, sa.cursor);
    const onB = await call<Appointment[]>(b, 'dock.listAppointments', { date: DAY });
    expect(onB.find((x) => x.id === booked.id)).toMatchObject({ reference: 'SYNC-1', carrierName: 'PostNord', startAt: at(6) });
    // Both outboxes drained; the booking carried a gapless sync id.
    const row = await a.db.get<{ sync_id: number; pushed_at: number | null }>(
      "SELECT sync_id, pushed_at FROM outbox WHERE name = 'dock.bookAppointment'",
    );
    expect(row).toMatchObject({ sync_id: 1 });
    expect(row!.pushed_at).not.toBeNull();
  });

  it('keeps a change made offline, then the loser of a double booking sees it refused and its effect gone', async () => {
    const a = await station();
    const b = await station('dispatcher');
    b.proxy.setDown(true); // B goes offline
    const mine = await call<Appointment>(b, 'dock.bookAppointment', bookInput(f.doors[1]!.id, at(8), 'OFFLINE-B'));
    await waitForStatus(b, (s) => s.state === 'offline' && s.pending === 1);
    // Still shown here while offline: server state + my pending change.
    expect((await call<Appointment[]>(b, 'dock.listAppointments', { date: DAY })).some((x) => x.id === mine.id)).toBe(true);

    await call(a, 'dock.bookAppointment', bookInput(f.doors[1]!.id, at(8, 30), 'ONLINE-A'));
    const sa = await settled(a);

    b.proxy.setDown(false);
    const sb = await settled(b, sa.cursor);
    expect(sb.attention).toBe(1);
    const list = await call<Appointment[]>(b, 'dock.listAppointments', { date: DAY });
    expect(list.some((x) => x.id === mine.id)).toBe(false);
    expect(list.some((x) => x.reference === 'ONLINE-A')).toBe(true);
    const [item] = await call<AttentionItem[]>(b, 'sync.listAttention', {});
    expect(item).toMatchObject({ kind: 'rejected', name: 'dock.bookAppointment', code: 'conflict', actor: 'Dispatcher user' });
    expect((item!.args as { reference: string }).reference).toBe('OFFLINE-B');
    const nextFree = (item!.details as { nextFree: { startAt: number; doorId: string } }).nextFree;
    expect(nextFree.startAt).toBe(at(9, 30));

    // Edit and retry: book it at the next free slot instead.
    await call(b, 'sync.resolveAttention', { id: item!.id, action: 'retry', changes: { startAt: nextFree.startAt } });
    const after = await settled(b);
    expect(after.attention).toBe(0);
    expect((await call<Appointment[]>(b, 'dock.listAppointments', { date: DAY })).find((x) => x.reference === 'OFFLINE-B')).toMatchObject({
      startAt: at(9, 30),
    });
  });

  it('tells the author of an offline edit that lost a field who changed it first', async () => {
    const a = await station('dispatcher');
    const b = await station();
    const appt = await call<Appointment>(a, 'dock.bookAppointment', bookInput(f.doors[2]!.id, at(11), 'EDIT-1'));
    const s1 = await settled(a);
    await settled(b, s1.cursor);
    b.proxy.setDown(true);
    await call(b, 'dock.updateAppointment', { id: appt.id, notes: 'B: use the side door', pallets: 12 });
    await call(a, 'dock.updateAppointment', { id: appt.id, notes: 'A: ramp blocked' });
    const s2 = await settled(a);
    b.proxy.setDown(false);
    await settled(b, s2.cursor);
    const got = (await call<Appointment[]>(b, 'dock.listAppointments', { date: DAY })).find((x) => x.id === appt.id)!;
    expect(got).toMatchObject({ notes: 'A: ramp blocked', pallets: 12 });
    const [item] = await call<AttentionItem[]>(b, 'sync.listAttention', {});
    expect(item).toMatchObject({ kind: 'overridden', field: 'notes', yours: 'B: use the side door', theirs: 'A: ramp blocked', changedBy: 'Dispatcher user' });
  });

  it('syncs geofences and alert rules: a rule on a geofence deleted meanwhile is refused and gone', async () => {
    const a = await station('dispatcher');
    const b = await station('dispatcher');
    const yard = await call<Geofence>(a, 'fleet.saveGeofence', {
      name: 'Yard Göteborg',
      shape: { kind: 'circle', lat: 57.7, lon: 11.97, radiusM: 300 },
    });
    const speeding = await call<AlertRule>(a, 'fleet.saveRule', { name: 'Fast', kind: 'speeding', speedLimitKmh: 60 });
    const s1 = await settled(a);
    await settled(b, s1.cursor);
    // B sees A's geofence and rule (and none of its own demo ones: joining took the tenant's).
    expect((await call<Geofence[]>(b, 'fleet.listGeofences', {})).map((g) => g.name)).toEqual(['Yard Göteborg']);
    expect((await call<AlertRule[]>(b, 'fleet.listRules', {})).map((r) => r.id)).toEqual([speeding.id]);

    b.proxy.setDown(true);
    const entering = await call<AlertRule>(b, 'fleet.saveRule', { name: 'Into the yard', kind: 'enter', geofenceId: yard.id });
    await waitForStatus(b, (s) => s.state === 'offline' && s.pending === 1);
    await call(a, 'fleet.deleteGeofence', { id: yard.id });
    await call(a, 'fleet.saveRule', { ...speeding, speedLimitKmh: 70 });
    const s2 = await settled(a);
    b.proxy.setDown(false);
    const sb = await settled(b, s2.cursor);
    expect(sb.attention).toBe(1);
    expect(await call<Geofence[]>(b, 'fleet.listGeofences', {})).toEqual([]);
    const rules = await call<AlertRule[]>(b, 'fleet.listRules', {});
    expect(rules.map((r) => [r.id, r.speedLimitKmh])).toEqual([[speeding.id, 70]]);
    expect(rules.some((r) => r.id === entering.id)).toBe(false);
    const [item] = await call<AttentionItem[]>(b, 'sync.listAttention', {});
    expect(item).toMatchObject({ kind: 'rejected', name: 'fleet.saveRule', code: 'not_found' });

    // Edit and retry: the refused rule made anew (a new id), now for any place.
    await call(b, 'sync.resolveAttention', { id: item!.id, action: 'retry', changes: { kind: 'speeding', speedLimitKmh: 40, geofenceId: null } });
    const s3 = await settled(b);
    await settled(a, s3.cursor);
    const made = (await call<AlertRule[]>(a, 'fleet.listRules', {})).find((r) => r.name === 'Into the yard');
    expect(made).toMatchObject({ kind: 'speeding', speedLimitKmh: 40, geofenceId: null });
    expect(made!.id).not.toBe(entering.id);
    expect(s3.attention).toBe(0);
  });

  it('syncs the vehicle register: joining unlinks the station\'s trackers from its own, a refused offline vehicle goes', async () => {
    const a = await station('dispatcher');
    const b = await station('dispatcher');
    const vehicles = (core: typeof a) => call<Vehicle[]>(core, 'routes.listVehicles', { includeInactive: true });
    // Joining took the tenant's register (none yet) instead of the demo vehicles; the demo
    // trackers stay, no longer linked to a vehicle.
    expect(await vehicles(b)).toEqual([]);
    const demoTrackers = await call<Tracker[]>(b, 'fleet.listTrackers', {});
    expect(demoTrackers.length).toBeGreaterThan(0);
    expect(demoTrackers.filter((t) => t.vehicleId !== null)).toEqual([]);

    const van = await call<Vehicle>(a, 'routes.createVehicle', { name: 'Van 1', capacity: { kg: 800 } });
    const s1 = await settled(a);
    await settled(b, s1.cursor);
    expect((await vehicles(b)).map((v) => [v.id, v.name, v.capacity])).toEqual([[van.id, 'Van 1', { kg: 800 }]]);

    // Offline, B makes "Van 2" and puts a tracker on it, and changes Van 1's plate; meanwhile A
    // makes "VAN 2" and changes Van 1's capacity.
    b.proxy.setDown(true);
    const mine = await call<Vehicle>(b, 'routes.createVehicle', { name: 'Van 2' });
    const tracker = await call<Tracker>(b, 'fleet.saveTracker', { uid: 'sync-test-1', vehicleId: mine.id });
    await call(b, 'routes.updateVehicle', { ...van, shiftStart: '07:00', shiftEnd: '17:00', plate: 'ABC 123' });
    await waitForStatus(b, (s) => s.state === 'offline' && s.pending === 2); // the tracker stays on the station
    const theirs = await call<Vehicle>(a, 'routes.createVehicle', { name: 'VAN 2' });
    await call(a, 'routes.updateVehicle', { id: van.id, capacity: { kg: 1000, pallets: 12 } });
    const s2 = await settled(a);
    b.proxy.setDown(false);
    const sb = await settled(b, s2.cursor);
    expect(sb.attention).toBe(1);
    const [item] = await call<AttentionItem[]>(b, 'sync.listAttention', {});
    expect(item).toMatchObject({ kind: 'rejected', name: 'routes.createVehicle', code: 'conflict' });
    // Both edits of Van 1 stay (different fields); B's refused vehicle is gone and its tracker unlinked.
    const seen = new Map((await vehicles(b)).map((v) => [v.id, v]));
    expect([...seen.keys()].sort()).toEqual([van.id, theirs.id].sort());
    expect(seen.get(van.id)).toMatchObject({ plate: 'ABC 123', capacity: { kg: 1000, pallets: 12 } });
    expect((await call<Tracker[]>(b, 'fleet.listTrackers', {})).find((t) => t.id === tracker.id)).toMatchObject({ vehicleId: null });
    await settled(a, sb.cursor);
    expect((await vehicles(a)).find((v) => v.id === van.id)).toMatchObject({ plate: 'ABC 123', capacity: { kg: 1000, pallets: 12 } });
  });

  it('refuses plain http to another machine unless allowed, and local-only mode needs no server', async () => {
    const core = await newCore({ timeZone: TZ, sync: FAST });
    const s = await call<SyncStatus>(core, 'sync.status');
    expect(s).toMatchObject({ state: 'local', endpoint: null, registered: false, pending: 0 });
    await expect(call(core, 'sync.configure', { serverUrl: 'http://sync.example.com' })).rejects.toThrow(/invalid_input.*unencrypted/);
    await expect(call(core, 'sync.configure', { serverUrl: 'ftp://x' })).rejects.toThrow(/invalid_input/);
    await call(core, 'sync.configure', { serverUrl: 'http://sync.example.com', allowInsecure: true });
    await call(core, 'sync.configure', { serverUrl: 'https://sync.example.com' });
    expect((await call<SyncStatus>(core, 'sync.status')).endpoint).toBe('https://sync.example.com');
    // Unregistered: changes stay local-only and take no sync id; the status counts them as before.
    await call(core, 'dock.createDoor', { name: 'Local door', direction: 'both', opensAt: '06:00', closesAt: '18:00' });
    expect(await core.db.get("SELECT sync_id FROM outbox WHERE name = 'dock.createDoor'")).toEqual({ sync_id: null });
    expect(await call<SyncStatus>(core, 'sync.status')).toMatchObject({ state: 'local', pending: 1 });
  });
});
