/**
 * Schedules one route exactly as written (a dispatcher's edit may break rules): drive, wait for
 * the window, serve; a stop reached after its window is served late and the lateness recorded
 * instead of stopping there, so every stop gets an ETA. The result is also a solver `RouteOut`
 * that the independent checker recomputes.
 */
import type { CompiledProblem } from '../compile';
import type { RouteOut, Step } from '../model';
import { BREAK_ID } from './problem';

export type Item = { kind: 'task'; task: number } | { kind: 'break' } | { kind: 'reload' };

export interface ItemTimes {
  arrival: number;
  wait: number;
  start: number;
  service: number;
  drive: number;
  leg: number;
  /** Seconds after the window closed (0 when on time). */
  late: number;
}

export interface Schedule {
  route: RouteOut;
  times: ItemTimes[];
  endArrival: number;
  returnDrive: number;
  returnLeg: number;
  /** Seconds past the shift end on return, past the break window, over max duration / distance. */
  shiftOver: number;
  breakOver: number;
  durationOver: number;
  distanceOver: number;
  trips: number;
}

const TOL = 1e-4;

function firstStart(tw: number[], t: number): number {
  for (let i = 0; i < tw.length; i += 2) if (t <= tw[i + 1]! + TOL) return Math.max(t, tw[i]!);
  return NaN;
}

export function simulate(P: CompiledProblem, v: number, items: Item[], startTime: number): Schedule {
  const veh = P.vehicles[v]!;
  const n = P.n;
  const dur = P.dur[veh.mat]!;
  const dist = P.dist[veh.mat]!;
  const cost = P.cost[veh.costMat]!;
  const steps: Step[] = [
    { type: 'start', location: veh.start, arrival: startTime, waiting: 0, service: 0, load: [], distance: 0 },
  ];
  const times: ItemTimes[] = [];
  let loc = veh.start;
  let time = startTime;
  let distance = 0;
  let c = veh.fixedCost;
  let waiting = 0;
  let travel = 0;
  let service = 0;
  let breakOver = 0;
  const drive = (target: number) => {
    const arc = loc * n + target;
    time += dur[arc]!;
    distance += dist[arc]!;
    c += cost[arc]!;
    travel += dur[arc]!;
    loc = target;
    return { drive: dur[arc]!, leg: dist[arc]! };
  };
  for (const item of items) {
    let target = loc;
    let svc = 0;
    let tw = [veh.shiftStart, veh.shiftEnd];
    let step: Pick<Step, 'type' | 'id'>;
    if (item.kind === 'task') {
      const t = P.tasks[item.task]!;
      target = t.loc;
      svc = t.service;
      tw = t.tw;
      step = { type: t.kind, id: t.id };
    } else if (item.kind === 'reload') {
      target = veh.start;
      svc = veh.reloadTime;
      step = { type: 'reload' };
    } else {
      const b = veh.breaks[0]!;
      tw = b.tw;
      svc = b.service;
      step = { type: 'break', id: b.id ?? BREAK_ID };
    }
    const legDistance = distance;
    const { drive: d, leg } = drive(target);
    const arrival = time;
    let start = firstStart(tw, arrival);
    let late = 0;
    if (Number.isNaN(start)) {
      late = arrival - tw[tw.length - 1]!;
      start = arrival;
      if (item.kind === 'break') breakOver = Math.max(breakOver, late);
    }
    waiting += start - arrival;
    if (item.kind === 'task') service += svc;
    time = start + svc;
    steps.push({
      ...step,
      location: target,
      arrival,
      waiting: start - arrival,
      service: svc,
      load: [],
      distance: legDistance + leg,
    });
    times.push({
      arrival,
      wait: start - arrival,
      start,
      service: svc,
      drive: d,
      leg,
      late: item.kind === 'task' ? late : 0,
    });
  }
  const { drive: returnDrive, leg: returnLeg } = drive(veh.end);
  const endArrival = time;
  const endStart = firstStart([veh.shiftStart, veh.shiftEnd], endArrival);
  const shiftOver = Number.isNaN(endStart) ? endArrival - veh.shiftEnd : 0;
  const endTime = Number.isNaN(endStart) ? endArrival : endStart;
  waiting += endTime - endArrival;
  steps.push({
    type: 'end',
    location: veh.end,
    arrival: endArrival,
    waiting: endTime - endArrival,
    service: 0,
    load: [],
    distance,
  });
  const duration = endTime - startTime;
  const trips = 1 + items.filter((i) => i.kind === 'reload').length;
  fillLoads(P, steps, items);
  return {
    route: {
      vehicle: veh.id,
      steps,
      cost: c,
      distance,
      duration,
      travelTime: travel,
      waiting,
      service,
      trips,
    },
    times,
    endArrival,
    returnDrive,
    returnLeg,
    shiftOver,
    breakOver,
    durationOver: Math.max(0, duration - veh.maxDuration),
    distanceOver: Math.max(0, distance - veh.maxDistance),
    trips,
  };
}

/** Load on board after each step; each trip leaves the depot with its own deliveries. */
function fillLoads(P: CompiledProblem, steps: Step[], items: Item[]): void {
  const K = P.dims.length;
  // steps[i + 1] belongs to items[i]; steps[0] is the start, the last step the end.
  const taskAt = (stepIndex: number) => {
    const it = items[stepIndex - 1];
    return it?.kind === 'task' ? P.tasks[it.task]! : undefined;
  };
  const onBoard = new Array<number>(K).fill(0);
  let load: number[] = [];
  const tripStart = (from: number) => {
    load = [...onBoard];
    for (let i = from; i < steps.length && steps[i]!.type !== 'reload'; i++) {
      const t = taskAt(i);
      if (t?.kind === 'job') t.depotLoad.forEach((x, k) => (load[k]! += x));
    }
  };
  tripStart(1);
  steps.forEach((s, i) => {
    if (s.type === 'reload') tripStart(i + 1);
    const task = taskAt(i);
    if (task) {
      load = load.map((x, k) => x + task.net[k]!);
      if (task.kind !== 'job') task.net.forEach((x, k) => (onBoard[k]! += x));
    }
    s.load = [...load];
  });
}

/** Seconds of broken rules, for choosing where a break or reload goes: lower is better. */
export function badness(s: Schedule): number {
  return (
    s.times.reduce((a, t) => a + t.late, 0) + s.shiftOver + s.breakOver + s.durationOver + s.distanceOver
  );
}

/**
 * Builds a route's items from its tasks when no solver layout fits: reloads as late as the
 * capacity allows (multi-trip vehicles), then the break where it breaks the fewest rules.
 */
export function layoutItems(P: CompiledProblem, v: number, tasks: number[]): Item[] {
  const veh = P.vehicles[v]!;
  const withReloads: Item[] = [];
  let trip: number[] = [];
  let trips = 1;
  for (const t of tasks) {
    if (trip.length && trips < veh.maxTrips && !tripFits(P, v, [...trip, t])) {
      withReloads.push({ kind: 'reload' });
      trips++;
      trip = [];
    }
    trip.push(t);
    withReloads.push({ kind: 'task', task: t });
  }
  if (!veh.breaks.length || !tasks.length) return withReloads;
  let best: Item[] = withReloads;
  let bestScore = Infinity;
  for (const pos of breakCandidates(P, v, withReloads)) {
    const items = [...withReloads.slice(0, pos), { kind: 'break' } as Item, ...withReloads.slice(pos)];
    const s = startAdjusted(P, v, items);
    const score = badness(s) * 1e6 + s.route.duration;
    if (score < bestScore) {
      bestScore = score;
      best = items;
    }
  }
  return best;
}

const MAX_BREAK_CANDIDATES = 48;

/**
 * Where a break could go. Inserting it at position p leaves everything before p as it was, so one
 * schedule without the break says when the driver would be free at each position and where they
 * would wait anyway. The useful places are those free within (or just before) the break window,
 * and any place before a wait that ends in time (the break fills the wait; the solver puts it
 * there too, so a plan re-read from its stop order keeps its times). Long routes are sampled,
 * so a dispatcher's edit is evaluated in time linear in the route, not quadratic.
 */
function breakCandidates(P: CompiledProblem, v: number, items: Item[]): number[] {
  const tw = P.vehicles[v]!.breaks[0]!.tw;
  const [from, to] = [tw[0]!, tw[tw.length - 1]!];
  const plain = startAdjusted(P, v, items);
  const freeAt = [plain.route.steps[0]!.arrival, ...plain.times.map((t) => t.start + t.service)];
  const beforeWait = freeAt.flatMap((t, pos) => ((plain.times[pos]?.wait ?? 0) > 0 && t <= to ? [pos] : []));
  const near = freeAt.flatMap((t, pos) => (t <= to && t >= from - 2 * 3600 ? [pos] : []));
  const lastInTime = freeAt.reduce((acc, t, pos) => (t <= to ? pos : acc), 0);
  const must = [...new Set([0, lastInTime, items.length, ...beforeWait])];
  const all = [...new Set([...must, ...near])];
  if (all.length <= MAX_BREAK_CANDIDATES) return all;
  const rest = near.filter((p) => !must.includes(p));
  const room = Math.max(0, MAX_BREAK_CANDIDATES - must.length);
  const step = rest.length / Math.max(1, room);
  return [
    ...new Set([
      ...must.slice(0, MAX_BREAK_CANDIDATES),
      ...Array.from({ length: room }, (_, i) => rest[Math.floor(i * step)]!),
    ]),
  ];
}

function tripFits(P: CompiledProblem, v: number, trip: number[]): boolean {
  const veh = P.vehicles[v]!;
  const K = P.dims.length;
  const load = new Array<number>(K).fill(0);
  for (const t of trip)
    if (P.tasks[t]!.kind === 'job') P.tasks[t]!.depotLoad.forEach((x, k) => (load[k]! += x));
  const within = () => load.every((x, k) => x <= veh.capacity[k]! + TOL);
  if (!within()) return false;
  for (const t of trip) {
    P.tasks[t]!.net.forEach((x, k) => (load[k]! += x));
    if (!within()) return false;
  }
  return true;
}

/**
 * Leaves at the shift start, or later by the wait at the first stop: the first service starts
 * at the same moment, so nothing after it moves, and the driver does not sit at the kerb.
 */
export function startAdjusted(P: CompiledProblem, v: number, items: Item[]): Schedule {
  const shiftStart = P.vehicles[v]!.shiftStart;
  const first = simulate(P, v, items, shiftStart);
  const wait = items[0]?.kind === 'task' ? (first.times[0]?.wait ?? 0) : 0;
  return wait > 0 ? simulate(P, v, items, shiftStart + wait) : first;
}
