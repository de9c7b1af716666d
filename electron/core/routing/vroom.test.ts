import { describe, expect, it } from 'vitest';
import { prepareProblem } from './compile';
import { checkSolution } from './checker';
import { solveCompiled } from './solver/index';
import { fromVroomProblem, readVroomRoutes, toVroomProblem, toVroomSolution } from './vroom';

// Shaped after the examples in VROOM's docs/API.md (custom matrix, multi-dimensional amounts, shipments).
const documented = {
  vehicles: [
    {
      id: 1,
      profile: 'car',
      start_index: 0,
      end_index: 0,
      capacity: [4, 2],
      skills: [1, 14],
      time_window: [0, 50000],
      breaks: [{ id: 1, time_windows: [[2000, 3000]], service: 300 }],
      costs: { fixed: 100, per_hour: 3600, per_km: 0 },
      speed_factor: 1,
    },
    {
      id: 2,
      profile: 'car',
      start_index: 0,
      end_index: 0,
      capacity: [4, 2],
      skills: [14],
      time_window: [0, 50000],
      costs: { fixed: 0, per_hour: 3600, per_km: 0 },
      speed_factor: 1,
    },
  ],
  jobs: [
    {
      id: 1,
      location_index: 1,
      service: 300,
      delivery: [1, 0],
      pickup: [0, 0],
      skills: [1],
      priority: 0,
      time_windows: [[0, 20000]],
    },
    { id: 2, location_index: 2, service: 300, delivery: [1, 1], pickup: [0, 0], skills: [14], priority: 0 },
    { id: 3, location_index: 3, service: 300, delivery: [0, 0], pickup: [2, 0], skills: [14], priority: 0 },
  ],
  shipments: [
    {
      pickup: { id: 4, location_index: 4, service: 300, time_windows: [[0, 30000]] },
      delivery: { id: 4, location_index: 5, service: 300 },
      amount: [1, 0],
      skills: [14],
      priority: 0,
    },
  ],
  matrices: {
    car: {
      durations: [
        [0, 2104, 197, 959, 1975, 436],
        [2103, 0, 2255, 2812, 1455, 2539],
        [197, 2256, 0, 762, 2172, 633],
        [959, 2813, 762, 0, 2934, 1395],
        [1975, 1456, 2172, 2934, 0, 2020],
        [435, 2539, 632, 1394, 2019, 0],
      ],
    },
  },
};

describe('VROOM JSON', () => {
  it('round-trips a documented problem', () => {
    const ours = fromVroomProblem(documented);
    expect(ours.dimensions).toEqual(['q0', 'q1']);
    expect(toVroomProblem(ours)).toEqual(documented);
  });

  it('reads the legacy single `matrix` and coordinates as [lon, lat]', () => {
    const ours = fromVroomProblem({
      vehicles: [{ id: 0, start: [2.35, 48.86] }],
      jobs: [{ id: 3, location: [2.37, 48.85] }],
    });
    expect(ours.jobs![0]!.location).toEqual({ lon: 2.37, lat: 48.85 });
    const legacy = fromVroomProblem({
      vehicles: [{ id: 0, start_index: 0 }],
      jobs: [{ id: 1, location_index: 1 }],
      matrix: [
        [0, 5],
        [5, 0],
      ],
    });
    expect(legacy.matrices).toEqual({
      car: {
        durations: [
          [0, 5],
          [5, 0],
        ],
      },
    });
  });

  it('solves a documented problem and writes a solution VROOM tools can read back', async () => {
    const P = await prepareProblem(fromVroomProblem(documented));
    const { solution } = solveCompiled(P, { maxIterations: 100, timeLimitMs: 60_000 });
    expect(checkSolution(P, solution)).toEqual([]);
    const out = toVroomSolution(P, solution);
    expect(out.code).toBe(0);
    expect(out.summary.unassigned).toBe(0);
    expect(out.summary.cost).toBeCloseTo(solution.summary.cost, 6);
    const json = JSON.parse(JSON.stringify(out));
    const back = readVroomRoutes(json);
    expect(back.map((r) => r.vehicle)).toEqual(solution.routes.map((r) => r.vehicle));
    expect(back.map((r) => r.stops)).toEqual(
      solution.routes.map((r) =>
        r.steps
          .filter((s) => s.type !== 'start' && s.type !== 'end')
          .map((s) => ({ type: s.type, id: Number(s.id) })),
      ),
    );
    for (const r of json.routes) {
      expect(r.steps[0].type).toBe('start');
      expect(r.steps.at(-1).type).toBe('end');
      expect(r.steps.at(-1).duration).toBe(r.duration);
    }
  });

  it('reads the route order of a documented solution (old `job` key)', () => {
    const sol = {
      code: 0,
      summary: { cost: 7268 },
      routes: [
        {
          vehicle: 0,
          cost: 7268,
          steps: [{ type: 'start' }, { type: 'job', job: 5 }, { type: 'job', job: 4 }, { type: 'end' }],
        },
      ],
    };
    expect(readVroomRoutes(sol)).toEqual([
      {
        vehicle: 0,
        stops: [
          { type: 'job', id: 5 },
          { type: 'job', id: 4 },
        ],
      },
    ]);
  });

  it('refuses files that are not VROOM problems', () => {
    expect(() => fromVroomProblem({ jobs: [] })).toThrow(/Not a valid VROOM problem: vehicles/);
    expect(() => fromVroomProblem({ vehicles: [{ id: 1 }], jobs: [{ id: 1 }] })).toThrow(
      /neither a location nor a location_index/,
    );
  });
});
