/** Small problems on a line (matrix index = position, 1 unit of distance = 1 s) for tests. */
import { prepareProblem, type CompiledProblem } from '../compile';
import type { Job, ProblemInput, RouteOut, Step, Vehicle } from '../model';
import { Rng } from '../solver/rng';

export function lineMatrix(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => Math.abs(i - j) * 100));
}

export function lineProblem(
  jobs: Job[],
  vehicles: Vehicle[],
  extra: Partial<ProblemInput> = {},
): ProblemInput {
  return { dimensions: ['kg'], matrices: { car: { durations: lineMatrix(10) } }, jobs, vehicles, ...extra };
}

export function compileLine(
  jobs: Job[],
  vehicles: Vehicle[],
  extra: Partial<ProblemInput> = {},
): Promise<CompiledProblem> {
  return prepareProblem(lineProblem(jobs, vehicles, extra));
}

/** A route as a dispatcher might type it: only the order matters, the checker recomputes the rest. */
export function handRoute(
  vehicle: string | number,
  stops: [Step['type'], (string | number)?][],
  K = 1,
): RouteOut {
  return {
    vehicle,
    cost: 0,
    distance: 0,
    duration: 0,
    travelTime: 0,
    waiting: 0,
    service: 0,
    trips: 1,
    steps: stops.map(([type, id]) => ({
      type,
      ...(id !== undefined ? { id } : {}),
      location: 0,
      arrival: 0,
      waiting: 0,
      service: 0,
      load: new Array(K).fill(0),
      distance: 0,
    })),
  };
}

/** Random small VRPTW-ish instance with skills, two dimensions and optional shipments. */
export function randomProblem(seed: number, nJobs: number, nVehicles: number, shipments = 0): ProblemInput {
  const rng = new Rng(seed);
  const n = nJobs + 2 * shipments + 1;
  const pts = Array.from({ length: n }, () => [rng.int(100), rng.int(100)] as const);
  const d = pts.map((a) => pts.map((b) => Math.round(Math.hypot(a[0] - b[0], a[1] - b[1]))));
  const window = (): [number, number][] | undefined => {
    if (rng.next() < 0.4) return undefined;
    const s = rng.int(300);
    return rng.next() < 0.2
      ? [
          [s, s + 40],
          [s + 120, s + 200],
        ]
      : [[s, s + 60 + rng.int(120)]];
  };
  return {
    dimensions: ['kg', 'm3'],
    matrices: { car: { durations: d } },
    jobs: Array.from({ length: nJobs }, (_, i) => ({
      id: i + 1,
      location: { index: i + 1 },
      service: rng.int(20),
      timeWindows: window(),
      delivery: { kg: rng.int(5), m3: rng.int(3) },
      ...(rng.next() < 0.15 ? { pickup: { kg: rng.int(4) } } : {}),
      ...(rng.next() < 0.2 ? { skills: ['cold'] } : {}),
      priority: rng.next() < 0.2 ? 10 : 0,
    })),
    shipments: Array.from({ length: shipments }, (_, i) => ({
      id: 100 + i,
      pickup: { location: { index: nJobs + 1 + 2 * i }, service: 5, timeWindows: window() },
      delivery: { location: { index: nJobs + 2 + 2 * i }, service: 5 },
      amount: { kg: 1 + rng.int(3) },
    })),
    vehicles: Array.from({ length: nVehicles }, (_, i) => ({
      id: `v${i}`,
      start: { index: 0 },
      end: { index: 0 },
      shift: [0, 400 + rng.int(200)] as [number, number],
      capacity: { kg: 8 + rng.int(8), m3: 5 + rng.int(5) },
      ...(i === 0 ? { skills: ['cold'] } : {}),
      ...(rng.next() < 0.3 ? { maxDuration: 300 } : {}),
    })),
  };
}
