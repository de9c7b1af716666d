/**
 * Seeded generator of VRPTW instance families the solver was never tuned on, for measuring it
 * side by side with VROOM (`npm run bench:vs-vroom`). Solomon-like on purpose but not Solomon:
 * uniform, clustered or mixed customers; windows 30, 60, 120 or 240 "minutes" wide or the whole
 * horizon; capacity-bound routes of about ten customers; plain deliveries, pickup-and-delivery
 * shipments, or three capacity dimensions; 100 to 1,000 customers.
 *
 * Units: one time unit is a tenth of a minute and travel time equals distance, so every matrix
 * entry is a whole number (VROOM takes integer matrices) while keeping Solomon's resolution.
 * Coordinates lie in a square of side 1,000 units per 100 customers' worth of area (the side
 * grows with √n, the horizon with it), the depot at the centre. Every customer can be served by a
 * vehicle going there and back directly, so every instance is feasible.
 */
import type { ProblemInput } from '../../electron/core/routing/model';
import { Rng } from '../../electron/core/routing/solver/rng';

export type Geography = 'uniform' | 'clustered' | 'mixed';
export type Kind = 'jobs' | 'pd' | 'md';
/** Window width in minutes, or the whole horizon. */
export type Window = 30 | 60 | 120 | 240 | 'horizon';

export interface FamilySpec {
  geo: Geography;
  window: Window;
  /** Customers (stops): for 'pd', n/2 shipments of two stops each. */
  n: number;
  kind: Kind;
  seed: number;
}

export interface FamilyInstance {
  name: string;
  spec: FamilySpec;
  problem: ProblemInput;
  /** Horizon in time units (the vehicles' shift is [0, horizon]). */
  horizon: number;
}

export const GEOGRAPHIES: readonly Geography[] = ['uniform', 'clustered', 'mixed'];
export const WINDOWS: readonly Window[] = [30, 60, 120, 240, 'horizon'];
export const KINDS: readonly Kind[] = ['jobs', 'pd', 'md'];

/** Time units per minute. */
const UNIT = 10;
const SERVICE = 10 * UNIT;

export function familyName(s: FamilySpec): string {
  return `${s.kind}-${s.geo[0]}${s.window === 'horizon' ? 'H' : s.window}-${s.n}-s${s.seed}`;
}

export function generateFamily(spec: FamilySpec): FamilyInstance {
  const { n, geo, kind, window } = spec;
  if (!Number.isInteger(n) || n < 2 || (kind === 'pd' && n % 2 !== 0))
    throw new Error(`generateFamily: n must be a whole number ≥ 2 (even for pickup-delivery), got ${n}`);
  // Mix the spec into the seed so that families with one seed are still unrelated draws.
  const rng = new Rng(hash(`${familyName(spec)}`));
  const scale = Math.sqrt(n / 100);
  const side = 100 * UNIT * scale;
  const horizon = Math.round(1000 * UNIT * scale);
  const pts = placeCustomers(rng, geo, n, side);
  const all = [[side / 2, side / 2] as const, ...pts];
  const m = all.map((a) => all.map((b) => Math.round(Math.hypot(a[0] - b[0], a[1] - b[1]))));
  const width = window === 'horizon' ? horizon : window * UNIT;

  // A window [s, s + width] that meets [earliest, latest], the starts from which a vehicle coming
  // straight from the depot can still finish its stop(s) and get home in time.
  const windowFor = (earliest: number, latest: number): [number, number] => {
    if (window === 'horizon') return [0, horizon];
    const lo = Math.max(0, earliest - width);
    const s = Math.round(lo + rng.next() * Math.max(0, latest - lo));
    return [s, Math.min(horizon, s + width)];
  };

  const vehicles = (capacity: Record<string, number>, count: number) =>
    Array.from({ length: count }, (_, i) => ({
      id: i + 1,
      start: { index: 0 },
      end: { index: 0 },
      shift: [0, horizon] as [number, number],
      capacity,
      // Cost = distance: costPerKm is per 1,000 distance units.
      costPerKm: 1000,
    }));
  const objective = { minimizeVehicles: true, balance: 0 };
  const matrices = { car: { durations: m, distances: m } };
  let problem: ProblemInput;
  if (kind === 'pd') {
    const shipments = [];
    for (let i = 0; i < n / 2; i++) {
      const p = 1 + 2 * i;
      const d = p + 1;
      const pw = windowFor(m[0]![p]!, horizon - 2 * SERVICE - m[p]![d]! - m[d]![0]!);
      // Earliest arrival at the delivery when driving straight from the pickup.
      const reach = Math.max(m[0]![p]!, pw[0]) + SERVICE + m[p]![d]!;
      let dw: [number, number];
      if (window === 'horizon') dw = [0, horizon];
      else {
        const latest = horizon - SERVICE - m[d]![0]!;
        const lo = Math.max(0, reach - width);
        const hi = Math.max(lo, Math.min(latest, reach + 2 * width));
        const s = Math.round(lo + rng.next() * (hi - lo));
        dw = [s, Math.min(horizon, s + width)];
      }
      shipments.push({
        id: i + 1,
        pickup: { id: i + 1, location: { index: p }, service: SERVICE, timeWindows: [pw] },
        delivery: { id: i + 1, location: { index: d }, service: SERVICE, timeWindows: [dw] },
        amount: { q0: 10 + rng.int(61) },
      });
    }
    problem = {
      dimensions: ['q0'],
      matrices,
      shipments,
      vehicles: vehicles({ q0: 200 }, Math.ceil(n / 4) + 2),
      objective,
    };
  } else {
    const md = kind === 'md';
    const jobs = pts.map((_, i) => {
      const loc = i + 1;
      // Three dimensions that do not move together, so different routes fill up on different ones.
      const delivery: Record<string, number> = md
        ? { q0: 1 + rng.int(40), q1: 1 + rng.int(20), q2: 1 + rng.int(4) }
        : { q0: 1 + rng.int(40) };
      return {
        id: loc,
        location: { index: loc },
        service: SERVICE,
        timeWindows: [windowFor(m[0]![loc]!, horizon - SERVICE - m[loc]![0]!)],
        delivery,
      };
    });
    problem = {
      dimensions: md ? ['q0', 'q1', 'q2'] : ['q0'],
      matrices,
      jobs,
      vehicles: vehicles(md ? { q0: 200, q1: 100, q2: 20 } : { q0: 200 }, Math.ceil(n / 5) + 2),
      objective,
    };
  }
  return { name: familyName(spec), spec, problem, horizon };
}

function placeCustomers(rng: Rng, geo: Geography, n: number, side: number): [number, number][] {
  const uniform = (): [number, number] => [rng.next() * side, rng.next() * side];
  const centres = Array.from({ length: Math.max(3, Math.round(n / 12)) }, uniform);
  const sigma = side * 0.04;
  const clustered = (): [number, number] => {
    const [cx, cy] = rng.pick(centres);
    const clamp = (x: number) => Math.min(side, Math.max(0, x));
    return [clamp(cx + gauss(rng) * sigma), clamp(cy + gauss(rng) * sigma)];
  };
  return Array.from({ length: n }, (_, i) =>
    geo === 'uniform' ? uniform() : geo === 'clustered' ? clustered() : i % 2 === 0 ? uniform() : clustered(),
  );
}

function gauss(rng: Rng): number {
  const u = Math.max(rng.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/** FNV-1a, so a family's name picks its random stream. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The benchmark's instance lists. The default covers every geography, every window width and
 * every kind at 100–200 customers, one seed each, so it runs in a few minutes; `full` is the
 * cross product over sizes 100–1,000 and two seeds.
 */
export function benchSet(which: 'default' | 'full', seeds = [1, 2]): FamilySpec[] {
  if (which === 'default') {
    const s = seeds[0]!;
    const rows: [Kind, Geography, Window, number][] = [
      ['jobs', 'uniform', 30, 100],
      ['jobs', 'uniform', 120, 100],
      ['jobs', 'uniform', 'horizon', 100],
      ['jobs', 'clustered', 60, 100],
      ['jobs', 'clustered', 240, 100],
      ['jobs', 'mixed', 30, 100],
      ['jobs', 'mixed', 120, 100],
      ['jobs', 'uniform', 60, 200],
      ['jobs', 'mixed', 240, 200],
      ['pd', 'uniform', 120, 100],
      ['pd', 'clustered', 240, 100],
      ['md', 'mixed', 60, 100],
      ['md', 'uniform', 'horizon', 100],
    ];
    return rows.map(([kind, geo, window, n]) => ({ kind, geo, window, n, seed: s }));
  }
  const out: FamilySpec[] = [];
  for (const seed of seeds)
    for (const kind of KINDS)
      for (const n of kind === 'jobs' ? [100, 200, 400, 1000] : [100, 400])
        for (const geo of GEOGRAPHIES) for (const window of WINDOWS) out.push({ kind, geo, window, n, seed });
  return out;
}
