/**
 * Evaluates a day's plan as the dispatcher has it: schedules every route as written, marks each
 * broken rule on the stop (or route) it belongs to, then has the independent checker recompute
 * every route; anything the checker finds that the schedule missed is reported too, so a plan is
 * never shown as clean when the checker disagrees.
 */
import type { Plan, PlanRoute, PlanViolation, Vehicle, ViolationCode } from '@shared/contract';
import { checkSolution, type Violation } from '../checker';
import { prepareProblem, type CompiledProblem } from '../compile';
import type { RouteOut, Solution } from '../model';
import type { Logger } from '../../log';
import type { MatrixCache } from './matrix-cache';
import type { StoredReasons, StoredRoute } from './plans-repo';
import { buildProblem, NO_LIMIT, type BuiltProblem, type DayData } from './problem';
import { round, summarise, toPlanRoute } from './plan-view';
import { layoutItems, startAdjusted, type Item, type Schedule } from './route-schedule';

export interface EvaluateInput {
  day: DayData;
  routes: StoredRoute[];
  reasons: StoredReasons;
  meta: Pick<Plan, 'revision' | 'status' | 'version' | 'updatedAt'>;
}

export interface Evaluated {
  plan: Plan;
  /** The routes with the layout actually evaluated (breaks and reloads placed). */
  routes: StoredRoute[];
  /** What the independent checker found (already folded into the plan's violations). */
  checker: Violation[];
}

/**
 * What an evaluator keeps between evaluations of the same day: the compiled problem (rebuilt
 * when the day's orders, vehicles, drivers or settings change) and each route's result (reused
 * while the route, its vehicle and driver, and where its paired and duplicated orders are, stay
 * the same). A manual edit touches one or two routes, so only those are scheduled and checked.
 */
export class EvalSession {
  day: { key: string; built: BuiltProblem; P: CompiledProblem; taskIndex: Map<string, number> } | null = null;
  readonly routes = new Map<string, RouteResult>();
}

interface RouteResult {
  planRoute: PlanRoute;
  out: StoredRoute;
  /** The route as the checker reads it (null when it has no stops). */
  sol: RouteOut | null;
  /** What the independent checker found on this route. */
  found: Violation[];
}

/** Routes kept per session beyond the current plan's (old ones go first). */
const ROUTE_CACHE = 2000;

export async function evaluatePlan(
  input: EvaluateInput,
  deps: { timeZone: string; matrices: MatrixCache; logger: Logger; session?: EvalSession },
): Promise<Evaluated> {
  const { day } = input;
  const vehicles = new Map(day.vehicles.map((v) => [v.id, v]));
  const drivers = new Map(day.drivers.map((d) => [d.id, d]));
  const routes = withIdleVehicles(
    input.routes.filter((r) => vehicles.has(r.vehicleId)),
    day.vehicles,
  );
  const uses = routes.map((r) => ({
    vehicle: vehicles.get(r.vehicleId)!,
    driver: drivers.get(r.driverId ?? '') ?? null,
  }));
  const session = deps.session ?? new EvalSession();
  const matrices = deps.matrices.forSettings(day.settings);
  const dayKey = JSON.stringify([day, uses.map((u) => [u.vehicle.id, u.driver?.id ?? null]), deps.timeZone]);
  if (session.day?.key !== dayKey) {
    session.day = null;
    session.routes.clear();
    const built = buildProblem(day, day.orders, uses, deps.timeZone);
    const P = await prepareProblem(built.problem, { provider: matrices.provider });
    const taskIndex = new Map(P.tasks.map((t, i) => [`${t.kind}:${t.id}`, i]));
    const model = { key: dayKey, built, P, taskIndex };
    // An estimate standing in for a failed routing server is not kept: the next edit retries.
    if (!matrices.fallback) session.day = model;
    return assemble(input, deps, session, model, routes, matrices);
  }
  return assemble(input, deps, session, session.day, routes, matrices);
}

function assemble(
  input: EvaluateInput,
  deps: { logger: Logger },
  session: EvalSession,
  model: NonNullable<EvalSession['day']>,
  routes: StoredRoute[],
  matrices: ReturnType<MatrixCache['forSettings']>,
): Evaluated {
  const { day } = input;
  const { built, P, taskIndex } = model;
  const vehicles = new Map(day.vehicles.map((v) => [v.id, v]));
  const drivers = new Map(day.drivers.map((d) => [d.id, d]));

  // Where each order is, to flag duplicates and split pairs.
  const placedOn = new Map<string, number>();
  const duplicates = new Set<string>();
  routes.forEach((r, ri) =>
    r.orderIds.forEach((id) => {
      if (placedOn.has(id)) duplicates.add(`${ri}:${id}`);
      else placedOn.set(id, ri);
    }),
  );

  const outRoutes: StoredRoute[] = [];
  const checker: Violation[] = [];
  const planRoutes: PlanRoute[] = routes.map((r, ri) => {
    // Everything a route's result depends on besides the day: itself, and for each of its orders
    // whether it is a duplicate and whether its paired order is on the same route.
    const cross = r.orderIds
      .map((id) => {
        if (duplicates.has(`${ri}:${id}`)) return 'd';
        const pair = built.ordersById.get(id)?.pairedOrderId;
        return pair ? (placedOn.get(pair) === ri ? 's' : 'x') : '.';
      })
      .join('');
    const key = JSON.stringify([
      ri,
      r.vehicleId,
      r.driverId,
      r.orderIds,
      r.locked,
      r.lockedStops,
      r.layout,
      cross,
    ]);
    let res = session.routes.get(key);
    if (res) session.routes.delete(key);
    else res = evaluateRoute(r, ri);
    session.routes.set(key, res);
    outRoutes.push(res.out);
    checker.push(...res.found);
    return res.planRoute;
  });
  for (const k of session.routes.keys()) {
    if (session.routes.size <= ROUTE_CACHE) break;
    session.routes.delete(k);
  }

  function evaluateRoute(r: StoredRoute, ri: number): RouteResult {
    const vehicle = vehicles.get(r.vehicleId)!;
    const driver = r.driverId ? (drivers.get(r.driverId) ?? null) : null;
    const routeViolations: PlanViolation[] = [];
    const stopViolations = new Map<string, PlanViolation[]>();
    const flag = (orderId: string, v: PlanViolation) => {
      stopViolations.set(orderId, [...(stopViolations.get(orderId) ?? []), { ...v, orderId }]);
    };
    const orderIds: string[] = [];
    for (const id of r.orderIds) {
      if (!built.ordersById.has(id)) {
        routeViolations.push({
          code: 'unknown_order',
          orderId: id,
          message: `Order ${id} is not an order of ${day.date}.`,
        });
      } else if (duplicates.has(`${ri}:${id}`)) {
        routeViolations.push({
          code: 'duplicate',
          orderId: id,
          message: `${label(built, id)} is on the plan twice.`,
        });
      } else orderIds.push(id);
    }
    const tasks = orderIds.map((id) => taskIndex.get(taskKey(built, id))!);
    const items = itemsFor(P, ri, r, orderIds, tasks);
    const schedule = startAdjusted(P, ri, items);
    const out = { ...r, orderIds, layout: layoutOf(items, P, built) };

    // Per-stop rules.
    const crew = new Set([...vehicle.skills, ...(driver?.skills ?? [])]);
    orderIds.forEach((id, pos) => {
      const o = built.ordersById.get(id)!;
      const t = schedule.times[itemIndexOfTask(items, pos)]!;
      if (t.late > 0)
        flag(id, {
          code: 'late',
          minutesOver: Math.max(1, Math.round(t.late / 60)),
          message: `Arrives ${Math.max(1, Math.round(t.late / 60))} min after its time window closes.`,
        });
      for (const s of o.skills)
        if (!crew.has(s))
          flag(id, {
            code: 'skill',
            skill: s,
            message: `Needs ${s}, which ${vehicle.name} and its driver do not have.`,
          });
      const partner = o.pairedOrderId ? built.ordersById.get(o.pairedOrderId) : undefined;
      const ref = built.taskOf.get(id);
      if (partner && ref && ref.type !== 'job') {
        const where = placedOn.get(partner.id);
        if (where !== ri)
          flag(id, {
            code: 'pair_split',
            message: `${o.reference} and ${partner.reference} must travel on the same vehicle.`,
          });
        else if (ref.type === 'delivery' && orderIds.indexOf(partner.id) > pos)
          flag(id, { code: 'precedence', message: `Delivered before its pickup ${partner.reference}.` });
      }
    });
    capacityFlags(P, ri, items, schedule, orderIds, vehicle, flag);

    // Route-level rules.
    if (orderIds.length) {
      if (!vehicle.available)
        routeViolations.push({
          code: 'vehicle_unavailable',
          message: vehicle.active
            ? `${vehicle.name} is marked away on ${day.date}.`
            : `${vehicle.name} is out of service.`,
        });
      if (driver && !driver.available)
        routeViolations.push({
          code: 'driver_unavailable',
          message: driver.active
            ? `${driver.name} is marked away on ${day.date}.`
            : `${driver.name} no longer drives.`,
        });
      if (schedule.shiftOver > 0)
        routeViolations.push({
          code: 'shift_end',
          minutesOver: Math.max(1, Math.round(schedule.shiftOver / 60)),
          message: `Returns ${Math.max(1, Math.round(schedule.shiftOver / 60))} min after the shift ends.`,
        });
      if (schedule.breakOver > 0)
        routeViolations.push({
          code: 'break',
          minutesOver: Math.round(schedule.breakOver / 60),
          message: 'The break cannot be taken within its time window.',
        });
      if (schedule.durationOver > 0)
        routeViolations.push({
          code: 'max_duration',
          minutesOver: Math.max(1, Math.round(schedule.durationOver / 60)),
          message: `The route lasts ${Math.max(1, Math.round(schedule.durationOver / 60))} min longer than allowed.`,
        });
      if (schedule.distanceOver > 0)
        routeViolations.push({
          code: 'max_distance',
          amount: round(schedule.route.distance / 1000, 1),
          limit: vehicle.maxDistanceKm ?? undefined,
          message: `The route is ${round(schedule.distanceOver / 1000, 1)} km longer than allowed.`,
        });
      if (schedule.trips > vehicle.maxTrips)
        routeViolations.push({
          code: 'trips',
          amount: schedule.trips,
          limit: vehicle.maxTrips,
          message: `Makes ${schedule.trips} trips; ${vehicle.name} may make ${vehicle.maxTrips}.`,
        });
    }
    const planRoute = toPlanRoute(
      r,
      vehicle,
      driver,
      items,
      schedule,
      built,
      routeViolations,
      stopViolations,
      day,
    );
    const sol = orderIds.length ? schedule.route : null;
    const found = sol ? crossCheck(P, sol, planRoute, deps.logger) : [];
    return { planRoute, out, sol, found };
  }

  // Unassigned: everything not on a route, with the solver's reason when it gave one.
  const unassigned = day.orders
    .filter((o) => !placedOn.has(o.id))
    .map((o) => {
      const r = input.reasons[o.id] ?? { reason: 'not_planned' as const, message: 'Not on any route yet.' };
      return { orderId: o.id, reason: r.reason, message: r.message };
    });

  const summary = summarise(planRoutes, unassigned.length);
  const plan: Plan = {
    date: day.date,
    ...input.meta,
    routes: planRoutes,
    unassigned,
    summary,
    feasible: summary.violations === 0,
    depot: day.settings.depot,
    matrix: matrices.fallback ? 'haversine' : day.settings.osrmUrl ? 'osrm' : 'haversine',
    ...(matrices.fallback ? { matrixNote: matrices.fallback.note } : {}),
  };
  return { plan, routes: outRoutes.filter((r) => r.orderIds.length || r.driverId || r.locked), checker };
}

/** Every vehicle available that day gets a route, empty if unused, so a stop can be dragged onto it. */
function withIdleVehicles(routes: StoredRoute[], vehicles: Vehicle[]): StoredRoute[] {
  const seen = new Set(routes.map((r) => r.vehicleId));
  const idle = vehicles
    .filter((v) => v.available && !seen.has(v.id))
    .map((v) => ({ vehicleId: v.id, driverId: null, orderIds: [], locked: false, lockedStops: 0 }));
  return [...routes, ...idle];
}

function taskKey(b: BuiltProblem, orderId: string): string {
  const t = b.taskOf.get(orderId)!;
  return `${t.type}:${t.id}`;
}

function label(b: BuiltProblem, orderId: string): string {
  return b.ordersById.get(orderId)?.reference ?? orderId;
}

/** The stored solver layout when it still matches the route's orders, else a fresh one. */
function itemsFor(
  P: CompiledProblem,
  v: number,
  r: StoredRoute,
  orderIds: string[],
  tasks: number[],
): Item[] {
  if (r.layout) {
    const ids = r.layout.filter((x): x is string => typeof x === 'string');
    const breaks = r.layout.filter((x) => typeof x !== 'string' && 'break' in x).length;
    const fits =
      ids.length === orderIds.length &&
      ids.every((id, i) => id === orderIds[i]) &&
      breaks === (P.vehicles[v]!.breaks.length && orderIds.length ? 1 : 0);
    if (fits) {
      let k = 0;
      return r.layout.map((x) =>
        typeof x === 'string'
          ? { kind: 'task', task: tasks[k++]! }
          : 'break' in x
            ? { kind: 'break' }
            : { kind: 'reload' },
      );
    }
  }
  return layoutItems(P, v, tasks);
}

function layoutOf(items: Item[], P: CompiledProblem, b: BuiltProblem): StoredRoute['layout'] {
  return items.map((it) => {
    if (it.kind === 'break') return { break: true as const };
    if (it.kind === 'reload') return { reload: true as const };
    const t = P.tasks[it.task]!;
    return b.orderOfTask.get(`${t.kind}:${t.id}`)!;
  });
}

function itemIndexOfTask(items: Item[], pos: number): number {
  let k = -1;
  for (let i = 0; i < items.length; i++) if (items[i]!.kind === 'task' && ++k === pos) return i;
  return -1;
}

/** Over capacity: per dimension and trip, flag the stop at which the load first goes over. */
function capacityFlags(
  P: CompiledProblem,
  v: number,
  items: Item[],
  s: Schedule,
  orderIds: string[],
  vehicle: Vehicle,
  flag: (orderId: string, v: PlanViolation) => void,
): void {
  const cap = P.vehicles[v]!.capacity;
  P.dims.forEach((dim, k) => {
    if (cap[k]! >= NO_LIMIT) return;
    const over = (x: number) => x > cap[k]! + 1e-6;
    let pos = -1;
    let done = false;
    let leaving = 0;
    let loaded = 0;
    const startTrip = (stepIndex: number, from: number) => {
      leaving = s.route.steps[stepIndex]!.load[k]!;
      // Shipments still on board from earlier trips, then this trip's deliveries one by one.
      let deliveries = 0;
      for (let j = from; j < items.length && items[j]!.kind !== 'reload'; j++) {
        const it = items[j]!;
        if (it.kind === 'task') deliveries += P.tasks[it.task]!.depotLoad[k]!;
      }
      loaded = leaving - deliveries;
      done = false;
    };
    startTrip(0, 0);
    items.forEach((it, i) => {
      if (it.kind === 'reload') startTrip(i + 1, i + 1);
      if (it.kind !== 'task') return;
      pos++;
      const task = P.tasks[it.task]!;
      loaded += task.kind === 'job' ? task.depotLoad[k]! : 0;
      const after = s.route.steps[i + 1]!.load[k]!;
      // Deliveries: the one whose load tips the departure over; pickups: the one that overfills.
      const tips = over(loaded) || (task.net[k]! > 0 && over(after));
      if (done || !tips) return;
      const amount = round(Math.max(leaving, after));
      flag(orderIds[pos]!, {
        code: 'capacity',
        dimension: dim,
        amount,
        limit: cap[k],
        message: `Over capacity: ${amount} ${dim} on board, ${vehicle.name} takes ${cap[k]}.`,
      });
      done = true;
    });
  });
}

const CHECKER_CODES: Partial<Record<Violation['code'], ViolationCode>> = {
  skills: 'skill',
  precedence: 'precedence',
  time_window: 'late',
  break: 'break',
  shift: 'shift_end',
  max_duration: 'max_duration',
  max_distance: 'max_distance',
  capacity: 'capacity',
  trips: 'trips',
  duplicate: 'duplicate',
};

/**
 * The independent checker's verdict on one route (checked on its own: duplicates and split pairs
 * across routes are marked by the evaluation above); what it finds beyond our marks is added.
 */
function crossCheck(P: CompiledProblem, route: RouteOut, view: PlanRoute, logger: Logger): Violation[] {
  const placed = new Set(route.steps.map((s) => `${s.type}:${s.id}`));
  const sol: Solution = {
    routes: [route],
    // Units on other routes are listed as unassigned here, so the check stays about this route.
    unassigned: P.units
      .filter((u) => !u.tasks.some((t) => placed.has(`${P.tasks[t]!.kind}:${P.tasks[t]!.id}`)))
      .map((u) => ({ id: u.id, type: u.type, reason: 'no_room', message: '' })),
    summary: { ...emptySolutionSummary(), cost: route.cost, vehicles: 1 },
  };
  const found = checkSolution(P, sol).filter(
    // A shipment with one half here and one elsewhere: marked as a split pair already.
    (v) => !(v.code === 'precedence' && v.vehicle === undefined),
  );
  for (const v of found) {
    if (v.code === 'mismatch')
      logger.warn('plan schedule disagrees with the checker', { message: v.message });
    if (String(v.vehicle) !== view.vehicleId) {
      logger.warn('checker finding without a route', { message: v.message });
      continue;
    }
    if (view.violations.length) continue; // already marked, in more detail
    const code = CHECKER_CODES[v.code] ?? 'other';
    view.violations.push({ code, message: `Independent check: ${v.message}` });
  }
  return found;
}

function emptySolutionSummary(): Solution['summary'] {
  return {
    cost: 0,
    distance: 0,
    duration: 0,
    waiting: 0,
    service: 0,
    vehicles: 0,
    served: 0,
    unassigned: 0,
    priority: 0,
  };
}
