import { describe, expect, it } from 'vitest';
import { prepareProblem } from '../compile';
import { checkSolution } from '../checker';
import { randomProblem } from '../test/fixtures';
import { Ctx } from './context';
import { fleetMinimize } from './fleet-min';
import { GRANULAR, Inserter } from './insertion';
import { localSearch } from './local-search';
import { buildSolution } from './output';
import { SolState } from './route';
import { lowerBound } from './route-min';
import type { Budget, Incumbent } from './search';

/** Iteration-limited budget: these tests never depend on the clock. */
const budget = (maxIterations: number): Budget => ({ deadline: Infinity, maxIterations, now: () => 0 });

function incumbent(sol: SolState): Incumbent {
  return { snap: sol.snapshot(), unassigned: new Set(sol.unassigned), obj: sol.objective(), at: 0 };
}

/** n jobs of 1 kg on a 10×10 grid, vehicles of capacity cap, one route per job to start with. */
async function gridProblem(n: number, vehicles: number, cap: number) {
  const pts = Array.from({ length: n + 1 }, (_, i) => [i % 10, Math.floor(i / 10)] as const);
  const d = pts.map((a) => pts.map((b) => Math.hypot(a[0] - b[0], a[1] - b[1])));
  return prepareProblem({
    dimensions: ['kg'],
    matrices: { car: { durations: d } },
    jobs: Array.from({ length: n }, (_, i) => ({
      id: i + 1,
      location: { index: i + 1 },
      delivery: { kg: 1 },
    })),
    vehicles: Array.from({ length: vehicles }, (_, i) => ({
      id: `v${i}`,
      start: { index: 0 },
      end: { index: 0 },
      capacity: { kg: cap },
    })),
  });
}

describe('fleet minimisation (absence counters)', () => {
  it('empties routes down to the capacity bound and keeps every stop served', async () => {
    const P = await gridProblem(12, 12, 4);
    const ctx = new Ctx(P, 3);
    const sol = new SolState(ctx);
    sol.restore(
      P.vehicles.map((_, v) => [v]),
      new Set(),
    );
    const best = incumbent(sol);
    expect(best.obj.vehicles).toBe(12);
    const lb = lowerBound(sol);
    expect(lb).toBe(3);
    fleetMinimize(sol, best, budget(5000), lb, () => {});
    expect(best.obj.vehicles).toBe(3);
    expect(best.unassigned.size).toBe(0);
    const solution = buildSolution(P, best.snap, []);
    expect(checkSolution(P, solution)).toEqual([]);
    expect(solution.routes.map((r) => r.steps.filter((s) => s.type === 'job').length)).toEqual([4, 4, 4]);
  });

  it('leaves the best plan as it was when no route can be removed', async () => {
    const P = await gridProblem(8, 8, 4);
    const ctx = new Ctx(P, 1);
    const sol = new SolState(ctx);
    sol.restore([[0, 1, 2, 3], [4, 5, 6, 7], [], [], [], [], [], []], new Set());
    const best = incumbent(sol);
    const snap = structuredClone(best.snap);
    expect(fleetMinimize(sol, best, budget(500), lowerBound(sol), () => {})).toBe(0);
    expect(best.snap).toEqual(snap);
  });

  it('returns checker-clean plans on random instances with windows, skills and two dimensions', async () => {
    for (let seed = 21; seed <= 26; seed++) {
      const P = await prepareProblem(randomProblem(seed, 15, 4));
      const ctx = new Ctx(P, seed);
      const sol = new SolState(ctx);
      // Every job alone on a vehicle when one can take it: a plan with too many routes.
      const ins = new Inserter(sol);
      for (let u = 0; u < P.units.length; u++) ins.insert(u, { blink: 0, newRouteLast: true });
      if (sol.unassigned.size) continue;
      const best = incumbent(sol);
      const before = best.obj.vehicles;
      fleetMinimize(sol, best, budget(300), lowerBound(sol), () => {});
      expect(best.obj.vehicles).toBeLessThanOrEqual(before);
      expect(checkSolution(P, buildSolution(P, best.snap, []))).toEqual([]);
    }
  });
});

describe('granular insertion', () => {
  it('falls back to far routes when the routes of the nearest stops are full', async () => {
    // 10 routes of 2 near the depot corner are full; one far route has room.
    const P = await gridProblem(30, 12, 2);
    const ctx = new Ctx(P, 1, 5);
    const sol = new SolState(ctx);
    const routes: number[][] = P.vehicles.map(() => []);
    for (let v = 0; v < 10; v++) routes[v] = [2 * v, 2 * v + 1];
    routes[10] = [29];
    sol.restore(routes, new Set(P.units.map((_, u) => u).filter((u) => u >= 20 && u !== 29)));
    expect(sol.routes.filter((r) => r.used).length).toBeGreaterThan(GRANULAR.minRoutes);
    const ins = new Inserter(sol);
    // Job index 20 sits at (1, 2): its 5 nearest stops are all on full routes.
    expect(ins.insert(20, { blink: 0, newRouteLast: true, noNewRoute: true })).toBe(true);
    expect(sol.where[20]).toBe(10);
  });
});

describe('local search (work list)', () => {
  it('descends to a plan no move improves, never worse, and a focused pass only looks near its stops', async () => {
    const P = await prepareProblem(randomProblem(11, 60, 8));
    const ctx = new Ctx(P, 5);
    const sol = new SolState(ctx);
    // A poor start: stops dealt round-robin over the vehicles in index order.
    const jobs = Array.from({ length: P.tasks.length }, (_, t) => t);
    const snap = P.vehicles.map((_, v) => jobs.filter((t) => t % P.vehicles.length === v));
    const feasible = snap.map((tasks, v) => tasks.filter((t) => ctx.exactCost(v, [t]) < Infinity));
    sol.restore(feasible, new Set(P.units.map((_, u) => u).filter((u) => !feasible.flat().includes(u))));
    // Keep only feasible routes: drop stops until each route passes the scheduler.
    for (const r of sol.routes)
      while (r.tasks.length && ctx.exactCost(r.v, r.tasks) === Infinity) {
        const t = r.tasks[r.tasks.length - 1]!;
        sol.setRoute(r, r.tasks.slice(0, -1));
        sol.unassigned.add(P.tasks[t]!.unit);
      }
    const before = sol.objective().cost;
    localSearch(sol, budget(Infinity));
    const after = sol.objective().cost;
    expect(after).toBeLessThan(before);
    const plan = sol.snapshot();
    // At a local optimum: a second full pass, or a focused one, finds nothing.
    localSearch(sol, budget(Infinity));
    expect(sol.snapshot()).toEqual(plan);
    localSearch(sol, budget(Infinity), undefined, [0, 1, 2]);
    expect(sol.snapshot()).toEqual(plan);
    const out = buildSolution(
      P,
      plan,
      [...sol.unassigned].map((unit) => ({ unit, reason: 'no_room' as const })),
    );
    expect(checkSolution(P, out)).toEqual([]);
  });

  it('an empty focus changes nothing', async () => {
    const P = await gridProblem(12, 4, 4);
    const ctx = new Ctx(P, 3);
    const sol = new SolState(ctx);
    const start = [
      [0, 5, 10],
      [1, 6, 11],
      [2, 7],
      [3, 4, 8, 9],
    ];
    sol.restore(start, new Set());
    localSearch(sol, budget(Infinity), undefined, []);
    expect(sol.snapshot()).toEqual(start);
  });
});
