import { describe, expect, it } from 'vitest';
import { createLogger } from '../../log';
import { useTestCore } from '../../testing';
import { evaluatePlan, EvalSession, type EvaluateInput } from './evaluate';
import { WorkerEvaluator } from './evaluator';
import { MatrixCache } from './matrix-cache';
import { loadDay } from './plan-service';
import type { StoredRoute } from './plans-repo';
import { api, DATE, order, ring, setupFleet } from './test-support';

const start = useTestCore();
const TZ = 'Europe/Stockholm';

async function day() {
  const core = await start();
  const { ok } = api(core);
  const fleet = await setupFleet(core);
  const ids: string[] = [];
  for (const [i, p] of ring(12).entries())
    ids.push(
      (await ok<{ id: string }>('routes.createOrder', order(`O${i}`, p.lat, p.lon, { demand: { kg: 100 } })))
        .id,
    );
  const site = (await core.db.get<{ id: string }>('SELECT id FROM sites'))!.id;
  const input = (routes: StoredRoute[]): Promise<EvaluateInput> =>
    loadDay(core.db, site, DATE).then((d) => ({
      day: d,
      routes,
      reasons: {},
      meta: { revision: 1, status: 'draft' as const, version: null, updatedAt: 0 },
    }));
  const route = (vehicleId: string, orderIds: string[]): StoredRoute => ({
    vehicleId,
    driverId: null,
    orderIds,
    locked: false,
    lockedStops: 0,
  });
  return { fleet, ids, input, route };
}

const inThread = (input: EvaluateInput, session?: EvalSession) =>
  evaluatePlan(input, { timeZone: TZ, matrices: new MatrixCache(), logger: createLogger(null), session });

describe('plan evaluation in a worker thread', () => {
  it('answers as the in-thread evaluation does, edit after edit, reusing what did not change', async () => {
    const { fleet, ids, input, route } = await day();
    const ev = new WorkerEvaluator(createLogger(null));
    try {
      let a = ids.slice(0, 6);
      let b = ids.slice(6);
      const session = new EvalSession();
      for (let edit = 0; edit < 4; edit++) {
        const i = await input([route(fleet.van.id, a), route(fleet.truck.id, b)]);
        const fromWorker = await ev.evaluate(i, TZ);
        // Fresh evaluation, and one through a session like the worker's: all three agree.
        expect(fromWorker.plan).toEqual((await inThread(i)).plan);
        expect((await inThread(i, session)).plan).toEqual(fromWorker.plan);
        expect(
          fromWorker.plan.routes.flatMap((r) => r.stops.map((s) => s.orderId)).filter(Boolean),
        ).toHaveLength(12);
        // Move one stop from the van to the truck, as a drag does.
        b = [a[0]!, ...b];
        a = a.slice(1);
      }
      // A broken route (over capacity) is still marked when its neighbour comes from the cache.
      const heavy = await input([route(fleet.van.id, ids), route(fleet.truck.id, [])]);
      const over = await ev.evaluate(heavy, TZ);
      expect(over.plan.feasible).toBe(false);
      expect(over.plan).toEqual((await inThread(heavy)).plan);
    } finally {
      await ev.close();
    }
  });

  it('a worker that dies fails the waiting call with a clear error, and the next call starts a new one', async () => {
    const { fleet, ids, input, route } = await day();
    const i = await input([route(fleet.van.id, ids)]);
    const dead = new WorkerEvaluator(createLogger(null), new URL('data:text/javascript,process.exit(3)'));
    await expect(dead.evaluate(i, TZ)).rejects.toMatchObject({ code: 'unavailable', message: /exit 3/ });
    await expect(dead.evaluate(i, TZ)).rejects.toMatchObject({ code: 'unavailable' });
    await dead.close();
    const ev = new WorkerEvaluator(createLogger(null));
    try {
      expect((await ev.evaluate(i, TZ)).plan.routes.length).toBeGreaterThan(0);
    } finally {
      await ev.close();
    }
    await expect(ev.evaluate(i, TZ)).resolves.toBeDefined();
    await ev.close();
  });
});
