/**
 * Turns a validated Problem into flat arrays the solver and checker index by number:
 * tasks (a job is one task, a shipment two), vehicles, and one matrix per profile/speed.
 */
import { AppError } from '@shared/contract/errors';
import { allLocations, parseProblem, type Id, type Location, type Problem } from './model';
import { haversineProvider } from './matrix/haversine';
import { matrixFromRows, type Coord, type MatrixProvider, type TravelMatrix } from './matrix/provider';

export interface CTask {
  id: Id;
  kind: 'job' | 'pickup' | 'delivery';
  /** Index in CompiledProblem.units (the thing that is assigned or not). */
  unit: number;
  loc: number;
  service: number;
  /** Flat sorted [s0,e0,s1,e1,…]; hull in twStart/twEnd. */
  tw: number[];
  twStart: number;
  twEnd: number;
  /** Loaded at the depot for this stop (single-job deliveries only), per dimension. */
  depotLoad: number[];
  /** Change of the load on board at this stop, per dimension. */
  net: number[];
  skills: number[];
  /** Other half of a shipment, else -1. */
  partner: number;
}

export interface CBreak {
  id: Id;
  tw: number[];
  service: number;
}

export interface CVehicle {
  id: Id;
  start: number;
  end: number;
  hasStart: boolean;
  hasEnd: boolean;
  shiftStart: number;
  shiftEnd: number;
  capacity: number[];
  skills: Set<number>;
  breaks: CBreak[];
  maxDuration: number;
  maxDistance: number;
  fixedCost: number;
  /** Index into dur/dist matrices, and into cost matrices. */
  mat: number;
  costMat: number;
  maxTrips: number;
  reloadTime: number;
  locked: number[];
  /** Vehicles with equal keys are interchangeable: only one empty one needs trying. */
  typeKey: string;
  /** Needs the step-by-step scheduler (breaks, reloads) rather than segment arithmetic alone. */
  exact: boolean;
}

export interface CUnit {
  id: Id;
  type: 'job' | 'shipment';
  tasks: number[];
  priority: number;
}

export interface CompiledProblem {
  dims: string[];
  tasks: CTask[];
  units: CUnit[];
  vehicles: CVehicle[];
  /** Matrix side; the last index is a virtual place at zero distance from everything. */
  n: number;
  dur: Float64Array[];
  dist: Float64Array[];
  cost: Float64Array[];
  /** Location coordinates when known, for export. */
  coords: (Coord | undefined)[];
  minimizeVehicles: boolean;
  balance: number;
  /** Any task with several windows or any shipment: segment checks are optimistic, verify exactly. */
  exactTasks: boolean;
}

export interface PrepareOptions {
  provider?: MatrixProvider;
  signal?: AbortSignal;
}

/** Validates, fetches matrices (provider or given), and compiles. */
export async function prepareProblem(input: unknown, opts: PrepareOptions = {}): Promise<CompiledProblem> {
  const problem = parseProblem(input);
  const { locIndex, coords, matrices } = await loadMatrices(problem, opts);
  return compile(problem, locIndex, coords, matrices);
}

interface Loaded {
  locIndex: (l: Location) => number;
  coords: (Coord | undefined)[];
  matrices: Map<string, TravelMatrix>;
}

async function loadMatrices(p: Problem, opts: PrepareOptions): Promise<Loaded> {
  const profiles = [...new Set(p.vehicles.map((v) => v.profile))];
  const locs = allLocations(p).map((l) => l.loc);
  const matrices = new Map<string, TravelMatrix>();
  if (locs.some((l) => l.index !== undefined)) {
    for (const prof of profiles) {
      const m = p.matrices![prof]!;
      matrices.set(prof, matrixFromRows(m.durations, m.distances));
    }
    const n = matrices.values().next().value?.n ?? Math.max(0, ...locs.map((l) => l.index! + 1));
    const coords: (Coord | undefined)[] = new Array(n).fill(undefined);
    for (const l of locs)
      if (l.lat !== undefined && l.lon !== undefined) coords[l.index!] = { lat: l.lat, lon: l.lon };
    return { locIndex: (l) => l.index!, coords, matrices };
  }
  const key = (l: Location) => `${l.lat},${l.lon}`;
  const uniq = new Map<string, number>();
  const coords: Coord[] = [];
  for (const l of locs) {
    if (!uniq.has(key(l))) {
      uniq.set(key(l), coords.length);
      coords.push({ lat: l.lat!, lon: l.lon! });
    }
  }
  const provider = opts.provider ?? haversineProvider();
  for (const prof of profiles) matrices.set(prof, await provider.matrix(coords, prof, opts.signal));
  return { locIndex: (l) => uniq.get(key(l))!, coords, matrices };
}

function windowsOf(tws: [number, number][] | undefined, fallbackEnd: number): number[] {
  if (!tws || !tws.length) return [0, fallbackEnd];
  const sorted = [...tws].sort((a, b) => a[0] - b[0]);
  return sorted.flat();
}

export function compile(
  p: Problem,
  locIndex: (l: Location) => number,
  coords: (Coord | undefined)[],
  matrices: Map<string, TravelMatrix>,
): CompiledProblem {
  const base = matrices.values().next().value as TravelMatrix | undefined;
  const n0 = base?.n ?? coords.length;
  const n = n0 + 1;
  const dims = p.dimensions;
  const K = dims.length;
  const vec = (a: Record<string, number> | undefined) => dims.map((d) => a?.[d] ?? 0);
  const zero = () => new Array<number>(K).fill(0);
  const skillIds = new Map<string, number>();
  const skill = (s: string) => {
    if (!skillIds.has(s)) skillIds.set(s, skillIds.size);
    return skillIds.get(s)!;
  };
  const horizon = Math.max(
    1e9,
    ...p.vehicles.map((v) => v.shift?.[1] ?? 0),
    ...p.jobs.flatMap((j) => (j.timeWindows ?? []).map((w) => w[1])),
  );

  const tasks: CTask[] = [];
  const units: CUnit[] = [];
  let exactTasks = false;
  for (const j of p.jobs) {
    const tw = windowsOf(j.timeWindows, horizon);
    if (tw.length > 2) exactTasks = true;
    const del = vec(j.delivery);
    const pick = vec(j.pickup);
    units.push({ id: j.id, type: 'job', tasks: [tasks.length], priority: j.priority });
    tasks.push({
      id: j.id,
      kind: 'job',
      unit: units.length - 1,
      loc: locIndex(j.location),
      service: j.service,
      tw,
      twStart: tw[0]!,
      twEnd: tw[tw.length - 1]!,
      depotLoad: del,
      net: pick.map((x, k) => x - del[k]!),
      skills: (j.skills ?? []).map(skill),
      partner: -1,
    });
  }
  for (const s of p.shipments) {
    exactTasks = true;
    const amt = vec(s.amount);
    const u = units.length;
    const t = tasks.length;
    units.push({ id: s.id, type: 'shipment', tasks: [t, t + 1], priority: s.priority });
    const skills = (s.skills ?? []).map(skill);
    for (const [kind, stop, net] of [
      ['pickup', s.pickup, amt],
      ['delivery', s.delivery, amt.map((x) => -x)],
    ] as const) {
      const tw = windowsOf(stop.timeWindows, horizon);
      tasks.push({
        id: s.id,
        kind,
        unit: u,
        loc: locIndex(stop.location),
        service: stop.service,
        tw,
        twStart: tw[0]!,
        twEnd: tw[tw.length - 1]!,
        depotLoad: zero(),
        net: [...net],
        skills,
        partner: kind === 'pickup' ? t + 1 : t,
      });
    }
  }

  const matKeys = new Map<string, number>();
  const costKeys = new Map<string, number>();
  const dur: Float64Array[] = [];
  const dist: Float64Array[] = [];
  const cost: Float64Array[] = [];
  const taskKey = (type: string, id: Id) => `${type}:${id}`;
  const taskByKey = new Map(tasks.map((t, i) => [taskKey(t.kind, t.id), i]));
  const vehicles: CVehicle[] = p.vehicles.map((v) => {
    const mk = `${v.profile}|${v.speedFactor}`;
    if (!matKeys.has(mk)) {
      matKeys.set(mk, dur.length);
      const m = matrices.get(v.profile)!;
      dur.push(extend(m.durations, n0, 1 / v.speedFactor));
      dist.push(extend(m.distances, n0, 1));
    }
    const mat = matKeys.get(mk)!;
    // VROOM's default: cost is travel time in seconds when no rate is given.
    const perHour = v.costPerHour ?? (v.costPerKm === undefined ? 3600 : 0);
    const perKm = v.costPerKm ?? 0;
    const ck = `${mat}|${perHour}|${perKm}`;
    if (!costKeys.has(ck)) {
      costKeys.set(ck, cost.length);
      const c = new Float64Array(n * n);
      const d = dur[mat]!;
      const m = dist[mat]!;
      for (let i = 0; i < c.length; i++) c[i] = (perHour * d[i]!) / 3600 + (perKm * m[i]!) / 1000;
      cost.push(c);
    }
    const breaks = (v.breaks ?? []).map((b) => ({
      id: b.id,
      tw: windowsOf(b.timeWindows, horizon),
      service: b.service,
    }));
    const locked = (v.locked ?? []).map((s) => {
      const t = taskByKey.get(taskKey(s.type, s.id));
      if (t === undefined)
        throw new AppError('invalid_input', `Vehicle ${v.id}: locked ${s.type} ${s.id} does not exist.`);
      return t;
    });
    const capacity = vec(v.capacity);
    // An undeclared capacity in a used dimension means "no limit" only when no capacity is given at all.
    const cap = v.capacity ? capacity : capacity.map(() => Infinity);
    const veh: CVehicle = {
      id: v.id,
      start: v.start ? locIndex(v.start) : n0,
      end: v.end ? locIndex(v.end) : n0,
      hasStart: !!v.start,
      hasEnd: !!v.end,
      shiftStart: v.shift?.[0] ?? 0,
      shiftEnd: v.shift?.[1] ?? horizon,
      capacity: cap,
      skills: new Set((v.skills ?? []).map(skill)),
      breaks,
      maxDuration: v.maxDuration ?? Infinity,
      maxDistance: v.maxDistance ?? Infinity,
      fixedCost: v.fixedCost,
      mat,
      costMat: costKeys.get(ck)!,
      maxTrips: v.maxTrips,
      reloadTime: v.reloadTime,
      locked,
      typeKey: '',
      exact: breaks.length > 0 || v.maxTrips > 1,
    };
    veh.typeKey = JSON.stringify([
      veh.start,
      veh.end,
      veh.shiftStart,
      veh.shiftEnd,
      cap,
      [...veh.skills],
      breaks,
      veh.maxDuration,
      veh.maxDistance,
      veh.fixedCost,
      mat,
      veh.costMat,
      veh.maxTrips,
      veh.reloadTime,
      locked.length ? v.id : 0,
    ]);
    return veh;
  });
  const allCoords: (Coord | undefined)[] = [...coords];
  allCoords.length = n;
  return {
    dims,
    tasks,
    units,
    vehicles,
    n,
    dur,
    dist,
    cost,
    coords: allCoords,
    minimizeVehicles: p.objective.minimizeVehicles,
    balance: p.objective.balance,
    exactTasks,
  };
}

/** Copies an n0×n0 matrix into (n0+1)² with a zero row/column for "no depot" starts and ends. */
function extend(m: Float64Array, n0: number, scale: number): Float64Array {
  const n = n0 + 1;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n0; i++) for (let j = 0; j < n0; j++) out[i * n + j] = m[i * n0 + j]! * scale;
  return out;
}
