import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { atMinuteOfDay } from '@shared/domain/time';
import { useSyncServer } from './fixture';

const f = useSyncServer();
const DAY = '2031-03-04';
let slot = 0;
/** A fresh hour on door 1 for each booking, so tests do not collide. */
const nextSlot = () => atMinuteOfDay(DAY, 6 * 60 + 60 * slot++, 'Europe/Stockholm');

const booking = (doorId: string, startAt: number, extra: Record<string, unknown> = {}) => ({
  resultId: randomUUID(),
  carrierId: randomUUID(),
  doorId,
  carrierName: 'PostNord',
  reference: `PO-${randomUUID().slice(0, 8)}`,
  startAt,
  durationMin: 60,
  loadType: 'palletized',
  pallets: 4,
  notes: '',
  ...extra,
});

describe('push and pull', () => {
  it('applies a pushed booking once, pulls it by cursor, and treats a second delivery as a no-op', async () => {
    const s = await f.station('operator');
    const start = nextSlot();
    const m = s.mutation('dock.bookAppointment', booking(f.doors[0]!.id, start));
    const first = await s.push([m]);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ lastMutationId: 1, rejections: [] });
    const again = await s.push([m]);
    expect(again.body).toMatchObject({ lastMutationId: 1, rejections: [] });

    const all = await s.pull(0);
    const mine = all.body.rows.filter((r) => r.entity === 'appointment' && r.id === (m.args as { resultId: string }).resultId);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.data).toMatchObject({ startAt: start, status: 'booked', doorId: f.doors[0]!.id });
    expect(mine[0]!.changedBy?.startAt).toMatchObject({ actor: 'Operator user', clientId: s.clientId });
    expect(all.body.lastMutationId).toBe(1);
    // Nothing new past the cursor; the duplicate did not make a second change.
    const later = await s.pull(all.body.cursor);
    expect(later.body.rows).toEqual([]);
  });

  it('refuses a gap in mutation ids and changes nothing', async () => {
    const s = await f.station('operator');
    s.mutation('dock.bookAppointment', booking(f.doors[0]!.id, nextSlot())); // id 1, never sent
    const skipped = s.mutation('dock.bookAppointment', booking(f.doors[0]!.id, nextSlot()));
    const before = (await s.pull(0)).body.cursor;
    const r = await s.push([skipped]);
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'conflict', details: { reason: 'mutation_gap', lastMutationId: 0 } });
    expect((await s.pull(0)).body).toMatchObject({ cursor: before, lastMutationId: 0 });
  });

  it('records a refusal with its code, advances the last mutation id and returns it until acknowledged', async () => {
    const a = await f.station('operator');
    const b = await f.station('operator');
    const start = nextSlot();
    await a.push([a.mutation('dock.bookAppointment', booking(f.doors[0]!.id, start))]);
    const r = await b.push([
      b.mutation('dock.bookAppointment', booking(f.doors[0]!.id, start + 30 * 60_000)),
      b.mutation('dock.bookAppointment', booking(f.doors[1]!.id, start)),
    ]);
    expect(r.body.lastMutationId).toBe(2);
    expect(r.body.rejections).toHaveLength(1);
    expect(r.body.rejections[0]).toMatchObject({
      mutationId: 1,
      name: 'dock.bookAppointment',
      code: 'conflict',
      actor: 'Operator user',
      details: { reason: 'overlap' },
    });
    expect(r.body.rejections[0]!.message).toMatch(/is taken .* by PostNord/);
    const pulled = await b.pull(0);
    expect(pulled.body.rejections.map((x) => x.mutationId)).toEqual([1]);
    const acked = await b.pull(0, { ackRejectionsUpTo: 1 });
    expect(acked.body.rejections).toEqual([]);
  });

  it('pages end on whole versions and a deletion arrives as a row without data', async () => {
    const s = await f.station('admin');
    const { serverChange } = await import('../src/admin/tenants');
    await serverChange(f.servers[0]!.db, f.tenant.id, 'test', async (store) => {
      for (let i = 0; i < 5; i++) await store.put('note', `n${i}`, { text: `note ${i}` });
    });
    await serverChange(f.servers[0]!.db, f.tenant.id, 'test', (store) => store.remove('note', 'n2'));
    const rows: { id: string; version: number; data: unknown }[] = [];
    let cursor = 0;
    for (let pages = 0; pages < 100; pages++) {
      const r = (await s.pull(cursor, { limit: 3 })).body;
      // A page never splits one version between two pulls.
      const versions = new Set(r.rows.map((x) => x.version));
      for (const v of versions) expect(rows.some((x) => x.version === v)).toBe(false);
      rows.push(...r.rows.filter((x) => x.id.startsWith('n')));
      cursor = r.cursor;
      if (!r.more) break;
    }
    const notes = new Map(rows.map((r) => [r.id, r]));
    expect([...notes.keys()].sort()).toEqual(['n0', 'n1', 'n2', 'n3', 'n4']);
    expect(notes.get('n2')!.data).toBeNull();
  });

  it('keeps a field another workstation changed first and tells the late author who changed it', async () => {
    const anna = await f.station('dispatcher');
    const erik = await f.station('operator');
    const start = nextSlot();
    const b = booking(f.doors[2]!.id, start);
    await anna.push([anna.mutation('dock.bookAppointment', b)]);
    const seen = (await erik.pull(0)).body.cursor;
    await anna.push([anna.mutation('dock.updateAppointment', { id: b.resultId, notes: 'Anna: side door' })]);
    const r = await erik.push([
      erik.mutation('dock.updateAppointment', { id: b.resultId, notes: 'Erik: ramp', pallets: 9 }, { baseVersion: seen }),
    ]);
    expect(r.body.rejections).toEqual([]);
    expect(r.body.overrides).toEqual([
      expect.objectContaining({ entity: 'appointment', entityId: b.resultId, field: 'notes', yours: 'Erik: ramp', theirs: 'Anna: side door', by: 'Dispatcher user' }),
    ]);
    const row = (await erik.pull(0)).body.rows.find((x) => x.id === b.resultId)!;
    expect(row.data).toMatchObject({ notes: 'Anna: side door', pallets: 9 });
    expect((await erik.pull(0)).body.overrides).toHaveLength(1);
  });

  it('finds a duplicate reference with Swedish letters by the shared key, as the workstation does', async () => {
    const s = await f.station('operator');
    const first = booking(f.doors[3]!.id, nextSlot(), { reference: 'ÅKE-Ö1' });
    // å and ö typed as a + ring and o + diaeresis: lower() alone would not match them.
    const again = booking(f.doors[3]!.id, nextSlot(), { reference: ' a\u030ake-o\u03081 ' });
    const other = booking(f.doors[3]!.id, nextSlot(), { reference: 'AKE-O1' });
    const r = await s.push([
      s.mutation('dock.bookAppointment', first),
      s.mutation('dock.bookAppointment', again),
      s.mutation('dock.bookAppointment', other),
    ]);
    expect(r.body.lastMutationId).toBe(3);
    expect(r.body.rejections).toEqual([
      expect.objectContaining({ mutationId: 2, code: 'conflict', details: expect.objectContaining({ reason: 'duplicate_reference' }) }),
    ]);
    const rows = (await s.pull(0)).body.rows.filter((x) => x.entity === 'appointment');
    expect(rows.find((x) => x.id === first.resultId)!.data).toMatchObject({ reference: 'ÅKE-Ö1', referenceKey: 'åke-ö1' });
    expect(rows.find((x) => x.id === other.resultId)!.data).toMatchObject({ referenceKey: 'ake-o1' });
  });

  it('runs fleet edits by role: geofences and rules, a geofence taking its rules with it', async () => {
    const planner = await f.station('dispatcher');
    const operator = await f.station('operator');
    const yard = { id: randomUUID(), isNew: true, name: 'Yard', shape: { kind: 'circle', lat: 57.7, lon: 11.9, radiusM: 200 }, color: '#2f7de1' };
    const rule = {
      id: randomUUID(), isNew: true, name: 'Into the yard', kind: 'enter', geofenceId: yard.id,
      speedLimitKmh: null, minutes: null, vehicleIds: [], active: true,
    };
    const r = await planner.push([
      planner.mutation('fleet.saveGeofence', yard),
      planner.mutation('fleet.saveRule', rule),
      planner.mutation('fleet.saveGeofence', { ...yard, name: 'Yard again' }), // a second create of one id
      planner.mutation('fleet.saveRule', { ...rule, id: randomUUID(), geofenceId: randomUUID() }),
    ]);
    expect(r.body.rejections.map((x) => [x.mutationId, x.code, x.details?.reason ?? x.details?.field])).toEqual([
      [3, 'conflict', 'id_taken'],
      [4, 'not_found', 'geofenceId'],
    ]);
    // An operator may not draw geofences, whatever its workstation sends.
    const refused = await operator.push([operator.mutation('fleet.deleteGeofence', { id: yard.id })]);
    expect(refused.body.rejections[0]).toMatchObject({ code: 'forbidden', details: { reason: 'role' } });

    const before = (await planner.pull(0)).body.cursor;
    await planner.push([planner.mutation('fleet.deleteGeofence', { id: yard.id })]);
    const after = (await planner.pull(before)).body.rows;
    expect(after.filter((x) => x.id === yard.id || x.id === rule.id).map((x) => [x.entity, x.data])).toEqual(
      expect.arrayContaining([
        ['geofence', null],
        ['alertRule', null],
      ]),
    );
    // Within one batch (written together at its end): made again, deleted, made once more.
    const mark = (await planner.pull(0)).body.cursor;
    const again = await planner.push([
      planner.mutation('fleet.saveGeofence', { ...yard, name: 'Yard 2' }),
      planner.mutation('fleet.deleteGeofence', { id: yard.id }),
      planner.mutation('fleet.saveGeofence', { ...yard, name: 'Yard 3' }),
      planner.mutation('fleet.saveGeofence', { ...yard, isNew: false, color: '#112233', name: 'Yard 3' }),
    ]);
    expect(again.body.rejections).toEqual([]);
    const [row] = (await planner.pull(mark)).body.rows.filter((x) => x.id === yard.id);
    expect(row).toMatchObject({ entity: 'geofence', data: { name: 'Yard 3', color: '#112233' } });
    expect(Object.keys(row!.changedBy ?? {}).sort()).toEqual(['color', 'createdAt', 'id', 'name', 'shape', 'updatedAt']);
  });

  it('decides each booking of one batch on what the batch before it did (moves, refusals, references)', async () => {
    const s = await f.station('operator');
    const door = f.doors[4]!.id;
    const start = nextSlot();
    const x = booking(door, start);
    const y = booking(door, start + 30 * 60_000);
    const z = booking(door, start + 30 * 60_000);
    const sameReference = booking(door, start + 5 * 3_600_000, { reference: ` ${x.reference.toLowerCase()} ` });
    const afterCancel = { ...sameReference, resultId: randomUUID() };
    const r = await s.push([
      s.mutation('dock.bookAppointment', x),
      s.mutation('dock.bookAppointment', y), // overlaps x: refused
      s.mutation('dock.moveAppointment', { id: x.resultId, doorId: door, startAt: start + 2 * 3_600_000 }),
      s.mutation('dock.bookAppointment', z), // x moved away: the slot is free now
      s.mutation('dock.bookAppointment', sameReference), // x's reference, any case: refused
      s.mutation('dock.cancelAppointment', { id: x.resultId, reason: 'gone' }),
      s.mutation('dock.bookAppointment', afterCancel), // x cancelled: allowed
    ]);
    expect(r.body.lastMutationId).toBe(7);
    expect(r.body.rejections.map((x) => [x.mutationId, x.details?.reason])).toEqual([
      [2, 'overlap'],
      [5, 'duplicate_reference'],
    ]);
    const rows = (await s.pull(0)).body.rows.filter((row) => row.entity === 'appointment' && (row.data as { doorId: string }).doorId === door);
    const booked = rows.filter((row) => (row.data as { status: string }).status === 'booked').map((row) => row.id);
    expect(booked.sort()).toEqual([z.resultId, afterCancel.resultId].sort());
  });

  it('merges concurrent geofence edits field by field and tells the late author of a lost field', async () => {
    const anna = await f.station('dispatcher');
    const erik = await f.station('admin');
    const g = { id: randomUUID(), isNew: true, name: 'Gate', shape: { kind: 'circle', lat: 57.7, lon: 11.9, radiusM: 150 }, color: '#2f7de1' };
    await anna.push([anna.mutation('fleet.saveGeofence', g)]);
    const seen = (await erik.pull(0)).body.cursor;
    await anna.push([anna.mutation('fleet.saveGeofence', { id: g.id, isNew: false, name: 'Gate Nord' })]);
    const r = await erik.push([
      erik.mutation('fleet.saveGeofence', { id: g.id, isNew: false, name: 'Gate Syd', color: '#aa0000' }, { baseVersion: seen }),
    ]);
    expect(r.body.rejections).toEqual([]);
    expect(r.body.overrides).toEqual([
      expect.objectContaining({ entity: 'geofence', entityId: g.id, field: 'name', yours: 'Gate Syd', theirs: 'Gate Nord', by: 'Dispatcher user' }),
    ]);
    const row = (await erik.pull(0)).body.rows.find((x) => x.id === g.id)!;
    expect(row.data).toMatchObject({ name: 'Gate Nord', color: '#aa0000', shape: g.shape });
    // A new geofence needs all its fields; an edit that leaves a rule incomplete is refused.
    const bare = await anna.push([anna.mutation('fleet.saveGeofence', { id: randomUUID(), isNew: true, name: 'Bare' })]);
    expect(bare.body.rejections[0]).toMatchObject({ code: 'invalid_input', details: { reason: 'incomplete' } });
    const rule = { id: randomUUID(), isNew: true, name: 'Slow', kind: 'idle', minutes: 10 };
    const made = await anna.push([
      anna.mutation('fleet.saveRule', rule),
      anna.mutation('fleet.saveRule', { id: rule.id, isNew: false, kind: 'speeding' }),
    ]);
    expect(made.body.rejections).toEqual([expect.objectContaining({ mutationId: 5, code: 'invalid_input', details: { field: 'speedLimitKmh', reason: 'rule_needs' } })]);
  });

  it('keeps the vehicle and driver register: planners only, names unique ignoring case, edits merged per field', async () => {
    const anna = await f.station('dispatcher');
    const erik = await f.station('admin');
    const operator = await f.station('operator');
    const van = { id: randomUUID(), name: `Van ${randomUUID().slice(0, 6)}`, capacity: { kg: 900 }, shiftStart: '06:00', shiftEnd: '15:00' };
    const driver = { id: randomUUID(), name: `Kim ${randomUUID().slice(0, 6)}`, phone: '070-1', skills: ['adr', 'adr'], active: true };
    const made = await anna.push([
      anna.mutation('routes.createVehicle', van),
      anna.mutation('routes.createDriver', driver),
      anna.mutation('routes.createVehicle', { ...van, id: randomUUID(), name: van.name.toUpperCase() }),
      anna.mutation('routes.updateVehicle', { id: van.id, shiftEnd: '05:00' }), // before its 06:00 start
      anna.mutation('routes.updateVehicle', { id: randomUUID(), plate: 'ABC 123' }),
      anna.mutation('routes.createVehicle', van), // the same id again
    ]);
    expect(made.body.rejections.map((x) => [x.mutationId, x.code, x.details?.reason])).toEqual([
      [3, 'conflict', 'name_taken'],
      [4, 'invalid_input', 'shift_order'], // merged with the stored start, by the shared rules
      [5, 'not_found', undefined],
      [6, 'conflict', 'id_taken'],
    ]);
    const rows = (await anna.pull(0)).body.rows;
    expect(rows.find((x) => x.id === van.id)!.data).toMatchObject({ name: van.name, shiftStart: 360, shiftEnd: 900, capacity: { kg: 900 }, breakWindow: null, active: true, planning: true });
    expect(rows.find((x) => x.id === driver.id)).toMatchObject({ entity: 'driver', data: { skills: ['adr'], phone: '070-1' } });
    expect(rows.find((x) => x.id === van.id)!.data).not.toHaveProperty('available');
    // An operator may not change the register, whatever its workstation sends.
    const refused = await operator.push([operator.mutation('routes.updateDriver', { id: driver.id, active: false })]);
    expect(refused.body.rejections[0]).toMatchObject({ code: 'forbidden', details: { reason: 'role' } });

    // Concurrent edits: Anna renames, Erik (offline since) renames too and changes the plate.
    const seen = (await erik.pull(0)).body.cursor;
    await anna.push([anna.mutation('routes.updateVehicle', { id: van.id, name: `${van.name} Nord` })]);
    const r = await erik.push([
      erik.mutation('routes.updateVehicle', { id: van.id, name: `${van.name} Syd`, plate: 'XYZ 987' }, { baseVersion: seen }),
      erik.mutation('routes.updateVehicle', { id: van.id, breakMin: 45, breakWindow: { from: '11:00', to: '11:30' } }, { baseVersion: seen }),
    ]);
    expect(r.body.overrides).toEqual([
      expect.objectContaining({ entity: 'vehicle', entityId: van.id, field: 'name', yours: `${van.name} Syd`, theirs: `${van.name} Nord` }),
    ]);
    expect(r.body.rejections).toEqual([expect.objectContaining({ mutationId: 2, code: 'invalid_input', details: expect.objectContaining({ reason: 'break_too_long' }) })]);
    const after = (await erik.pull(0)).body.rows.find((x) => x.id === van.id)!;
    expect(after.data).toMatchObject({ name: `${van.name} Nord`, plate: 'XYZ 987', breakMin: 0 });
  });
});
