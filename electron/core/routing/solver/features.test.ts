import { describe, expect, it } from 'vitest';
import { prepareProblem } from '../compile';
import { checkSolution } from '../checker';
import { compileLine, randomProblem } from '../test/fixtures';
import { solveCompiled } from './index';

const opts = { timeLimitMs: 60_000, maxIterations: 200, seed: 1 };
const depot = { index: 0 };

describe('solver features', () => {
  it('places breaks inside their windows', async () => {
    const jobs = [1, 2, 3, 4].map((i) => ({ id: i, location: { index: i * 2 }, service: 60 }));
    const P = await compileLine(jobs, [
      { id: 'v', start: depot, end: depot, breaks: [{ id: 'b', timeWindows: [[300, 400]], service: 45 }] },
    ]);
    const { solution } = solveCompiled(P, opts);
    const steps = solution.routes[0]!.steps;
    const b = steps.find((s) => s.type === 'break')!;
    expect(b.arrival + b.waiting).toBeGreaterThanOrEqual(300);
    expect(b.arrival + b.waiting).toBeLessThanOrEqual(400);
    expect(checkSolution(P, solution)).toEqual([]);
  });

  it('sends a multi-trip vehicle back to reload instead of leaving jobs out', async () => {
    const jobs = [1, 2, 3, 4].map((i) => ({ id: i, location: { index: i }, delivery: { kg: 5 } }));
    const one = await compileLine(jobs, [{ id: 'v', start: depot, end: depot, capacity: { kg: 10 } }]);
    expect(solveCompiled(one, opts).solution.unassigned.map((u) => u.reason)).toEqual(['no_room', 'no_room']);
    const multi = await compileLine(jobs, [
      { id: 'v', start: depot, end: depot, capacity: { kg: 10 }, maxTrips: 2 },
    ]);
    const { solution } = solveCompiled(multi, opts);
    expect(solution.unassigned).toEqual([]);
    expect(solution.routes[0]!.steps.filter((s) => s.type === 'reload')).toHaveLength(1);
    expect(solution.routes[0]!.trips).toBe(2);
    expect(checkSolution(multi, solution)).toEqual([]);
  });

  it('keeps a locked prefix and plans the rest after it', async () => {
    const jobs = [1, 2, 3, 4, 5].map((i) => ({ id: i, location: { index: i } }));
    const P = await compileLine(jobs, [
      {
        id: 'v',
        start: depot,
        end: depot,
        locked: [
          { type: 'job', id: 5 },
          { type: 'job', id: 1 },
        ],
      },
    ]);
    const { solution } = solveCompiled(P, opts);
    const ids = solution.routes[0]!.steps.filter((s) => s.type === 'job').map((s) => s.id);
    expect(ids.slice(0, 2)).toEqual([5, 1]);
    expect(ids).toHaveLength(5);
    expect(checkSolution(P, solution)).toEqual([]);
  });

  it('serves shipments pickup first on one vehicle', async () => {
    const P = await prepareProblem(randomProblem(3, 6, 2, 4));
    const { solution } = solveCompiled(P, opts);
    expect(checkSolution(P, solution)).toEqual([]);
    for (const r of solution.routes) {
      const p = r.steps.findIndex((s) => s.type === 'pickup');
      if (p >= 0)
        expect(r.steps.findIndex((s) => s.type === 'delivery' && s.id === r.steps[p]!.id)).toBeGreaterThan(p);
    }
  });

  it('gives each unserved job its reason', async () => {
    const P = await compileLine(
      [
        { id: 'skill', location: { index: 1 }, skills: ['crane'] },
        { id: 'heavy', location: { index: 1 }, delivery: { kg: 50 } },
        { id: 'late', location: { index: 9 }, timeWindows: [[0, 100]] },
        { id: 'ok', location: { index: 2 } },
      ],
      [{ id: 'v', start: depot, end: depot, capacity: { kg: 10 } }],
    );
    const { solution } = solveCompiled(P, opts);
    const reasons = Object.fromEntries(solution.unassigned.map((u) => [u.id, u.reason]));
    expect(reasons).toEqual({ skill: 'skills', heavy: 'capacity', late: 'time_window' });
    expect(solution.unassigned[0]!.message).toMatch(/skill/);
  });

  it('serves higher priority first when not everything fits', async () => {
    const jobs = [1, 2, 3].map((i) => ({
      id: i,
      location: { index: i },
      delivery: { kg: 6 },
      priority: i === 3 ? 50 : 0,
    }));
    const P = await compileLine(jobs, [{ id: 'v', start: depot, end: depot, capacity: { kg: 10 } }]);
    const { solution } = solveCompiled(P, opts);
    expect(solution.routes[0]!.steps.filter((s) => s.type === 'job').map((s) => s.id)).toEqual([3]);
  });

  it('uses fewer vehicles before lower cost, and balances routes when asked', async () => {
    // Depot in the middle of the line, two jobs on each side: one vehicle or two cost the same distance.
    const jobs = [1, 2, 8, 9].map((i) => ({ id: i, location: { index: i }, service: 100 }));
    const mid = { index: 5 };
    const vehicles = [
      { id: 'a', start: mid, end: mid },
      { id: 'b', start: mid, end: mid },
    ];
    const P = await compileLine(jobs, vehicles);
    expect(solveCompiled(P, opts).solution.summary.vehicles).toBe(1);
    const balanced = await compileLine(jobs, vehicles, {
      objective: { minimizeVehicles: false, balance: 10 },
    });
    const { solution } = solveCompiled(balanced, opts);
    expect(solution.summary.vehicles).toBe(2);
    expect(checkSolution(balanced, solution)).toEqual([]);
  });

  it('returns every job unassigned with a reason when there is no vehicle', async () => {
    const P = await compileLine([{ id: 1, location: { index: 1 } }], []);
    const { solution } = solveCompiled(P, opts);
    expect(solution.routes).toEqual([]);
    expect(solution.unassigned).toEqual([
      { id: 1, type: 'job', reason: 'no_vehicle', message: expect.stringMatching(/No vehicle/) },
    ]);
  });
});
