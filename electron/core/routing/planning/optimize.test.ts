import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventMessage, OptimizeDone, OptimizeProgress, Plan } from '@shared/contract';
import { isoDate } from '@shared/domain/time';
import type { Core } from '../../core';
import { useTestCore } from '../../testing';
import { api, DATE, order, ring, setupFleet } from './test-support';

const start = useTestCore();
const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

function listen(core: Core) {
  const progress: OptimizeProgress[] = [];
  let resolveDone: (d: OptimizeDone) => void = () => {};
  const done = new Promise<OptimizeDone>((r) => (resolveDone = r));
  let firstSolverProgress: () => void = () => {};
  const solving = new Promise<void>((r) => (firstSolverProgress = r));
  core.events.subscribe((m: EventMessage) => {
    if (m.event === 'routes.optimizeProgress') {
      const p = m.payload as OptimizeProgress;
      progress.push(p);
      if (p.phase !== 'matrix') firstSolverProgress();
    }
    if (m.event === 'routes.optimizeDone') resolveDone(m.payload as OptimizeDone);
  });
  return { progress, done, solving };
}

async function stub(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const s = createServer(handler);
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

describe('optimisation', () => {
  it('plans the demo day in a worker with progress, and the checker passes every route', async () => {
    const core = await start({ demo: true });
    const { ok, fail, call } = api(core);
    const { timeZone } = await ok('app.info', {});
    const date = isoDate(Date.now(), timeZone);
    const orders = await ok('routes.listOrders', { date });
    expect(orders.length).toBeGreaterThanOrEqual(40);
    const ev = listen(core);
    // One run per day at a time, even for two clicks at once.
    const [r1, r2] = await Promise.all([
      call('routes.optimize', { date, timeLimitSec: 2, seed: 7 }),
      call('routes.optimize', { date, timeLimitSec: 2, seed: 7 }),
    ]);
    expect([r1.ok, r2.ok].sort()).toEqual([false, true]);
    const refused = r1.ok ? r2 : r1;
    expect(!refused.ok && refused.error.code).toBe('conflict');
    const run = (r1.ok ? r1.value : r2.ok ? r2.value : null) as {
      runId: string;
      date: string;
      timeLimitSec: number;
    };
    expect(run).toMatchObject({ date, timeLimitSec: 2 });
    expect(await fail('routes.optimize', { date, timeLimitSec: 2 })).toMatchObject({ code: 'conflict' });
    const status = await ok('routes.optimizeStatus', { date });
    expect(status.runId).toBe(run.runId);
    // The core keeps answering while the solver works.
    expect((await ok('routes.listOrders', { date })).length).toBe(orders.length);
    const done = await ev.done;
    expect(done).toMatchObject({ runId: run.runId, outcome: 'finished' });
    expect(ev.progress[0]!.phase).toBe('matrix');
    expect(ev.progress.some((p) => p.phase !== 'matrix' && p.vehicles > 0 && p.km > 0)).toBe(true);
    const plan = done.plan!;
    expect(plan.feasible).toBe(true);
    expect(plan.summary.violations).toBe(0);
    expect(plan.summary.served + plan.summary.unassigned).toBe(orders.length);
    expect(plan.summary.served).toBeGreaterThanOrEqual(orders.length - 2);
    // Drivers seeded on vehicles stay with them.
    expect(plan.routes.filter((r) => r.stops.length).every((r) => r.driverId)).toBe(true);
    // Pickup-and-delivery pair on one vehicle, pickup first.
    const pair = orders.find(
      (o: { kind: string; pairedOrderId: string | null }) => o.kind === 'pickup' && o.pairedOrderId,
    );
    const withPair = plan.routes.find((r) => r.stops.some((s) => s.orderId === pair.id));
    if (withPair) {
      const ids = withPair.stops.map((s) => s.orderId);
      expect(ids.indexOf(pair.id)).toBeLessThan(ids.indexOf(pair.pairedOrderId));
    }
    // The result is now the stored draft, recorded in the outbox.
    const stored: Plan = await ok('routes.getPlan', { date });
    expect(stored.summary).toEqual(plan.summary);
    expect((await ok('audit.list', { limit: 1, name: 'routes.optimize' }))[0].args.runId).toBe(run.runId);
    expect(await ok('routes.optimizeStatus', { date })).toBeNull();
  });

  it('cancels a run and keeps the best plan found so far; keeps locked routes on re-optimising', async () => {
    const core = await start();
    const { ok } = api(core);
    const fleet = await setupFleet(core);
    const pts = ring(24);
    for (let i = 0; i < pts.length; i++)
      await ok('routes.createOrder', order(`R-${i}`, pts[i]!.lat, pts[i]!.lon, { demand: { kg: 60 } }));
    const ev = listen(core);
    const run = await ok('routes.optimize', { date: DATE, timeLimitSec: 120 });
    await ev.solving;
    expect(await ok('routes.cancelOptimize', { runId: run.runId })).toEqual({
      runId: run.runId,
      cancelled: true,
    });
    const done = await ev.done;
    expect(done.outcome).toBe('cancelled');
    expect(done.plan!.summary.served).toBe(24);
    expect(done.plan!.feasible).toBe(true);
    expect(await ok('routes.cancelOptimize', { runId: run.runId })).toEqual({
      runId: run.runId,
      cancelled: false,
    });

    // Lock the van's route, re-optimise the rest: the van keeps exactly its stops.
    let plan: Plan = await ok('routes.getPlan', { date: DATE });
    const vanRoute =
      plan.routes.find((r) => r.vehicleId === fleet.van.id && r.stops.length) ??
      plan.routes.find((r) => r.stops.length)!;
    const lockedIds = vanRoute.stops.filter((s) => s.orderId).map((s) => s.orderId);
    plan = await ok('routes.lockRoute', { date: DATE, vehicleId: vanRoute.vehicleId, locked: true });
    const ev2 = listen(core);
    await ok('routes.optimize', { date: DATE, timeLimitSec: 1, keepLocked: true, seed: 3 });
    const again = await ev2.done;
    expect(again.outcome).toBe('finished');
    const kept = again.plan!.routes.find((r) => r.vehicleId === vanRoute.vehicleId)!;
    expect(kept.locked).toBe(true);
    expect(kept.stops.filter((s) => s.orderId).map((s) => s.orderId)).toEqual(lockedIds);
    expect(again.plan!.summary.served).toBe(24);

    // Lock only the first two stops of another route (already loaded): they stay first, in order.
    const other = again.plan!.routes.find(
      (r) => r.vehicleId !== vanRoute.vehicleId && r.stops.filter((s) => s.orderId).length >= 2,
    );
    expect(other).toBeDefined();
    {
      const firstTwo = other!.stops
        .filter((s) => s.orderId)
        .slice(0, 2)
        .map((s) => s.orderId);
      await ok('routes.lockRoute', {
        date: DATE,
        vehicleId: other!.vehicleId,
        locked: false,
        lockedStops: 2,
      });
      const ev3 = listen(core);
      await ok('routes.optimize', { date: DATE, timeLimitSec: 1, keepLocked: true, seed: 11 });
      const third = await ev3.done;
      expect(third.outcome).toBe('finished');
      const r = third.plan!.routes.find((x) => x.vehicleId === other!.vehicleId)!;
      expect(
        r.stops
          .filter((s) => s.orderId)
          .slice(0, 2)
          .map((s) => s.orderId),
      ).toEqual(firstTwo);
      expect(r.lockedStops).toBe(2);
      expect(r.stops.filter((s) => s.locked).length).toBeGreaterThanOrEqual(2);
    }
  });

  it('refuses plan changes while the day is being optimised, and never overwrites a change with its result', async () => {
    const core = await start();
    const { ok, fail } = api(core);
    const fleet = await setupFleet(core);
    const pts = ring(16);
    const ids: string[] = [];
    for (let i = 0; i < pts.length; i++)
      ids.push((await ok('routes.createOrder', order(`L-${i}`, pts[i]!.lat, pts[i]!.lon))).id);
    const first = listen(core);
    await ok('routes.optimize', { date: DATE, timeLimitSec: 1, seed: 5 });
    const planned = (await first.done).plan!;
    await ok('routes.savePlan', { date: DATE });

    const ev = listen(core);
    const run = await ok('routes.optimize', { date: DATE, timeLimitSec: 120 });
    await ev.solving;
    const before: Plan = await ok('routes.getPlan', { date: DATE });
    const gone = planned.routes.flatMap((r) => r.stops).find((s) => s.orderId)!.orderId!;
    const routes = [{ vehicleId: fleet.van.id, orderIds: [ids.find((id) => id !== gone)!] }];
    const refusals = [
      await fail('routes.updatePlan', { date: DATE, baseRevision: before.revision, routes }),
      await fail('routes.lockRoute', { date: DATE, vehicleId: fleet.van.id, locked: true }),
      await fail('routes.clearPlan', { date: DATE }),
      await fail('routes.loadVersion', { date: DATE, version: 1 }),
      await fail('routes.dispatch', { date: DATE, assignments: [] }),
    ];
    for (const r of refusals)
      expect(r).toMatchObject({
        code: 'conflict',
        message: expect.stringContaining('being optimised'),
        details: { reason: 'optimizing', runId: run.runId },
      });
    expect((await ok('routes.getPlan', { date: DATE })).revision).toBe(before.revision);
    // Another day is not held up.
    await ok('routes.clearPlan', { date: '2026-11-24' });

    // An order taken off the plan during the run: stopping keeps that change, not the result.
    await ok('routes.deleteOrder', { id: gone });
    await ok('routes.cancelOptimize', { runId: run.runId });
    const done = await ev.done;
    expect(done.outcome).toBe('failed');
    expect(done.error).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('changes are kept'),
    });
    const after: Plan = await ok('routes.getPlan', { date: DATE });
    expect(after.routes.flatMap((r) => r.stops).some((s) => s.orderId === gone)).toBe(false);
    expect(after.summary.served).toBe(planned.summary.served - 1);

    // Once the run has ended, the same change goes through.
    await ok('routes.updatePlan', { date: DATE, baseRevision: after.revision, routes });
  });

  it('a plan with no vehicles: every order unassigned with the reason, no crash', async () => {
    const core = await start();
    const { ok } = api(core);
    await ok('routes.createOrder', order('A', 57.78, 14.16));
    await ok('routes.createOrder', order('B', 57.79, 14.2));
    const ev = listen(core);
    await ok('routes.optimize', { date: DATE, timeLimitSec: 1 });
    const done = await ev.done;
    expect(done.outcome).toBe('finished');
    expect(done.plan!.routes).toEqual([]);
    expect(done.plan!.unassigned.map((u) => u.reason)).toEqual(['no_vehicle', 'no_vehicle']);
    expect(done.plan!.unassigned[0]!.message).toMatch(/No vehicle/);
  });

  it('an OSRM server that never answers or answers garbage: a clear failure, and the screen falls back', async () => {
    const core = await start();
    const { ok } = api(core);
    await setupFleet(core);
    await ok('routes.createOrder', order('A', 57.78, 14.16));
    let silentHits = 0;
    const silent = await stub(() => {
      silentHits++; // and never answers
    });
    await ok('routes.updateSettings', { osrmUrl: silent, osrmTimeoutSec: 0.3 });
    let ev = listen(core);
    await ok('routes.optimize', { date: DATE, timeLimitSec: 1 });
    let done = await ev.done;
    expect(done.outcome).toBe('failed');
    expect(done.error).toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('did not answer'),
    });
    const plan: Plan = await ok('routes.getPlan', { date: DATE });
    expect(plan.matrix).toBe('haversine');
    expect(plan.matrixNote).toMatch(/did not answer/);
    // The next evaluation does not wait on the dead server again, and still says why.
    const hits = silentHits;
    expect((await ok('routes.getPlan', { date: DATE })).matrixNote).toMatch(/did not answer/);
    expect(silentHits).toBe(hits);

    const garbage = await stub((_req, res) => res.end('<html>oops</html>'));
    // This server answers at once: a generous timeout, so a loaded machine cannot turn
    // "not JSON" into "did not answer" (the silent server above needs none: it never answers).
    await ok('routes.updateSettings', { osrmUrl: garbage, osrmTimeoutSec: 120 });
    ev = listen(core);
    await ok('routes.optimize', { date: DATE, timeLimitSec: 1 });
    done = await ev.done;
    expect(done.outcome).toBe('failed');
    expect(done.error!.message).toMatch(/not JSON/);
    // The previous draft is untouched by the failed runs.
    expect((await ok('routes.getPlan', { date: DATE })).revision).toBe(0);
  });

  it('uses an OSRM server that speaks its JSON', async () => {
    const core = await start();
    const { ok } = api(core);
    await setupFleet(core);
    await ok('routes.createOrder', order('A', 57.78, 14.16));
    await ok('routes.createOrder', order('B', 57.79, 14.27));
    const url = await stub((req, res) => {
      const coords = decodeURIComponent(req.url!.split('/')[4]!.split('?')[0]!).split(';');
      const n = coords.length;
      const m = (f: number) =>
        Array.from({ length: n }, (_, i) =>
          Array.from({ length: n }, (_, j) => (i === j ? 0 : f * (1 + Math.abs(i - j)))),
        );
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ code: 'Ok', durations: m(600), distances: m(5000) }));
    });
    await ok('routes.updateSettings', { osrmUrl: url });
    const ev = listen(core);
    await ok('routes.optimize', { date: DATE, timeLimitSec: 1 });
    const done = await ev.done;
    expect(done.outcome).toBe('finished');
    expect(done.plan!.matrix).toBe('osrm');
    expect(done.plan!.matrixNote).toBeUndefined();
    expect(done.plan!.summary.served).toBe(2);
    // Every leg is a multiple of the stub's 5 km.
    for (const r of done.plan!.routes) for (const s of r.stops) if (s.orderId) expect(s.legKm % 5).toBe(0);
  });
});
