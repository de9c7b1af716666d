import { describe, expect, it } from 'vitest';
import type { Plan } from '@shared/contract';
import { atMinuteOfDay } from '@shared/domain/time';
import { createLogger } from '../../log';
import { useTestCore } from '../../testing';
import { evaluatePlan } from './evaluate';
import { MatrixCache } from './matrix-cache';
import { lockedPrefix } from './optimizer';
import { loadDay } from './plan-service';
import { buildProblem } from './problem';
import { api, DATE, order, setupFleet } from './test-support';

const start = useTestCore();

async function setup() {
  const core = await start();
  const { ok } = api(core);
  const fleet = await setupFleet(core);
  const multi = await ok('routes.createVehicle', {
    name: 'Multi',
    profile: 'van',
    capacity: { kg: 1000 },
    maxTrips: 2,
    reloadMin: 15,
    shiftStart: '07:00',
    shiftEnd: '18:00',
  });
  const mk = (ref: string, lat: number, lon: number, extra = {}) =>
    ok('routes.createOrder', order(ref, lat, lon, extra));
  const p = await mk('P', 57.8, 14.2, { kind: 'pickup', demand: { kg: 100 } });
  const d = await mk('D', 57.76, 14.25, { demand: { kg: 100 }, pairedOrderId: p.id });
  const h1 = await mk('H1', 57.78, 14.16, { demand: { kg: 700 } });
  const h2 = await mk('H2', 57.79, 14.18, { demand: { kg: 700 } });
  const evaluate = async (routes: unknown[]) => {
    const day = await loadDay(core.db, (await core.db.get<{ id: string }>('SELECT id FROM sites'))!.id, DATE);
    return evaluatePlan(
      {
        day,
        routes: routes as never,
        reasons: {},
        meta: { revision: 0, status: 'draft', version: null, updatedAt: 0 },
      },
      { timeZone: 'Europe/Stockholm', matrices: new MatrixCache(), logger: createLogger(null) },
    );
  };
  return { core, ok, fleet, multi, p, d, h1, h2, evaluate };
}

const route = (plan: Plan, id: string) => plan.routes.find((r) => r.vehicleId === id)!;

describe('plan evaluation', () => {
  it('reloads a multi-trip vehicle when its load would not fit, and the checker agrees', async () => {
    const { ok, multi, h1, h2, evaluate } = await setup();
    const plan: Plan = await ok('routes.evaluate', {
      date: DATE,
      routes: [{ vehicleId: multi.id, orderIds: [h1.id, h2.id] }],
    });
    const r = route(plan, multi.id);
    expect(r.stops.map((s) => s.kind)).toEqual(['delivery', 'reload', 'delivery']);
    expect(r.violations).toEqual([]);
    expect(r.peakLoad.kg).toBe(700);
    const ev = await evaluate([
      { vehicleId: multi.id, driverId: null, orderIds: [h1.id, h2.id], locked: false, lockedStops: 0 },
    ]);
    expect(ev.checker).toEqual([]);
  });

  it('the independent checker also sees what is wrong with a broken route', async () => {
    const { fleet, h1, h2, p, d, evaluate } = await setup();
    const ev = await evaluate([
      {
        vehicleId: fleet.van.id,
        driverId: null,
        orderIds: [d.id, p.id, h1.id, h2.id],
        locked: false,
        lockedStops: 0,
      },
    ]);
    expect(ev.checker.map((v) => v.code)).toEqual(expect.arrayContaining(['precedence']));
    expect(ev.plan.feasible).toBe(false);
  });

  it('flags a pair split over two vehicles, a delivery before its pickup, and a vehicle that is away', async () => {
    const { ok, fleet, multi, p, d } = await setup();
    const split: Plan = await ok('routes.evaluate', {
      date: DATE,
      routes: [
        { vehicleId: fleet.van.id, orderIds: [p.id] },
        { vehicleId: multi.id, orderIds: [d.id] },
      ],
    });
    expect(route(split, fleet.van.id).stops[0]!.violations.map((v) => v.code)).toEqual(['pair_split']);
    expect(route(split, multi.id).stops[0]!.violations.map((v) => v.code)).toEqual(['pair_split']);
    const backwards: Plan = await ok('routes.evaluate', {
      date: DATE,
      routes: [{ vehicleId: fleet.van.id, orderIds: [d.id, p.id] }],
    });
    expect(route(backwards, fleet.van.id).stops[0]!.violations.map((v) => v.code)).toEqual(['precedence']);
    const right: Plan = await ok('routes.evaluate', {
      date: DATE,
      routes: [{ vehicleId: fleet.van.id, orderIds: [p.id, d.id] }],
    });
    expect(right.feasible).toBe(true);
    // Picked up, carried, delivered: the load goes up then down.
    expect(route(right, fleet.van.id).stops.map((s) => s.loadAfter.kg)).toEqual([100, 0]);

    await ok('routes.setAvailability', { date: DATE, kind: 'vehicle', id: fleet.van.id, available: false });
    const away: Plan = await ok('routes.evaluate', {
      date: DATE,
      routes: [{ vehicleId: fleet.van.id, orderIds: [p.id, d.id] }],
    });
    expect(route(away, fleet.van.id).violations.map((v) => v.code)).toEqual(['vehicle_unavailable']);
    expect(
      (await ok('routes.listVehicles', { date: DATE })).find((v: { id: string }) => v.id === fleet.van.id)
        .available,
    ).toBe(false);
    expect(
      (await ok('routes.listVehicles', { date: '2026-11-24' })).find(
        (v: { id: string }) => v.id === fleet.van.id,
      ).available,
    ).toBe(true);
  });

  it('a locked prefix keeps pickup-delivery pairs whole', async () => {
    const { core, p, d, h1, h2 } = await setup();
    const siteId = (await core.db.get<{ id: string }>('SELECT id FROM sites'))!.id;
    const day = await loadDay(core.db, siteId, DATE);
    const built = buildProblem(day, day.orders, [], 'Europe/Stockholm');
    const r = (orderIds: string[], lockedStops: number) => ({
      vehicleId: 'v',
      driverId: null,
      orderIds,
      locked: false,
      lockedStops,
    });
    // Pickup locked: the lock runs on through its delivery.
    expect(lockedPrefix(r([h1.id, p.id, h2.id, d.id], 2), built)).toEqual([
      { type: 'job', id: h1.id },
      { type: 'pickup', id: p.id },
      { type: 'job', id: h2.id },
      { type: 'delivery', id: p.id },
    ]);
    // A delivery whose pickup is not before it ends the prefix.
    expect(lockedPrefix(r([h1.id, d.id, p.id], 3), built)).toEqual([{ type: 'job', id: h1.id }]);
    expect(lockedPrefix(r([h1.id, h2.id], 1), built)).toEqual([{ type: 'job', id: h1.id }]);
  });
  it('places the break in a wait the route has anyway, as the solver would', async () => {
    // The truck's break is 30 min in 11:00–13:00. After W-A it would wait for B's window; after B the
    // stops follow each other too tightly for a break, and after D the break window has closed.
    // So the break fits only in the wait before B — free long before the window opens.
    const { ok, fleet } = await setup();
    const near = (i: number) => ({ lat: 57.7372 + 0.004 * i, lon: 14.1099 + 0.004 * i });
    const stops = [
      ['W-A', '06:00', '07:00'],
      ['W-B', '12:00', '12:10'],
      ['W-C', '12:30', '12:40'],
      ['W-D', '13:00', '13:10'],
    ] as const;
    const ids: string[] = [];
    for (const [i, [ref, from, to]] of stops.entries()) {
      const { lat, lon } = near(i + 1);
      const o = await ok(
        'routes.createOrder',
        order(ref, lat, lon, { timeWindows: [{ from, to }], serviceMin: 10 }),
      );
      ids.push(o.id);
    }
    const plan: Plan = await ok('routes.evaluate', {
      date: DATE,
      routes: [{ vehicleId: fleet.truck.id, orderIds: ids }],
    });
    const r = route(plan, fleet.truck.id);
    expect(r.stops.map((s) => s.kind)).toEqual(['delivery', 'break', 'delivery', 'delivery', 'delivery']);
    expect(r.violations).toEqual([]);
    // Taken as the window opens (times are rounded to whole minutes on the plan).
    const { timeZone } = await ok('app.info', {});
    const brk = r.stops[1]!;
    const breakStart = brk.arrivalAt + brk.waitMin * 60_000;
    expect(Math.abs(breakStart - atMinuteOfDay(DATE, 11 * 60, timeZone))).toBeLessThan(60_000);
  });
});
