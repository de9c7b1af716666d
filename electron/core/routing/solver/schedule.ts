/**
 * Step-by-step timing of one vehicle's task sequence: decides where reloads and breaks go, picks
 * each stop's time window, then starts as late as possible so the route is as short as it can be.
 * The solver uses it for vehicles with breaks or reloads (segment arithmetic cannot place those),
 * to verify moves on problems with several windows or shipments, and to write every answer.
 */
import type { CompiledProblem } from '../compile';

export const EPS = 1e-6;

export type ScheduleFailure =
  'capacity' | 'time_window' | 'breaks' | 'shift' | 'max_duration' | 'max_distance' | 'skills' | 'precedence';

export interface Item {
  kind: 'start' | 'task' | 'break' | 'reload' | 'end';
  /** Task index, break index, or -1. */
  ref: number;
  loc: number;
  /** Travel time from the previous item. */
  travel: number;
  travelDist: number;
  arrival: number;
  start: number;
  service: number;
  winStart: number;
  winEnd: number;
}

export interface Schedule {
  ok: boolean;
  failure?: ScheduleFailure;
  items: Item[];
  cost: number;
  distance: number;
  travel: number;
  duration: number;
  waiting: number;
  service: number;
  trips: number;
}

const FAIL = (failure: ScheduleFailure): Schedule => ({
  ok: false,
  failure,
  items: [],
  cost: Infinity,
  distance: 0,
  travel: 0,
  duration: 0,
  waiting: 0,
  service: 0,
  trips: 0,
});

/** First window of a flat [s,e,…] list that can still be started at time t; NaN if none. */
export function windowFor(tw: number[], t: number): number {
  for (let i = 0; i < tw.length; i += 2) if (tw[i + 1]! + EPS >= t) return i;
  return NaN;
}

/** Where the vehicle must go back to reload: indices i meaning "reload before tasks[i]". */
function planTrips(P: CompiledProblem, v: number, tasks: number[]): number[] | ScheduleFailure {
  const veh = P.vehicles[v]!;
  const K = P.dims.length;
  const cap = veh.capacity;
  const carry = new Array<number>(K).fill(0);
  const del = new Array<number>(K).fill(0);
  const cum = new Array<number>(K).fill(0);
  const maxPre = new Array<number>(K).fill(0);
  const inTransit = new Array<number>(K).fill(0);
  const reloads: number[] = [];
  const fits = (t: number): boolean => {
    const task = P.tasks[t]!;
    for (let k = 0; k < K; k++) {
      const c = cum[k]! + task.net[k]!;
      if (carry[k]! + del[k]! + task.depotLoad[k]! + Math.max(maxPre[k]!, c) > cap[k]! + EPS) return false;
    }
    return true;
  };
  let inTrip = 0;
  for (let i = 0; i < tasks.length; i++) {
    const t = tasks[i]!;
    if (!fits(t)) {
      if (reloads.length + 1 >= veh.maxTrips || inTrip === 0) return 'capacity';
      reloads.push(i);
      // Single-job pickups are unloaded at the depot; shipments stay on board until delivered.
      for (let k = 0; k < K; k++) {
        carry[k] = inTransit[k]!;
        del[k] = cum[k] = maxPre[k] = 0;
      }
      inTrip = 0;
      if (!fits(t)) return 'capacity';
    }
    const task = P.tasks[t]!;
    for (let k = 0; k < K; k++) {
      del[k]! += task.depotLoad[k]!;
      cum[k]! += task.net[k]!;
      maxPre[k] = Math.max(maxPre[k]!, cum[k]!);
      if (task.kind !== 'job') inTransit[k]! += task.net[k]!;
    }
    inTrip++;
  }
  return reloads;
}

function checkStatic(P: CompiledProblem, v: number, tasks: number[]): ScheduleFailure | null {
  const veh = P.vehicles[v]!;
  const seen = new Set<number>();
  for (const t of tasks) {
    const task = P.tasks[t]!;
    for (const s of task.skills) if (!veh.skills.has(s)) return 'skills';
    if (task.kind === 'delivery' && !seen.has(task.partner)) return 'precedence';
    if (task.kind === 'pickup' && !tasks.includes(task.partner)) return 'precedence';
    seen.add(t);
  }
  return null;
}

export function schedule(P: CompiledProblem, v: number, tasks: number[]): Schedule {
  const veh = P.vehicles[v]!;
  if (tasks.length === 0 && veh.locked.length === 0) {
    return {
      ok: true,
      items: [],
      cost: 0,
      distance: 0,
      travel: 0,
      duration: 0,
      waiting: 0,
      service: 0,
      trips: 0,
    };
  }
  const bad = checkStatic(P, v, tasks);
  if (bad) return FAIL(bad);
  const reloads = planTrips(P, v, tasks);
  if (typeof reloads === 'string') return FAIL(reloads);
  const n = P.n;
  const dur = P.dur[veh.mat]!;
  const dist = P.dist[veh.mat]!;
  const cost = P.cost[veh.costMat]!;

  // Pass 1: earliest times, greedy breaks (take one when deferring it past the next stop would
  // be too late, or when it fits in the wait before the next stop).
  const items: Item[] = [];
  const mk = (
    kind: Item['kind'],
    ref: number,
    loc: number,
    service: number,
    tw: number[],
  ): Item & { tw: number[] } => ({
    kind,
    ref,
    loc,
    travel: 0,
    travelDist: 0,
    arrival: 0,
    start: 0,
    service,
    winStart: 0,
    winEnd: 0,
    tw,
  });
  const shiftTw = [veh.shiftStart, veh.shiftEnd];
  const stops: (Item & { tw: number[] })[] = [];
  let r = 0;
  tasks.forEach((t, i) => {
    if (reloads[r] === i) {
      stops.push(mk('reload', -1, veh.start, veh.reloadTime, shiftTw));
      r++;
    }
    const task = P.tasks[t]!;
    stops.push(mk('task', t, task.loc, task.service, task.tw));
  });
  stops.push(mk('end', -1, veh.end, 0, shiftTw));

  let time = veh.shiftStart;
  let loc = veh.start;
  items.push({
    ...mk('start', -1, loc, 0, shiftTw),
    arrival: time,
    start: time,
    winStart: veh.shiftStart,
    winEnd: veh.shiftEnd,
  });
  let bi = 0;
  for (const s of stops) {
    const tt = dur[loc * n + s.loc]!;
    while (bi < veh.breaks.length) {
      const b = veh.breaks[bi]!;
      const wNow = windowFor(b.tw, time);
      if (Number.isNaN(wNow)) return FAIL('breaks');
      const bStart = Math.max(time, b.tw[wNow]!);
      const arrive = time + tt;
      const ws = windowFor(s.tw, arrive);
      const sStart = Number.isNaN(ws) ? Infinity : Math.max(arrive, s.tw[ws]!);
      const mustTake = s.kind === 'end' || Number.isNaN(windowFor(b.tw, sStart + s.service));
      const free = bStart + b.service + tt <= sStart + EPS;
      if (!mustTake && !free) break;
      items.push({
        ...mk('break', bi, loc, b.service, b.tw),
        arrival: time,
        start: bStart,
        winStart: b.tw[wNow]!,
        winEnd: b.tw[wNow + 1]!,
      });
      time = bStart + b.service;
      bi++;
    }
    time += tt;
    const w = windowFor(s.tw, time);
    if (Number.isNaN(w)) return FAIL(s.kind === 'end' || s.kind === 'reload' ? 'shift' : 'time_window');
    const start = Math.max(time, s.tw[w]!);
    items.push({
      ...s,
      travel: tt,
      travelDist: dist[loc * n + s.loc]!,
      arrival: time,
      start,
      winStart: s.tw[w]!,
      winEnd: s.tw[w + 1]!,
    });
    time = start + s.service;
    loc = s.loc;
  }

  // Pass 2: latest start of every item that keeps the same end time, then leave as late as that allows.
  const m = items.length;
  const latest = new Float64Array(m);
  latest[m - 1] = items[m - 1]!.start;
  for (let k = m - 2; k >= 0; k--) {
    const it = items[k]!;
    latest[k] = Math.min(it.winEnd, latest[k + 1]! - items[k + 1]!.travel - it.service);
  }
  time = Math.max(veh.shiftStart, latest[0]!);
  let travel = 0;
  let distance = 0;
  let c = 0;
  let waiting = 0;
  let service = 0;
  let prevLoc = veh.start;
  for (let k = 0; k < m; k++) {
    const it = items[k]!;
    if (k > 0) {
      time += it.travel;
      travel += it.travel;
      distance += it.travelDist;
      c += cost[prevLoc * n + it.loc]!;
      it.arrival = time;
    } else {
      it.arrival = time;
    }
    it.start = Math.max(time, it.winStart);
    waiting += it.start - time;
    service += it.service;
    time = it.start + it.service;
    prevLoc = it.loc;
  }
  const duration = items[m - 1]!.start - items[0]!.start;
  if (duration > veh.maxDuration + EPS) return FAIL('max_duration');
  if (distance > veh.maxDistance + EPS) return FAIL('max_distance');
  return {
    ok: true,
    items,
    cost: c + veh.fixedCost,
    distance,
    travel,
    duration,
    waiting,
    service,
    trips: reloads.length + 1,
  };
}
