import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { Plan, PlanRoute } from '@shared/contract';
import { useTestCore } from '../../testing';
import { api, DATE, order, setupFleet } from './test-support';

const start = useTestCore();

async function scenario() {
  const core = await start();
  const { ok, fail, call } = api(core);
  const fleet = await setupFleet(core);
  const mk = (ref: string, lat: number, lon: number, extra = {}) =>
    ok('routes.createOrder', order(ref, lat, lon, extra));
  const a = await mk('A', 57.78, 14.16, {
    demand: { kg: 300, pallets: 1 },
    timeWindows: [{ from: '08:00', to: '12:00' }],
  });
  const b = await mk('B', 57.79, 14.27, { demand: { kg: 500, pallets: 2 } });
  const cold = await mk('COLD', 57.7, 14.11, { demand: { kg: 200 }, skills: ['cold_chain'] });
  const heavy = await mk('HEAVY', 57.75, 14.2, { demand: { kg: 900, pallets: 3 } });
  return { core, ok, fail, call, fleet, a, b, cold, heavy };
}

const route = (p: Plan, vehicleId: string) => p.routes.find((r) => r.vehicleId === vehicleId)!;
const codes = (r: PlanRoute) => r.violations.map((v) => v.code).sort();

describe('the draft plan', () => {
  it('starts empty with every vehicle and every order unassigned', async () => {
    const { ok, fleet } = await scenario();
    const plan: Plan = await ok('routes.getPlan', { date: DATE });
    expect(plan.revision).toBe(0);
    expect(plan.status).toBe('draft');
    expect(plan.routes.map((r) => r.vehicleId).sort()).toEqual([fleet.van.id, fleet.truck.id].sort());
    expect(plan.unassigned).toHaveLength(4);
    expect(plan.unassigned.every((u) => u.reason === 'not_planned')).toBe(true);
    expect(plan.feasible).toBe(true);
    expect(plan.matrix).toBe('haversine');
  });

  it('evaluates manual routes: ETAs, numbers, and each broken rule on its stop', async () => {
    const { ok, fleet, a, b, cold, heavy } = await scenario();
    const good: Plan = await ok('routes.evaluate', {
      date: DATE,
      routes: [
        { vehicleId: fleet.van.id, orderIds: [a.id, b.id] },
        { vehicleId: fleet.truck.id, orderIds: [cold.id, heavy.id] },
      ],
    });
    expect(good.feasible).toBe(true);
    const van = route(good, fleet.van.id);
    expect(van.stops.map((s) => s.seq)).toEqual([1, 2]);
    expect(van.stops[0]!.arrivalAt).toBeGreaterThan(van.departAt);
    expect(van.stops[1]!.arrivalAt).toBeGreaterThan(van.stops[0]!.departAt);
    expect(van.returnAt).toBeGreaterThan(van.stops[1]!.departAt);
    expect(van.metrics.km).toBeGreaterThan(10);
    expect(van.metrics.cost).toBeCloseTo(4 * van.metrics.km + 380 * van.metrics.hours, 0);
    expect(van.peakLoad).toEqual({ kg: 800, m3: 0, pallets: 3 });
    expect(van.path).toHaveLength(4);
    const truck = route(good, fleet.truck.id);
    // The truck's break is placed and shown as a stop.
    expect(truck.stops.some((s) => s.kind === 'break')).toBe(true);
    expect(good.summary).toMatchObject({ vehicles: 2, served: 4, unassigned: 0, violations: 0 });

    // Move COLD and HEAVY onto the van: missing skill and over capacity, flagged on the stops.
    const bad: Plan = await ok('routes.evaluate', {
      date: DATE,
      routes: [{ vehicleId: fleet.van.id, orderIds: [a.id, b.id, cold.id, heavy.id] }],
    });
    expect(bad.feasible).toBe(false);
    const v = route(bad, fleet.van.id);
    const coldStop = v.stops.find((s) => s.orderId === cold.id)!;
    expect(coldStop.violations).toContainEqual(
      expect.objectContaining({ code: 'skill', skill: 'cold_chain' }),
    );
    const capacity = v.stops.flatMap((s) => s.violations).filter((x) => x.code === 'capacity');
    expect(capacity.map((x) => x.dimension).sort()).toEqual(['kg', 'pallets']);
    expect(capacity.find((x) => x.dimension === 'kg')).toMatchObject({ amount: 1900, limit: 1000 });
    // The stop that tips the van over (800 + 200 fits, + 900 does not) is the one flagged.
    expect(capacity.find((x) => x.dimension === 'kg')!.orderId).toBe(heavy.id);
    // Orders not on a route are listed as unassigned; nothing was stored.
    expect(bad.unassigned).toEqual([]);
    expect((await ok('routes.getPlan', { date: DATE })).revision).toBe(0);
  });

  it('flags late arrivals and a return after the shift', async () => {
    const { ok, fleet, a } = await scenario();
    const far = await ok(
      'routes.createOrder',
      order('FAR', 59.33, 18.07, { timeWindows: [{ from: '07:00', to: '08:00' }] }),
    );
    const p: Plan = await ok('routes.evaluate', {
      date: DATE,
      routes: [{ vehicleId: fleet.van.id, orderIds: [far.id, a.id] }],
    });
    const r = route(p, fleet.van.id);
    expect(r.stops[0]!.violations[0]).toMatchObject({ code: 'late' });
    expect(r.stops[0]!.violations[0]!.minutesOver).toBeGreaterThan(60);
    expect(codes(r)).toContain('shift_end');
    expect(codes(r)).toContain('late');
  });

  it('stores edits with revisions, refuses stale ones and bad routes', async () => {
    const { ok, fail, fleet, a, b } = await scenario();
    const p1: Plan = await ok('routes.updatePlan', {
      date: DATE,
      baseRevision: 0,
      routes: [{ vehicleId: fleet.van.id, orderIds: [a.id] }],
    });
    expect(p1.revision).toBe(1);
    expect(route(p1, fleet.van.id).stops).toHaveLength(1);
    expect(await fail('routes.updatePlan', { date: DATE, baseRevision: 0, routes: [] })).toMatchObject({
      code: 'conflict',
    });
    expect(
      await fail('routes.updatePlan', {
        date: DATE,
        baseRevision: 1,
        routes: [{ vehicleId: fleet.van.id, orderIds: [a.id, a.id] }],
      }),
    ).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('twice') });
    expect(
      await fail('routes.updatePlan', {
        date: DATE,
        baseRevision: 1,
        routes: [{ vehicleId: 'nope', orderIds: [] }],
      }),
    ).toMatchObject({ code: 'not_found' });
    expect(
      await fail('routes.evaluate', {
        date: DATE,
        routes: [{ vehicleId: fleet.van.id, orderIds: ['gone'] }],
      }),
    ).toMatchObject({ code: 'not_found' });
    // Deleting an order takes it off the plan in the same transaction.
    await ok('routes.deleteOrder', { id: a.id });
    const p2: Plan = await ok('routes.getPlan', { date: DATE });
    expect(p2.revision).toBe(2);
    expect(route(p2, fleet.van.id).stops).toHaveLength(0);
    const p3: Plan = await ok('routes.lockRoute', { date: DATE, vehicleId: fleet.van.id, locked: true });
    expect(route(p3, fleet.van.id).locked).toBe(true);
    const p4: Plan = await ok('routes.updatePlan', {
      date: DATE,
      baseRevision: p3.revision,
      routes: [{ vehicleId: fleet.van.id, orderIds: [b.id], lockedStops: 5 }],
    });
    expect(route(p4, fleet.van.id).lockedStops).toBe(1);
    const names = (await ok('audit.list', { limit: 5 })).map((m: { name: string }) => m.name);
    expect(names.slice(0, 3)).toEqual(['routes.updatePlan', 'routes.lockRoute', 'routes.deleteOrder']);
  });

  it('saves versions, loads one back, dispatches and prints', async () => {
    const { ok, fail, fleet, a, b, cold, heavy, core } = await scenario();
    expect(await fail('routes.savePlan', { date: DATE })).toMatchObject({ code: 'conflict' });
    let p: Plan = await ok('routes.updatePlan', {
      date: DATE,
      baseRevision: 0,
      routes: [
        { vehicleId: fleet.van.id, orderIds: [a.id, b.id] },
        { vehicleId: fleet.truck.id, orderIds: [cold.id, heavy.id] },
      ],
    });
    const v1 = await ok('routes.savePlan', { date: DATE, note: 'first' });
    expect(v1).toMatchObject({ version: 1, status: 'saved', note: 'first', summary: { served: 4 } });
    expect((await ok('routes.getPlan', { date: DATE })).status).toBe('saved');
    p = await ok('routes.updatePlan', {
      date: DATE,
      baseRevision: (await ok('routes.getPlan', { date: DATE })).revision,
      routes: [{ vehicleId: fleet.van.id, orderIds: [b.id] }],
    });
    expect(p.status).toBe('draft');
    expect(p.summary.served).toBe(1);
    const back: Plan = await ok('routes.loadVersion', { date: DATE, version: 1 });
    expect(back.summary.served).toBe(4);
    expect(back.version).toBe(1);
    expect(await fail('routes.loadVersion', { date: DATE, version: 9 })).toMatchObject({ code: 'not_found' });

    // Dispatch needs a driver on every route, and a plan that breaks no rule.
    expect(
      await fail('routes.dispatch', {
        date: DATE,
        assignments: [{ vehicleId: fleet.van.id, driverId: fleet.anna.id }],
      }),
    ).toMatchObject({
      code: 'conflict',
      details: { reason: 'driver_missing' },
    });
    expect(await fail('routes.routeSheetPdf', { date: DATE })).toMatchObject({ code: 'conflict' });
    const assignments = [
      { vehicleId: fleet.van.id, driverId: fleet.anna.id },
      { vehicleId: fleet.truck.id, driverId: fleet.erik.id },
    ];
    const d = await ok('routes.dispatch', { date: DATE, assignments });
    expect(d).toMatchObject({ version: 2, status: 'dispatched' });
    expect(d.dispatchedAt).toBeGreaterThan(0);
    const plan: Plan = await ok('routes.getPlan', { date: DATE });
    expect(plan.status).toBe('dispatched');
    expect(route(plan, fleet.truck.id).driverName).toBe('Erik Øster-Łukasz');
    expect(
      (await ok('routes.listVersions', { date: DATE })).map((v: { version: number; status: string }) => [
        v.version,
        v.status,
      ]),
    ).toEqual([
      [2, 'dispatched'],
      [1, 'saved'],
    ]);

    const sheets = await ok('routes.routeSheetPdf', { date: DATE });
    const bytes = Buffer.from(sheets.base64, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(2);
    expect(sheets.pages).toBe(2);
    const one = await ok('routes.routeSheetPdf', { date: DATE, driverId: fleet.erik.id });
    expect((await PDFDocument.load(Buffer.from(one.base64, 'base64'))).getPageCount()).toBe(1);
    expect(one.fileName).toMatch(/^route-sheets-2026-11-23-erik-/);
    const load = await ok('routes.loadListPdf', { date: DATE });
    expect(Buffer.from(load.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(
      (await PDFDocument.load(Buffer.from(load.base64, 'base64'))).getPageCount(),
    ).toBeGreaterThanOrEqual(1);

    // A plan with a violation is not dispatched.
    const cur: Plan = await ok('routes.getPlan', { date: DATE });
    await ok('routes.updatePlan', {
      date: DATE,
      baseRevision: cur.revision,
      routes: [
        { vehicleId: fleet.van.id, driverId: fleet.anna.id, orderIds: [a.id, b.id, cold.id, heavy.id] },
      ],
    });
    expect(await fail('routes.dispatch', { date: DATE, assignments })).toMatchObject({
      code: 'conflict',
      details: { reason: 'violations' },
    });
    void core;
  });
});
