import { describe, expect, it } from 'vitest';
import { checkSolution } from './checker';
import type { RouteOut, Solution } from './model';
import { solveCompiled } from './solver/index';
import { compileLine, handRoute } from './test/fixtures';

const depot = { index: 0 };
const truck = { id: 't', start: depot, end: depot, capacity: { kg: 10 } };

function plan(routes: RouteOut[], unassigned: Solution['unassigned'] = []): Solution {
  const cost = routes.reduce((a, r) => a + r.cost, 0);
  return {
    routes,
    unassigned,
    summary: {
      cost,
      distance: 0,
      duration: 0,
      waiting: 0,
      service: 0,
      vehicles: routes.length,
      served: 0,
      unassigned: unassigned.length,
      priority: 0,
    },
  };
}

const codes = (v: { code: string }[]) => v.map((x) => x.code);

describe('checker', () => {
  it('accepts a plan the solver produced and notices any tampering with its numbers', async () => {
    const P = await compileLine(
      [
        { id: 1, location: { index: 3 }, delivery: { kg: 4 }, timeWindows: [[0, 1000]] },
        { id: 2, location: { index: 5 }, delivery: { kg: 4 } },
      ],
      [truck],
    );
    const { solution } = solveCompiled(P, { maxIterations: 20, timeLimitMs: 60_000 });
    expect(checkSolution(P, solution)).toEqual([]);
    const tampered = structuredClone(solution);
    tampered.routes[0]!.cost -= 1;
    expect(codes(checkSolution(P, tampered))).toContain('mismatch');
    const late = structuredClone(solution);
    late.routes[0]!.steps[1]!.arrival += 50;
    expect(codes(checkSolution(P, late))).toContain('mismatch');
  });

  it('flags a stop reached after its time window', async () => {
    const P = await compileLine([{ id: 1, location: { index: 5 }, timeWindows: [[0, 300]] }], [truck]);
    expect(codes(checkSolution(P, plan([handRoute('t', [['start'], ['job', 1], ['end']])])))).toContain(
      'time_window',
    );
  });

  it('uses the second time window when the first is missed', async () => {
    const P = await compileLine(
      [
        {
          id: 1,
          location: { index: 5 },
          timeWindows: [
            [0, 300],
            [600, 900],
          ],
        },
      ],
      [truck],
    );
    const v = checkSolution(P, plan([handRoute('t', [['start'], ['job', 1], ['end']])]));
    expect(codes(v)).not.toContain('time_window');
  });

  it('checks capacity in every dimension', async () => {
    const P = await compileLine(
      [{ id: 1, location: { index: 1 }, delivery: { kg: 2, m3: 3 } }],
      [{ ...truck, capacity: { kg: 10, m3: 2 } }],
      { dimensions: ['kg', 'm3'] },
    );
    const v = checkSolution(P, plan([handRoute('t', [['start'], ['job', 1], ['end']], 2)]));
    expect(v.find((x) => x.code === 'capacity')?.message).toMatch(/m3/);
  });

  it('names each overloaded dimension, and accepts loads exactly at capacity', async () => {
    const dims = ['kg', 'm3', 'pallets'];
    const cap = { kg: 10, m3: 4, pallets: 2 };
    for (const over of dims) {
      const load = { ...cap, [over]: cap[over as keyof typeof cap] + 1 };
      const P = await compileLine(
        [{ id: 1, location: { index: 1 }, delivery: load }],
        [{ ...truck, capacity: cap }],
        { dimensions: dims },
      );
      const v = checkSolution(P, plan([handRoute('t', [['start'], ['job', 1], ['end']], 3)]));
      const flagged = v.filter((x) => x.code === 'capacity').map((x) => x.message);
      expect(flagged.length).toBeGreaterThan(0);
      expect(flagged.join(' ')).toMatch(new RegExp(over));
      for (const other of dims.filter((d) => d !== over))
        expect(flagged.join(' ')).not.toMatch(new RegExp(other));
    }
    const exact = await compileLine(
      [{ id: 1, location: { index: 1 }, delivery: cap }],
      [{ ...truck, capacity: cap }],
      { dimensions: dims },
    );
    const ok = checkSolution(exact, plan([handRoute('t', [['start'], ['job', 1], ['end']], 3)]));
    expect(codes(ok)).not.toContain('capacity');
  });

  it('counts pickups on the way back to the depot', async () => {
    const P = await compileLine(
      [
        { id: 1, location: { index: 1 }, pickup: { kg: 6 } },
        { id: 2, location: { index: 2 }, pickup: { kg: 6 } },
      ],
      [truck],
    );
    expect(
      codes(checkSolution(P, plan([handRoute('t', [['start'], ['job', 1], ['job', 2], ['end']])]))),
    ).toContain('capacity');
  });

  it('flags a missing skill', async () => {
    const P = await compileLine([{ id: 1, location: { index: 1 }, skills: ['adr'] }], [truck]);
    expect(codes(checkSolution(P, plan([handRoute('t', [['start'], ['job', 1], ['end']])])))).toContain(
      'skills',
    );
  });

  it('requires every break, inside its window', async () => {
    const veh = {
      ...truck,
      breaks: [{ id: 'lunch', timeWindows: [[200, 300]] as [number, number][], service: 30 }],
    };
    const P = await compileLine([{ id: 1, location: { index: 2 } }], [veh]);
    expect(codes(checkSolution(P, plan([handRoute('t', [['start'], ['job', 1], ['end']])])))).toContain(
      'break',
    );
    // Break right after the job at t=200: fine. Before leaving at t=0 it would wait until 200, also fine;
    // after driving 4 stops out it is too late.
    expect(
      codes(checkSolution(P, plan([handRoute('t', [['start'], ['job', 1], ['break', 'lunch'], ['end']])]))),
    ).not.toContain('break');
    const far = await compileLine([{ id: 1, location: { index: 4 } }], [veh]);
    expect(
      codes(checkSolution(far, plan([handRoute('t', [['start'], ['job', 1], ['break', 'lunch'], ['end']])]))),
    ).toContain('break');
  });

  it('requires pickup before delivery on the same vehicle', async () => {
    const ship = {
      id: 9,
      pickup: { location: { index: 1 } },
      delivery: { location: { index: 2 } },
      amount: { kg: 1 },
    };
    const P = await compileLine([], [truck, { ...truck, id: 'u' }], { shipments: [ship] });
    expect(
      codes(checkSolution(P, plan([handRoute('t', [['start'], ['delivery', 9], ['pickup', 9], ['end']])]))),
    ).toContain('precedence');
    const split = plan([
      handRoute('t', [['start'], ['pickup', 9], ['end']]),
      handRoute('u', [['start'], ['delivery', 9], ['end']]),
    ]);
    expect(codes(checkSolution(P, split))).toContain('precedence');
  });

  it('flags a route that ends after the shift', async () => {
    const P = await compileLine([{ id: 1, location: { index: 4 } }], [{ ...truck, shift: [0, 500] }]);
    expect(codes(checkSolution(P, plan([handRoute('t', [['start'], ['job', 1], ['end']])])))).toContain(
      'shift',
    );
  });

  it('flags routes over the maximum duration and distance', async () => {
    const P = await compileLine(
      [{ id: 1, location: { index: 4 } }],
      [{ ...truck, maxDuration: 500, maxDistance: 700 }],
    );
    const v = codes(checkSolution(P, plan([handRoute('t', [['start'], ['job', 1], ['end']])])));
    expect(v).toContain('max_duration');
    expect(v).toContain('max_distance');
  });

  it('keeps locked stops first and in order', async () => {
    const P = await compileLine(
      [
        { id: 1, location: { index: 1 } },
        { id: 2, location: { index: 2 } },
      ],
      [
        {
          ...truck,
          locked: [
            { type: 'job', id: 2 },
            { type: 'job', id: 1 },
          ],
        },
      ],
    );
    expect(
      codes(checkSolution(P, plan([handRoute('t', [['start'], ['job', 1], ['job', 2], ['end']])]))),
    ).toContain('locked');
    expect(
      codes(checkSolution(P, plan([handRoute('t', [['start'], ['job', 2], ['job', 1], ['end']])]))),
    ).not.toContain('locked');
    expect(codes(checkSolution(P, plan([], [])))).toContain('locked');
  });

  it('lets a multi-trip vehicle reload at the depot, up to its trip limit', async () => {
    const jobs = [1, 2, 3].map((id) => ({ id, location: { index: id }, delivery: { kg: 6 } }));
    const P = await compileLine(jobs, [{ ...truck, maxTrips: 2 }]);
    const noReload = handRoute('t', [['start'], ['job', 1], ['job', 2], ['end']]);
    expect(
      codes(checkSolution(P, plan([noReload], [{ id: 3, type: 'job', reason: 'no_room', message: '' }]))),
    ).toContain('capacity');
    const reload = handRoute('t', [['start'], ['job', 1], ['reload'], ['job', 2], ['end']]);
    expect(
      codes(checkSolution(P, plan([reload], [{ id: 3, type: 'job', reason: 'no_room', message: '' }]))),
    ).not.toContain('capacity');
    const three = handRoute('t', [
      ['start'],
      ['job', 1],
      ['reload'],
      ['job', 2],
      ['reload'],
      ['job', 3],
      ['end'],
    ]);
    expect(codes(checkSolution(P, plan([three])))).toContain('trips');
  });

  it('requires every job to be planned once or reported unassigned', async () => {
    const P = await compileLine(
      [
        { id: 1, location: { index: 1 } },
        { id: 2, location: { index: 2 } },
      ],
      [truck],
    );
    const v = codes(checkSolution(P, plan([handRoute('t', [['start'], ['job', 1], ['job', 1], ['end']])])));
    expect(v).toContain('duplicate');
    expect(v).toContain('missing');
  });
});
