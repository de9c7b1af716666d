/**
 * Cheapest feasible insertion of orders into given routes, with the solver's own scheduler
 * (`solver/schedule.ts`: time windows, shifts, breaks, capacity, reloads, skills, pairs): what
 * dispatch ranks candidates by, and how a cancelled route's orders go into the day's other routes.
 * The routes are given by the caller (dispatch keeps the day as it is being run), so nothing here
 * reads or changes the plan draft.
 */
import type { Readable } from '../../db/connection';
import { prepareProblem, type CompiledProblem } from '../compile';
import { schedule, type ScheduleFailure } from '../solver/schedule';
import type { MatrixCache } from './matrix-cache';
import { loadDay } from './plan-service';
import { buildProblem } from './problem';

export interface RouteOrders {
  vehicleId: string;
  orderIds: string[];
}

export interface InsertionOption {
  vehicleId: string;
  /** Where the order goes in the route's order list. */
  position: number;
  /** Minutes the route gets longer. */
  addedMin: number;
  /** The solver's cost added (its objective's units). */
  addedCost: number;
}

export interface Placement extends InsertionOption {
  orderId: string;
}

export type NotPlaced = { orderId: string; reason: 'no_other_route' | 'does_not_fit'; failure: ScheduleFailure | null };

interface Day {
  P: CompiledProblem;
  /** Route index per vehicle id, in the compiled problem. */
  routeOf: Map<string, number>;
  seqs: number[][];
  taskOf(orderId: string): number | undefined;
  orderOfTask: string[];
}

async function compileDay(
  db: Readable,
  siteId: string,
  timeZone: string,
  matrices: MatrixCache,
  date: string,
  routes: RouteOrders[],
  orderIds: string[],
): Promise<Day> {
  const day = await loadDay(db, siteId, date);
  const vehicles = new Map(day.vehicles.map((v) => [v.id, v]));
  const usable = routes.filter((r) => vehicles.has(r.vehicleId));
  const wanted = new Set([...usable.flatMap((r) => r.orderIds), ...orderIds]);
  const orders = day.orders.filter((o) => wanted.has(o.id));
  const built = buildProblem(
    day,
    orders,
    usable.map((r) => ({ vehicle: vehicles.get(r.vehicleId)!, driver: null })),
    timeZone,
  );
  const P = await prepareProblem(built.problem, { provider: matrices.forSettings(day.settings).provider });
  const index = new Map(P.tasks.map((t, i) => [`${t.kind}:${t.id}`, i]));
  const taskOf = (orderId: string) => {
    const ref = built.taskOf.get(orderId);
    return ref ? index.get(`${ref.type}:${ref.id}`) : undefined;
  };
  const orderOfTask = P.tasks.map((t) => built.orderOfTask.get(`${t.kind}:${t.id}`) ?? '');
  const seqs = usable.map((r) => r.orderIds.flatMap((id) => taskOf(id) ?? []));
  return { P, routeOf: new Map(usable.map((r, i) => [r.vehicleId, i])), seqs, taskOf, orderOfTask };
}

/** The cheapest place for the tasks (one job, or a pickup then its delivery) on route v. */
function bestOn(d: Day, v: number, tasks: number[]): { seq: number[]; cost: number; minutes: number } | { failure: ScheduleFailure | null } {
  const seq = d.seqs[v]!;
  const base = schedule(d.P, v, seq);
  if (!base.ok) return { failure: base.failure ?? null };
  let best: { seq: number[]; cost: number; minutes: number } | null = null;
  let failure: ScheduleFailure | null = null;
  const tryIt = (next: number[]) => {
    const s = schedule(d.P, v, next);
    if (!s.ok) failure = s.failure ?? failure;
    else if (!best || s.cost - base.cost < best.cost)
      best = { seq: next, cost: s.cost - base.cost, minutes: (s.duration - base.duration) / 60 };
  };
  for (let i = 0; i <= seq.length; i++) {
    const head = [...seq.slice(0, i), tasks[0]!];
    if (tasks.length === 1) tryIt([...head, ...seq.slice(i)]);
    else for (let j = i; j <= seq.length; j++) tryIt([...head, ...seq.slice(i, j), tasks[1]!, ...seq.slice(j)]);
  }
  return best ?? { failure };
}

/** The tasks of the unit an order belongs to (its pair partner too), if the order is known. */
function unitTasks(d: Day, orderId: string): number[] | undefined {
  const t = d.taskOf(orderId);
  return t === undefined ? undefined : d.P.units[d.P.tasks[t]!.unit]!.tasks;
}

/** Every route that can take each order, cheapest first (routes unchanged). */
export async function insertionCosts(
  db: Readable,
  siteId: string,
  timeZone: string,
  matrices: MatrixCache,
  date: string,
  routes: RouteOrders[],
  orderIds: string[],
): Promise<Map<string, InsertionOption[]>> {
  const d = await compileDay(db, siteId, timeZone, matrices, date, routes, orderIds);
  const out = new Map<string, InsertionOption[]>();
  for (const orderId of orderIds) {
    const tasks = unitTasks(d, orderId);
    const options: InsertionOption[] = [];
    if (tasks)
      for (const [vehicleId, v] of d.routeOf) {
        const b = bestOn(d, v, tasks);
        if ('seq' in b)
          options.push({ vehicleId, position: b.seq.indexOf(tasks[0]!), addedMin: round(b.minutes), addedCost: b.cost });
      }
    out.set(orderId, options.sort((a, b) => a.addedCost - b.addedCost));
  }
  return out;
}

/**
 * Puts the orders one by one (in the order given) where each adds least; an order no route can
 * take is returned with the scheduler's reason. Placements are in the order they were made, each
 * position counted in its route as it was then (pickup and delivery of a pair are two).
 */
export async function reinsert(
  db: Readable,
  siteId: string,
  timeZone: string,
  matrices: MatrixCache,
  date: string,
  routes: RouteOrders[],
  orderIds: string[],
): Promise<{ placed: Placement[]; notPlaced: NotPlaced[] }> {
  const d = await compileDay(db, siteId, timeZone, matrices, date, routes, orderIds);
  const placed: Placement[] = [];
  const notPlaced: NotPlaced[] = [];
  const done = new Set<string>();
  for (const orderId of orderIds) {
    if (done.has(orderId)) continue;
    // A pair's other half already on a route stays where it is.
    const tasks = unitTasks(d, orderId)?.filter((t) => !d.seqs.some((s) => s.includes(t)));
    if (!tasks?.length || d.routeOf.size === 0) {
      notPlaced.push({ orderId, reason: 'no_other_route', failure: null });
      continue;
    }
    let best: { v: number; vehicleId: string; seq: number[]; cost: number; minutes: number } | null = null;
    let failure: ScheduleFailure | null = null;
    for (const [vehicleId, v] of d.routeOf) {
      const b = bestOn(d, v, tasks);
      if ('seq' in b) {
        if (!best || b.cost < best.cost) best = { v, vehicleId, ...b };
      } else failure = b.failure ?? failure;
    }
    const orders = tasks.map((t) => d.orderOfTask[t]!);
    if (!best) {
      for (const id of orders) if (orderIds.includes(id)) notPlaced.push({ orderId: id, reason: 'does_not_fit', failure });
    } else {
      const old = d.seqs[best.v]!;
      let seq = old;
      for (const t of tasks) {
        const position = best.seq.filter((x) => seq.includes(x) || x === t).indexOf(t);
        seq = [...seq.slice(0, position), t, ...seq.slice(position)];
        placed.push({
          orderId: d.orderOfTask[t]!,
          vehicleId: best.vehicleId,
          position,
          addedMin: round(best.minutes),
          addedCost: best.cost,
        });
      }
      d.seqs[best.v] = best.seq;
    }
    for (const id of orders) done.add(id);
  }
  return { placed, notPlaced };
}

const round = (x: number) => Math.round(x * 10) / 10;
