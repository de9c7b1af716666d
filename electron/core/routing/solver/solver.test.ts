import { describe, expect, it } from 'vitest';
import { prepareProblem, type CompiledProblem } from '../compile';
import { checkSolution } from '../checker';
import { randomProblem } from '../test/fixtures';
import { solveCompiled } from './index';
import { unitWeight } from './route';
import { schedule } from './schedule';

const opts = { timeLimitMs: 60_000, maxIterations: 400, seed: 7 };

/** Exhaustive optimum: every subset of jobs, in every order, split over the vehicles. */
function bruteForce(P: CompiledProblem): { unserved: number; vehicles: number; cost: number } {
  const units = P.units.map((_, i) => i);
  let best = { unserved: Infinity, vehicles: Infinity, cost: Infinity };
  const better = (a: typeof best, b: typeof best) =>
    a.unserved !== b.unserved
      ? a.unserved < b.unserved
      : a.vehicles !== b.vehicles
        ? a.vehicles < b.vehicles
        : a.cost < b.cost - 1e-9;
  const routes: number[][] = P.vehicles.map(() => []);
  const rec = (k: number) => {
    if (k === units.length) {
      let cost = 0;
      let vehicles = 0;
      for (let v = 0; v < routes.length; v++) {
        if (!routes[v]!.length) continue;
        const s = schedule(P, v, routes[v]!);
        if (!s.ok) return;
        cost += s.cost;
        vehicles++;
      }
      let unserved = 0;
      for (const u of units)
        if (!routes.some((r) => r.includes(P.units[u]!.tasks[0]!)))
          unserved += unitWeight(P.units[u]!.priority);
      const cand = { unserved, vehicles, cost };
      if (better(cand, best)) best = cand;
      return;
    }
    rec(k + 1);
    const t = P.units[k]!.tasks[0]!;
    for (const r of routes) {
      for (let pos = 0; pos <= r.length; pos++) {
        r.splice(pos, 0, t);
        rec(k + 1);
        r.splice(pos, 1);
      }
    }
  };
  rec(0);
  return best;
}

describe('solver', () => {
  it('returns plans that pass the independent checker on random instances', async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const P = await prepareProblem(
        randomProblem(seed, 12 + (seed % 5) * 3, 2 + (seed % 3), seed % 2 ? 2 : 0),
      );
      const { solution } = solveCompiled(P, { ...opts, maxIterations: 150, seed });
      expect(checkSolution(P, solution)).toEqual([]);
      const planned = solution.routes.flatMap((r) =>
        r.steps.filter((s) => s.id !== undefined && s.type !== 'break'),
      ).length;
      expect(planned + solution.unassigned.reduce((a, u) => a + (u.type === 'shipment' ? 2 : 1), 0)).toBe(
        P.tasks.length,
      );
    }
  });

  it('matches brute force on instances with up to 8 jobs', async () => {
    const cases = [
      [101, 6, 2],
      [102, 6, 2],
      [103, 5, 2],
      [104, 7, 1],
      [105, 8, 1],
      [106, 6, 2],
      [107, 8, 1],
      [108, 5, 3],
    ] as const;
    for (const [seed, jobs, vehicles] of cases) {
      const P = await prepareProblem(randomProblem(seed, jobs, vehicles));
      const { solution } = solveCompiled(P, { ...opts, seed });
      const bf = bruteForce(P);
      const unserved = solution.unassigned.reduce(
        (a, u) => a + unitWeight(P.units.find((x) => x.id === u.id)!.priority),
        0,
      );
      expect({ seed, unserved, vehicles: solution.summary.vehicles }).toEqual({
        seed,
        unserved: bf.unserved,
        vehicles: bf.vehicles,
      });
      expect(solution.summary.cost).toBeCloseTo(bf.cost, 6);
    }
  });

  it('is deterministic for a seed', async () => {
    const P = await prepareProblem(randomProblem(5, 25, 3, 2));
    const a = solveCompiled(P, { ...opts, seed: 3 }).solution;
    const b = solveCompiled(P, { ...opts, seed: 3 }).solution;
    expect(a).toEqual(b);
  });

  it('reports progress and stops when cancelled, keeping the best plan so far', async () => {
    const P = await prepareProblem(randomProblem(9, 40, 4));
    const ctrl = new AbortController();
    const seen: string[] = [];
    const { solution } = solveCompiled(
      P,
      { timeLimitMs: 60_000 },
      {
        signal: ctrl.signal,
        onProgress: (p) => {
          seen.push(p.phase);
          if (p.phase === 'construction') ctrl.abort();
        },
      },
    );
    expect(seen[0]).toBe('construction');
    expect(seen.at(-1)).toBe('done');
    expect(checkSolution(P, solution)).toEqual([]);
  });
});
