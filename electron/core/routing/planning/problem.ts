/**
 * Turns a day's orders, vehicles and drivers into the solver's problem model. Times are seconds
 * after the day's local midnight (real elapsed seconds, so DST days come out right); the solver
 * and checker only need a common clock.
 */
import type { Depot, Driver, Order, RoutingSettings, Vehicle } from '@shared/contract';
import { atMinuteOfDay, dayBounds } from '@shared/domain/time';
import type { Job, LockedStep, ProblemInput, Shipment, Vehicle as ModelVehicle } from '../model';

/** Stands in for "no limit" in a dimension a vehicle declares no capacity for. */
export const NO_LIMIT = 1e12;
export const BREAK_ID = 'break';

/** Which solver step an order becomes: a job, or one half of a shipment (id = pickup order id). */
export interface TaskRef {
  type: 'job' | 'pickup' | 'delivery';
  id: string;
}

export interface DayClock {
  /** Epoch ms of local midnight. */
  t0: number;
  /** Minutes after local midnight → solver seconds. */
  sec(minute: number): number;
  /** Solver seconds → epoch ms. */
  at(sec: number): number;
}

export function dayClock(date: string, timeZone: string): DayClock {
  const t0 = dayBounds(date, timeZone).start;
  return {
    t0,
    sec: (m) => (atMinuteOfDay(date, m, timeZone) - t0) / 1000,
    at: (s) => t0 + Math.round(s * 1000),
  };
}

export interface DayData {
  date: string;
  orders: Order[];
  vehicles: Vehicle[];
  drivers: Driver[];
  settings: RoutingSettings;
}

export interface BuiltProblem {
  problem: ProblemInput;
  clock: DayClock;
  /** Order id → its task in the problem. */
  taskOf: Map<string, TaskRef>;
  /** `type:id` → order id. */
  orderOfTask: Map<string, string>;
  ordersById: Map<string, Order>;
}

export interface VehicleUse {
  vehicle: Vehicle;
  driver: Driver | null;
  locked?: LockedStep[];
}

/** Orders whose pair partner is on the same day and of the other kind form a shipment. */
export function pairedPartner(o: Order, byId: Map<string, Order>): Order | null {
  if (!o.pairedOrderId) return null;
  const p = byId.get(o.pairedOrderId);
  return p && p.kind !== o.kind && p.pairedOrderId === o.id ? p : null;
}

export function buildProblem(
  day: DayData,
  orders: Order[],
  uses: VehicleUse[],
  timeZone: string,
  opts: { balance?: number } = {},
): BuiltProblem {
  const clock = dayClock(day.date, timeZone);
  const ordersById = new Map(day.orders.map((o) => [o.id, o]));
  const included = new Set(orders.map((o) => o.id));
  const depot = location(day.settings.depot);
  const taskOf = new Map<string, TaskRef>();
  const jobs: Job[] = [];
  const shipments: Shipment[] = [];
  const windows = (o: Order) =>
    o.timeWindows.length
      ? o.timeWindows.map((w) => [clock.sec(w.from), clock.sec(w.to)] as [number, number])
      : undefined;
  const stop = (o: Order) => ({ location: location(o), service: o.serviceMin * 60, timeWindows: windows(o) });
  for (const o of orders) {
    const partner = pairedPartner(o, ordersById);
    if (partner && included.has(partner.id)) {
      if (o.kind !== 'pickup') continue; // the pickup half creates the shipment
      const amount = Object.keys(o.demand).length ? o.demand : partner.demand;
      shipments.push({
        id: o.id,
        pickup: stop(o),
        delivery: stop(partner),
        amount: clean(amount, day.settings.dimensions),
        skills: [...new Set([...o.skills, ...partner.skills])],
        priority: Math.max(o.priority, partner.priority),
      });
      taskOf.set(o.id, { type: 'pickup', id: o.id });
      taskOf.set(partner.id, { type: 'delivery', id: o.id });
      continue;
    }
    jobs.push({
      id: o.id,
      ...stop(o),
      ...(o.kind === 'delivery'
        ? { delivery: clean(o.demand, day.settings.dimensions) }
        : { pickup: clean(o.demand, day.settings.dimensions) }),
      skills: o.skills,
      priority: o.priority,
    });
    taskOf.set(o.id, { type: 'job', id: o.id });
  }
  const vehicles: ModelVehicle[] = uses.map(({ vehicle: v, driver, locked }) =>
    modelVehicle(v, driver, depot, day, clock, locked),
  );
  const orderOfTask = new Map<string, string>();
  for (const [orderId, t] of taskOf) orderOfTask.set(`${t.type}:${t.id}`, orderId);
  return {
    problem: {
      dimensions: day.settings.dimensions,
      jobs,
      shipments,
      vehicles,
      objective: { minimizeVehicles: true, balance: opts.balance ?? 0 },
    },
    clock,
    taskOf,
    orderOfTask,
    ordersById,
  };
}

function modelVehicle(
  v: Vehicle,
  driver: Driver | null,
  depot: { lat: number; lon: number },
  day: DayData,
  clock: DayClock,
  locked: LockedStep[] | undefined,
): ModelVehicle {
  const capacity = Object.fromEntries(day.settings.dimensions.map((d) => [d, v.capacity[d] ?? NO_LIMIT]));
  const breaks =
    v.breakWindow && v.breakMin > 0
      ? [
          {
            id: BREAK_ID,
            // The whole break lies inside the window: it starts at the latest breakMin before its end.
            timeWindows: [
              [
                clock.sec(v.breakWindow.from),
                Math.max(clock.sec(v.breakWindow.from), clock.sec(v.breakWindow.to) - v.breakMin * 60),
              ],
            ] as [number, number][],
            service: v.breakMin * 60,
          },
        ]
      : undefined;
  return {
    id: v.id,
    profile: v.profile,
    start: depot,
    end: depot,
    shift: [clock.sec(v.shiftStart), clock.sec(v.shiftEnd)],
    capacity,
    skills: [...new Set([...v.skills, ...(driver?.skills ?? [])])],
    breaks,
    maxDuration: v.maxDurationMin === null ? undefined : v.maxDurationMin * 60,
    maxDistance: v.maxDistanceKm === null ? undefined : v.maxDistanceKm * 1000,
    fixedCost: v.fixedCost,
    // With no rates at all the solver still needs something to minimise: travel time (its default).
    ...(v.costPerHour === 0 && v.costPerKm === 0
      ? {}
      : { costPerKm: v.costPerKm, costPerHour: v.costPerHour }),
    maxTrips: v.maxTrips,
    reloadTime: v.reloadMin * 60,
    locked: locked?.length ? locked : undefined,
  };
}

function location(p: Pick<Depot, 'lat' | 'lon'>) {
  return { lat: p.lat, lon: p.lon };
}

/** Positive amounts in declared dimensions (a dimension removed from the settings later is ignored). */
function clean(a: Record<string, number>, dims: readonly string[]): Record<string, number> {
  return Object.fromEntries(Object.entries(a).filter(([k, v]) => v > 0 && dims.includes(k)));
}
