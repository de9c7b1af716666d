/**
 * Independent plan checker. It shares no code with the solver: from the problem data and the
 * plan's step order alone it recomputes travel, arrival, waiting, loads, breaks, reloads and cost,
 * and lists every broken rule and every reported number that does not match.
 */
import type { CompiledProblem, CTask } from './compile';
import type { RouteOut, Solution } from './model';

export interface Violation {
  code:
    | 'unknown_vehicle'
    | 'unknown_stop'
    | 'duplicate'
    | 'missing'
    | 'structure'
    | 'location'
    | 'skills'
    | 'precedence'
    | 'time_window'
    | 'break'
    | 'shift'
    | 'max_duration'
    | 'max_distance'
    | 'capacity'
    | 'trips'
    | 'locked'
    | 'mismatch';
  vehicle?: string | number;
  message: string;
}

const TOL = 1e-4;

function firstStart(tw: number[], t: number): number {
  for (let i = 0; i < tw.length; i += 2) if (t <= tw[i + 1]! + TOL) return Math.max(t, tw[i]!);
  return NaN;
}

const near = (a: number, b: number) => Math.abs(a - b) <= TOL * Math.max(1, Math.abs(b));

export function checkSolution(P: CompiledProblem, sol: Solution): Violation[] {
  const out: Violation[] = [];
  const taskOf = new Map<string, number>();
  P.tasks.forEach((t, i) => taskOf.set(`${t.kind}:${t.id}`, i));
  const vehOf = new Map(P.vehicles.map((v, i) => [String(v.id), i]));
  const placed = new Map<number, { v: number; pos: number }>();
  const usedVeh = new Set<number>();
  for (const route of sol.routes) {
    const v = vehOf.get(String(route.vehicle));
    if (v === undefined) {
      out.push({
        code: 'unknown_vehicle',
        vehicle: route.vehicle,
        message: `route for unknown vehicle ${route.vehicle}`,
      });
      continue;
    }
    if (usedVeh.has(v))
      out.push({
        code: 'duplicate',
        vehicle: route.vehicle,
        message: `vehicle ${route.vehicle} has two routes`,
      });
    usedVeh.add(v);
    checkRoute(P, v, route, taskOf, placed, out);
  }
  P.vehicles.forEach((veh, v) => {
    if (veh.locked.length && !usedVeh.has(v))
      out.push({ code: 'locked', vehicle: veh.id, message: `vehicle ${veh.id} lost its locked stops` });
  });
  // Every unit is either served completely or listed as unassigned, never both.
  const listed = new Set(sol.unassigned.map((u) => `${u.type}:${u.id}`));
  for (const u of P.units) {
    const inPlan = u.tasks.filter((t) => placed.has(t)).length;
    const isListed = listed.has(`${u.type}:${u.id}`);
    if (inPlan > 0 && inPlan < u.tasks.length)
      out.push({ code: 'precedence', message: `shipment ${u.id} is only half in the plan` });
    if (inPlan > 0 && isListed)
      out.push({ code: 'duplicate', message: `${u.type} ${u.id} is both planned and unassigned` });
    if (inPlan === 0 && !isListed)
      out.push({ code: 'missing', message: `${u.type} ${u.id} is neither planned nor unassigned` });
  }
  const total = sol.routes.reduce((a, r) => a + r.cost, 0);
  if (!near(sol.summary.cost, total))
    out.push({ code: 'mismatch', message: `summary cost ${sol.summary.cost} ≠ sum of routes ${total}` });
  if (sol.summary.vehicles !== sol.routes.length)
    out.push({ code: 'mismatch', message: 'summary vehicle count is wrong' });
  return out;
}

function checkRoute(
  P: CompiledProblem,
  v: number,
  route: RouteOut,
  taskOf: Map<string, number>,
  placed: Map<number, { v: number; pos: number }>,
  out: Violation[],
): void {
  const veh = P.vehicles[v]!;
  const bad = (code: Violation['code'], message: string) =>
    out.push({ code, vehicle: veh.id, message: `vehicle ${veh.id}: ${message}` });
  const steps = route.steps;
  const n = P.n;
  const dur = P.dur[veh.mat]!;
  const dist = P.dist[veh.mat]!;
  const cost = P.cost[veh.costMat]!;
  const K = P.dims.length;

  // Structure: start/end present exactly when the vehicle has those depots.
  let i = 0;
  if (veh.hasStart) {
    if (steps[0]?.type !== 'start') return void bad('structure', 'route does not begin at its start depot');
    i = 1;
  }
  const last = veh.hasEnd ? steps.length - 1 : steps.length;
  if (veh.hasEnd && steps[last]?.type !== 'end')
    return void bad('structure', 'route does not finish at its end depot');
  const body = steps.slice(i, last);
  if (body.some((s) => s.type === 'start' || s.type === 'end'))
    bad('structure', 'start or end step in the middle of the route');

  // Resolve tasks, skills, duplicates, locks, pickup before delivery.
  const seq: (number | null)[] = body.map((s) => {
    if (s.type === 'break' || s.type === 'reload') return null;
    const t = taskOf.get(`${s.type}:${s.id}`);
    if (t === undefined) {
      bad('unknown_stop', `unknown ${s.type} ${s.id}`);
      return null;
    }
    return t;
  });
  const tasksInOrder = seq.filter((t): t is number => t !== null);
  tasksInOrder.forEach((t, pos) => {
    const task = P.tasks[t]!;
    if (placed.has(t)) bad('duplicate', `${task.kind} ${task.id} is served twice`);
    placed.set(t, { v, pos });
    if (!task.skills.every((s) => veh.skills.has(s)))
      bad('skills', `lacks a skill needed for ${task.kind} ${task.id}`);
    if (task.kind === 'delivery') {
      const p = tasksInOrder.indexOf(task.partner);
      if (p < 0 || p > pos)
        bad('precedence', `delivers shipment ${task.id} without picking it up first on the same vehicle`);
    }
  });
  veh.locked.forEach((t, k) => {
    if (tasksInOrder[k] !== t)
      bad('locked', `locked stop ${k + 1} (${P.tasks[t]!.kind} ${P.tasks[t]!.id}) moved`);
  });

  // Times: leave at the reported departure, then everything follows from the matrix.
  const startTime = steps[0]?.arrival ?? veh.shiftStart;
  if (startTime < veh.shiftStart - TOL) bad('shift', 'leaves before its shift starts');
  let time = startTime;
  let loc = veh.start;
  let distance = 0;
  let c = veh.fixedCost;
  let waiting = 0;
  const breaksTaken = new Set<number>();
  const examine = veh.hasEnd ? steps.slice(i) : [...steps.slice(i), null];
  for (const s of examine) {
    const task =
      s && s.type !== 'break' && s.type !== 'reload' && s.type !== 'end'
        ? taskOf.get(`${s.type}:${s.id}`)
        : undefined;
    let target = loc;
    let service = 0;
    let tw: number[] = [veh.shiftStart, veh.shiftEnd];
    if (s === null || s.type === 'end') target = veh.end;
    else if (s.type === 'reload') {
      target = veh.start;
      service = veh.reloadTime;
    } else if (s.type === 'break') {
      const b = veh.breaks.findIndex((x) => String(x.id) === String(s.id));
      if (b < 0) {
        bad('break', `unknown break ${s.id}`);
        continue;
      }
      if (breaksTaken.has(b)) bad('break', `break ${s.id} taken twice`);
      breaksTaken.add(b);
      tw = veh.breaks[b]!.tw;
      service = veh.breaks[b]!.service;
    } else if (task !== undefined) {
      const t: CTask = P.tasks[task]!;
      target = t.loc;
      service = t.service;
      tw = t.tw;
    } else continue;
    if (s && s.location !== target)
      bad('location', `step ${s.type} ${s.id ?? ''} is reported at the wrong place`);
    const arc = loc * n + target;
    time += dur[arc]!;
    distance += dist[arc]!;
    c += cost[arc]!;
    loc = target;
    const start = firstStart(tw, time);
    if (Number.isNaN(start)) {
      const what =
        s === null || s.type === 'end'
          ? 'shift'
          : s.type === 'break'
            ? 'break'
            : s.type === 'reload'
              ? 'shift'
              : 'time_window';
      bad(
        what,
        `${s ? `${s.type} ${s.id ?? ''}` : 'end'} reached at ${time.toFixed(1)}, after its time window`,
      );
      return;
    }
    if (s && (!near(s.arrival, time) || !near(s.arrival + s.waiting, start))) {
      bad(
        'mismatch',
        `${s.type} ${s.id ?? ''}: reported times ${s.arrival}+${s.waiting} but recomputed ${time}+${start - time}`,
      );
    }
    if (s && !near(s.distance, distance))
      bad('mismatch', `${s.type} ${s.id ?? ''}: reported distance ${s.distance}, recomputed ${distance}`);
    waiting += start - time;
    time = start + service;
  }
  if (tasksInOrder.length > 0 && breaksTaken.size !== veh.breaks.length)
    bad('break', 'not every break is taken');
  const duration = time - startTime;
  if (duration > veh.maxDuration + TOL)
    bad('max_duration', `route lasts ${duration.toFixed(0)} s, over the ${veh.maxDuration} s limit`);
  if (distance > veh.maxDistance + TOL)
    bad('max_distance', `route is ${distance.toFixed(0)} m long, over the ${veh.maxDistance} m limit`);
  if (!near(route.duration, duration))
    bad('mismatch', `reported duration ${route.duration}, recomputed ${duration}`);
  if (!near(route.distance, distance))
    bad('mismatch', `reported distance ${route.distance}, recomputed ${distance}`);
  if (!near(route.cost, c)) bad('mismatch', `reported cost ${route.cost}, recomputed ${c}`);
  if (!near(route.waiting, waiting))
    bad('mismatch', `reported waiting ${route.waiting}, recomputed ${waiting}`);
  checkLoads(P, v, steps, taskOf, bad, K);
}

/** Per trip: leave the depot with that trip's deliveries plus shipments still on board. */
function checkLoads(
  P: CompiledProblem,
  v: number,
  steps: RouteOut['steps'],
  taskOf: Map<string, number>,
  bad: (code: Violation['code'], message: string) => void,
  K: number,
): void {
  const veh = P.vehicles[v]!;
  const trips: number[][] = [[]];
  for (const s of steps) {
    if (s.type === 'reload') trips.push([]);
    const t = taskOf.get(`${s.type}:${s.id}`);
    if (t !== undefined) trips[trips.length - 1]!.push(t);
  }
  if (trips.length > veh.maxTrips) bad('trips', `makes ${trips.length} trips, more than its ${veh.maxTrips}`);
  const onBoardShipments = new Array<number>(K).fill(0);
  let tripNo = 0;
  let load: number[] = [];
  const startTrip = () => {
    const deliveries = trips[tripNo]!.map((t) => P.tasks[t]!).filter((t) => t.kind === 'job');
    load = onBoardShipments.map((x, k) => x + deliveries.reduce((a, t) => a + t.depotLoad[k]!, 0));
  };
  startTrip();
  const within = (where: string) => {
    for (let k = 0; k < K; k++) {
      if (load[k]! > veh.capacity[k]! + TOL)
        bad('capacity', `over capacity in ${P.dims[k]} (${load[k]} > ${veh.capacity[k]}) ${where}`);
      if (load[k]! < -TOL) bad('capacity', `negative load in ${P.dims[k]} ${where}`);
    }
  };
  within('leaving the depot');
  for (const s of steps) {
    if (s.type === 'reload') {
      tripNo++;
      startTrip();
      within('after reloading');
    }
    const t = taskOf.get(`${s.type}:${s.id}`);
    if (t !== undefined) {
      const task = P.tasks[t]!;
      load = load.map((x, k) => x + task.net[k]!);
      if (task.kind !== 'job') for (let k = 0; k < K; k++) onBoardShipments[k]! += task.net[k]!;
      within(`after ${task.kind} ${task.id}`);
    }
    if (s.load.length !== K || s.load.some((x, k) => !near(x, load[k]!))) {
      bad(
        'mismatch',
        `${s.type} ${s.id ?? ''}: reported load ${s.load.join('/')} ≠ recomputed ${load.join('/')}`,
      );
    }
  }
}
