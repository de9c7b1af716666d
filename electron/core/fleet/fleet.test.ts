import { describe, expect, it } from 'vitest';
import { atMinuteOfDay } from '@shared/domain/time';
import { api } from '../routing/planning/test-support';
import { deliveryRun } from './test/tracks';
import { eventually, useFleetCore } from './test/harness';

const start = useFleetCore();
const ZONE = 'Europe/Stockholm';
const DATE = '2026-11-23';

/** A core whose clock the test moves, with one tracked van. */
async function setup(at = atMinuteOfDay(DATE, 8 * 60, ZONE), tickMs = 60_000) {
  const clock = { now: at };
  const f = await start({
    timeZone: ZONE,
    now: () => clock.now,
    fleet: { listenerPort: 0, publishMs: 50, tickMs },
  });
  const { fail, call } = api(f.core);
  const van = await f.ok('routes.createVehicle', { name: 'Van 1', plate: 'JKP 201' });
  await f.ok('fleet.saveTracker', { uid: 'van-1', vehicleId: van.id });
  const fix = (lat: number, lon: number, speedKmh = 0, t = clock.now) =>
    f.post(`id=van-1&lat=${lat}&lon=${lon}&timestamp=${t}&speed=${speedKmh / 1.852}`);
  return { ...f, clock, van, fix, fail, call };
}

describe('geofences and alerts', () => {
  it('raises enter and exit once each as a van crosses a drawn polygon, and acknowledges them', async () => {
    const { ok, fix, clock, core, fail } = await setup();
    const pushed: string[] = [];
    core.events.subscribe(
      (m) => m.event === 'fleet.alert' && pushed.push((m.payload as { kind: string }).kind),
    );
    const yard = await ok('fleet.saveGeofence', {
      name: 'Yard',
      shape: {
        kind: 'polygon',
        points: [
          [57.78, 14.15],
          [57.78, 14.16],
          [57.775, 14.16],
          [57.775, 14.15],
        ],
      },
    });
    await ok('fleet.saveRule', { name: 'Into the yard', kind: 'enter', geofenceId: yard.id });
    await ok('fleet.saveRule', { name: 'Out of the yard', kind: 'exit', geofenceId: yard.id });
    const path: [number, number][] = [
      [57.785, 14.155],
      [57.782, 14.155],
      [57.778, 14.155],
      [57.777, 14.156],
      [57.772, 14.156],
      [57.77, 14.156],
    ];
    for (const [lat, lon] of path) {
      expect((await fix(lat, lon, 30)).status).toBe(200);
      clock.now += 20_000;
    }
    const alerts = await eventually(async () => {
      const a = await ok('fleet.listAlerts', { open: true });
      expect(a).toHaveLength(2);
      return a;
    });
    expect(
      alerts.map((a: { kind: string; geofenceName: string; name: string }) => [
        a.kind,
        a.geofenceName,
        a.name,
      ]),
    ).toEqual([
      ['exit', 'Yard', 'Van 1'],
      ['enter', 'Yard', 'Van 1'],
    ]);
    await eventually(async () => expect(pushed.sort()).toEqual(['enter', 'exit']));
    expect(await ok('fleet.acknowledgeAlerts', { ids: alerts.map((a: { id: string }) => a.id) })).toEqual({
      acknowledged: 2,
    });
    expect(await ok('fleet.listAlerts', { open: true })).toEqual([]);
    // Acknowledging is a user change: it is in the outbox with the ids and the instant.
    const [m] = await ok('audit.list', { name: 'fleet.acknowledgeAlerts', limit: 1 });
    expect(m.args).toEqual({ ids: alerts.map((a: { id: string }) => a.id), at: clock.now });
    // Rules say what they need.
    expect(await fail('fleet.saveRule', { name: 'x', kind: 'enter' })).toMatchObject({
      code: 'invalid_input',
      details: { issues: [{ path: ['geofenceId'] }] },
    });
    expect(
      await fail('fleet.saveGeofence', {
        name: 'Bad',
        shape: {
          kind: 'polygon',
          points: [
            [1, 2],
            [3, 4],
          ],
        },
      }),
    ).toMatchObject({ code: 'invalid_input' });
  });

  it('raises speeding once per episode, and idle and offline from the clock', async () => {
    const { ok, fix, clock, core, post } = await setup(undefined, 40);
    await ok('fleet.saveRule', { name: 'Fast', kind: 'speeding', speedLimitKmh: 50 });
    await ok('fleet.saveRule', { name: 'Idle', kind: 'idle', minutes: 10 });
    await ok('fleet.saveRule', { name: 'Quiet', kind: 'offline', minutes: 30 });
    // A second van parked in the yard: standing where standing is expected is not idling.
    const yardVan = await ok('routes.createVehicle', { name: 'Van 2' });
    await ok('fleet.saveTracker', { uid: 'van-2', vehicleId: yardVan.id });
    await ok('fleet.saveGeofence', {
      name: 'Yard',
      shape: { kind: 'circle', lat: 57.7, lon: 14.1, radiusM: 200 },
    });
    await post(`id=van-2&lat=57.7&lon=14.1&timestamp=${clock.now}&speed=0`);
    for (const kmh of [40, 70, 75, 72, 40, 0]) {
      await fix(57.78 + clock.now / 1e12, 14.16, kmh);
      clock.now += 10_000;
    }
    clock.now += 11 * 60_000;
    await eventually(async () =>
      expect((await ok('fleet.listAlerts', {})).map((a: { kind: string }) => a.kind).sort()).toEqual([
        'idle',
        'speeding',
      ]),
    );
    clock.now += 30 * 60_000;
    const kinds = await eventually(async () => {
      const a = (await ok('fleet.listAlerts', {})).map(
        (x: { kind: string; value: number }) => `${x.kind}:${x.value}`,
      );
      expect(a).toHaveLength(4);
      return a;
    });
    expect(kinds).toEqual(expect.arrayContaining(['speeding:70', 'idle:11']));
    // Both vans go quiet; only the one on the road idled.
    expect(kinds.filter((k: string) => k.startsWith('offline'))).toEqual([
      expect.stringMatching(/offline:4\d/),
      expect.stringMatching(/offline:4\d/),
    ]);
    expect(kinds.filter((k: string) => k.startsWith('idle'))).toHaveLength(1);
    void core;
  });
});

describe('trips report', () => {
  it('finds the recorded run’s trips and stops after it came in over HTTP', async () => {
    const dayStart = atMinuteOfDay(DATE, 9 * 60, ZONE);
    const { ok, post, van, clock } = await setup(atMinuteOfDay(DATE, 18 * 60, ZONE));
    const run = deliveryRun(dayStart);
    // Eight requests at a time, as a phone flushing its buffer would: some arrive out of order.
    for (let i = 0; i < run.rows.length; i += 8) {
      const sent = await Promise.all(
        run.rows
          .slice(i, i + 8)
          .map((r) => post(`id=van-1&lat=${r.lat}&lon=${r.lon}&timestamp=${r.t}&speed=${r.speed / 1.852}`)),
      );
      for (const res of sent) if (res.status !== 200) throw new Error(res.text);
    }
    await eventually(async () =>
      expect((await ok('fleet.sourceStatus', {})).counters.stored).toBe(run.rows.length),
    );
    const [day] = await ok('fleet.trips', { date: DATE, vehicleIds: [van.id] });
    expect(day.trips).toHaveLength(2);
    expect(day).toMatchObject({ name: 'Van 1', plate: 'JKP 201', date: DATE });
    expect(day.stops.map((s: { durationMin: number }) => Math.round(s.durationMin))).toEqual([10, 15, 20]);
    expect(day.drivingMin).toBeCloseTo(35, -1);
    void clock;
  });
});

describe('maintenance and fuel', () => {
  it('counts service items due from meters carried forward, and a service record resets them', async () => {
    const { ok, van, clock, fix } = await setup();
    const day = 86_400_000;
    await ok('fleet.recordMeter', {
      vehicleId: van.id,
      odometerKm: 49_000,
      engineHours: 1_200,
      at: clock.now - 10 * day,
    });
    const oil = await ok('fleet.saveServiceItem', {
      vehicleId: van.id,
      name: 'Oil',
      everyKm: 15_000,
      everyDays: 365,
      baselineKm: 35_000,
      baselineAt: clock.now - 100 * day,
    });
    expect(oil).toMatchObject({ state: 'soon', nextKm: 50_000, lastKm: 35_000 });
    // 2 km driven since the reading, as tracked, puts it past 50,000 km? Not yet: 49,002.
    await fix(57.78, 14.16, 40);
    clock.now += 60_000;
    await fix(57.798, 14.16, 40);
    await eventually(async () =>
      expect((await ok('fleet.listVehicles', {}))[0].odometerKm).toBeCloseTo(49_002, 0),
    );
    await ok('fleet.recordMeter', { vehicleId: van.id, odometerKm: 50_100 });
    expect((await ok('fleet.listServiceItems', { vehicleId: van.id }))[0].state).toBe('overdue');
    const rec = await ok('fleet.recordService', {
      vehicleId: van.id,
      doneAt: clock.now,
      odometerKm: 50_100,
      itemIds: [oil.id],
      cost: 2450,
      vendor: 'Verkstan',
    });
    expect(rec).toMatchObject({ itemNames: ['Oil'], cost: 2450 });
    expect((await ok('fleet.listServiceItems', { vehicleId: van.id }))[0]).toMatchObject({
      state: 'ok',
      nextKm: 65_100,
      lastKm: 50_100,
    });
  });

  it('keeps a fuel log in odometer order: a back-dated entry entered later completes the chain', async () => {
    const { ok, van, clock, fail } = await setup();
    const day = 86_400_000;
    const fill = (d: number, km: number, litres: number, extra = {}) =>
      ok('fleet.saveFuelEntry', {
        vehicleId: van.id,
        at: clock.now - (10 - d) * day,
        odometerKm: km,
        litres,
        pricePerLitre: 20,
        ...extra,
      });
    await fill(0, 10_000, 40);
    await fill(1, 10_500, 40);
    await fill(2, 11_000, 40);
    await fill(4, 12_000, 40);
    await fill(5, 12_500, 40, { full: false });
    await fill(6, 13_000, 40);
    let log = await ok('fleet.listFuel', { vehicleId: van.id });
    const byKm = (km: number) => log.entries.find((e: { odometerKm: number }) => e.odometerKm === km);
    expect(byKm(12_000).flags).toEqual(['suspected_missed_fill']);
    expect(byKm(12_500).flags).toEqual(['partial']);
    expect(byKm(13_000).consumptionL100).toBe(8);
    await fill(3, 11_500, 40); // typed in from the receipt a week late
    log = await ok('fleet.listFuel', { vehicleId: van.id });
    expect(byKm(12_000)).toMatchObject({ flags: [], consumptionL100: 8 });
    expect(log.averageL100).toBe(8);
    expect(log.totalCost).toBe(5600);
    // A mistyped odometer (lower than an earlier fill) is kept, flagged and left out.
    await fill(7, 1_350, 40);
    log = await ok('fleet.listFuel', { vehicleId: van.id });
    expect(byKm(1_350).flags).toEqual(['odometer_backwards']);
    expect(log.averageL100).toBe(8);
    expect(
      await fail('fleet.saveFuelEntry', { vehicleId: van.id, at: clock.now, odometerKm: 1, litres: 0 }),
    ).toMatchObject({ code: 'invalid_input' });
    expect(
      await fail('fleet.saveFuelEntry', { vehicleId: 'nope', at: clock.now, odometerKm: 1, litres: 1 }),
    ).toMatchObject({ code: 'not_found' });
  });
});

describe('the vehicle register is route planning’s', () => {
  it('lists routing’s vehicles with tracker, driver and history; a tracked-only vehicle is not planned', async () => {
    const { ok, van, fail, clock } = await setup();
    const car = await ok('routes.createVehicle', { name: 'Service car', planning: false });
    const anna = await ok('routes.createDriver', { name: 'Anna' });
    const first = await ok('fleet.assignDriver', {
      vehicleId: van.id,
      driverId: anna.id,
      at: clock.now - 2000,
    });
    await ok('fleet.assignDriver', { vehicleId: car.id, driverId: anna.id, at: clock.now - 1000 });
    const vehicles = await ok('fleet.listVehicles', {});
    expect(
      vehicles.map(
        (v: { name: string; trackerUid: string | null; driverName: string | null; planning: boolean }) => [
          v.name,
          v.trackerUid,
          v.driverName,
          v.planning,
        ],
      ),
    ).toEqual([
      ['Service car', null, 'Anna', false],
      ['Van 1', 'van-1', null, true],
    ]);
    expect(await ok('fleet.driverHistory', { vehicleId: van.id })).toMatchObject([
      { id: first.id, driverName: 'Anna', fromAt: clock.now - 2000, toAt: clock.now - 1000 },
    ]);
    expect(
      (await ok('routes.listVehicles', { date: DATE })).map((v: { name: string; available: boolean }) => [
        v.name,
        v.available,
      ]),
    ).toEqual([
      ['Service car', false],
      ['Van 1', true],
    ]);
    expect(await fail('fleet.saveTracker', { uid: 'van-1' })).toMatchObject({
      code: 'conflict',
      details: { reason: 'uid_taken' },
    });
    expect(await fail('fleet.saveTracker', { uid: 'other', vehicleId: van.id })).toMatchObject({
      code: 'conflict',
      details: { reason: 'vehicle_has_tracker' },
    });
  });
});

describe('routes joined to fleet', () => {
  it('follows a dispatched route: arrival by the circle round a stop, new ETAs, and "running late" before the window closes', async () => {
    const { ok, fix, clock, van, core } = await setup(atMinuteOfDay(DATE, 7 * 60 + 30, ZONE), 40);
    const anna = await ok('routes.createDriver', { name: 'Anna' });
    await ok('routes.updateSettings', { depot: { name: 'DC', address: '', lat: 57.7372, lon: 14.1099 } });
    const a = await ok('routes.createOrder', {
      date: DATE,
      reference: 'SO-1',
      customer: 'Kund A',
      lat: 57.75,
      lon: 14.13,
      timeWindows: [{ from: '08:00', to: '09:00' }],
    });
    const b = await ok('routes.createOrder', {
      date: DATE,
      reference: 'SO-2',
      customer: 'Kund B',
      lat: 57.78,
      lon: 14.2,
      timeWindows: [{ from: '09:00', to: '10:00' }],
    });
    const plan = await ok('routes.getPlan', { date: DATE });
    await ok('routes.updatePlan', {
      date: DATE,
      baseRevision: plan.revision,
      routes: [{ vehicleId: van.id, driverId: anna.id, orderIds: [a.id, b.id] }],
    });
    await ok('routes.dispatch', { date: DATE, assignments: [{ vehicleId: van.id, driverId: anna.id }] });
    await fix(57.7372, 14.1099, 30);
    let [route] = await ok('fleet.routeProgress', { date: DATE });
    expect(route).toMatchObject({ vehicleName: 'Van 1', driverName: 'Anna', done: 0, lateCount: 0 });
    expect(route.stops.map((s: { reference: string; state: string }) => [s.reference, s.state])).toEqual([
      ['SO-1', 'pending'],
      ['SO-2', 'pending'],
    ]);
    expect(route.stops[0].etaAt).toBeGreaterThan(clock.now);

    clock.now = atMinuteOfDay(DATE, 8 * 60 + 5, ZONE);
    await fix(57.7503, 14.1301, 0);
    clock.now += 10 * 60_000;
    await fix(57.7504, 14.1302, 0);
    clock.now += 60_000;
    await fix(57.76, 14.15, 40);
    [route] = await eventually(async () => {
      const r = await ok('fleet.routeProgress', { date: DATE });
      expect(r[0].stops[0].state).toBe('done');
      return r;
    });
    expect(route.stops[0].arrivedAt).toBe(atMinuteOfDay(DATE, 8 * 60 + 5, ZONE));
    expect(route.done).toBe(1);

    // Stuck far from SO-2 at 09:55: it cannot make 10:00. One alert, while it still can be helped.
    clock.now = atMinuteOfDay(DATE, 9 * 60 + 55, ZONE);
    await fix(57.7, 14.0, 0);
    const late = await eventually(async () => {
      const alerts = await ok('fleet.listAlerts', {});
      expect(alerts.filter((x: { kind: string }) => x.kind === 'late')).toHaveLength(1);
      return alerts.find((x: { kind: string }) => x.kind === 'late');
    });
    expect(late).toMatchObject({ reference: 'SO-2', name: 'Van 1' });
    expect(late.value).toBeGreaterThan(5);
    await new Promise((r) => setTimeout(r, 200));
    expect(
      (await ok('fleet.listAlerts', {})).filter((x: { kind: string }) => x.kind === 'late'),
    ).toHaveLength(1);
    void core;
  });
});
