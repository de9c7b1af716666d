/**
 * Turns a scheduled route into what the planning screen shows: stops with ETAs in epoch ms,
 * loads per dimension, metrics in km / hours / money, the map path; and the plan's summary.
 */
import type {
  Driver,
  PlanRoute,
  PlanStop,
  PlanSummary,
  PlanViolation,
  RouteMetrics,
  Vehicle,
} from '@shared/contract';
import type { StoredRoute } from './plans-repo';
import type { BuiltProblem, DayData } from './problem';
import type { Item, Schedule } from './route-schedule';

export const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const minutes = (sec: number) => round(sec / 60, 1);

export function toPlanRoute(
  r: StoredRoute,
  vehicle: Vehicle,
  driver: Driver | null,
  items: Item[],
  s: Schedule,
  b: BuiltProblem,
  routeViolations: PlanViolation[],
  stopViolations: Map<string, PlanViolation[]>,
  day: DayData,
): PlanRoute {
  const at = b.clock.at;
  const depot = day.settings.depot;
  const dims = day.settings.dimensions;
  const amounts = (load: number[]) => Object.fromEntries(dims.map((d, k) => [d, round(load[k] ?? 0)]));
  let seq = 0;
  const stops: PlanStop[] = items.map((it, i) => {
    const step = s.route.steps[i + 1]!;
    const t = s.times[i]!;
    const base = {
      arrivalAt: at(t.arrival),
      waitMin: minutes(t.wait),
      serviceStartAt: at(t.start),
      serviceMin: minutes(t.service),
      departAt: at(t.start + t.service),
      driveMin: minutes(t.drive),
      legKm: round(t.leg / 1000),
      loadAfter: amounts(step.load),
    };
    if (it.kind !== 'task') {
      const where = it.kind === 'reload' ? depot : placeBefore(items, i, s, b, depot);
      return { kind: it.kind, lat: where.lat, lon: where.lon, ...base, locked: r.locked, violations: [] };
    }
    const orderId = b.orderOfTask.get(`${step.type}:${step.id}`)!;
    const o = b.ordersById.get(orderId)!;
    seq++;
    return {
      kind: o.kind,
      orderId,
      reference: o.reference,
      customer: o.customer,
      address: o.address,
      lat: o.lat,
      lon: o.lon,
      ...base,
      seq,
      locked: r.locked || seq <= r.lockedStops,
      violations: stopViolations.get(orderId) ?? [],
    };
  });
  const used = seq > 0;
  const hours = s.route.duration / 3600;
  const km = s.route.distance / 1000;
  const metrics: RouteMetrics = used
    ? {
        km: round(km, 1),
        hours: round(hours),
        drivingMin: minutes(s.route.travelTime),
        serviceMin: minutes(s.route.service),
        waitingMin: minutes(s.route.waiting),
        cost: round(vehicle.fixedCost + vehicle.costPerKm * km + vehicle.costPerHour * hours),
        stops: seq,
      }
    : { km: 0, hours: 0, drivingMin: 0, serviceMin: 0, waitingMin: 0, cost: 0, stops: 0 };
  const peak = new Array<number>(dims.length).fill(0);
  for (const st of s.route.steps) st.load.forEach((x, k) => (peak[k] = Math.max(peak[k]!, x)));
  const path: [number, number][] = used
    ? [
        [depot.lat, depot.lon],
        ...stops.map((st) => [st.lat, st.lon] as [number, number]),
        [depot.lat, depot.lon],
      ]
    : [];
  return {
    vehicleId: vehicle.id,
    vehicleName: vehicle.name,
    driverId: driver?.id ?? null,
    driverName: driver?.name ?? null,
    locked: r.locked,
    lockedStops: Math.min(r.lockedStops, seq),
    departAt: at(s.route.steps[0]!.arrival),
    returnAt: used ? at(s.endArrival) : at(s.route.steps[0]!.arrival),
    stops,
    returnDriveMin: used ? minutes(s.returnDrive) : 0,
    returnKm: used ? round(s.returnLeg / 1000) : 0,
    peakLoad: amounts(peak),
    capacity: Object.fromEntries(
      dims.filter((d) => vehicle.capacity[d] !== undefined).map((d) => [d, vehicle.capacity[d]!]),
    ),
    metrics,
    violations: [...routeViolations, ...stops.flatMap((st) => st.violations)],
    path,
  };
}

/** A break is taken where the driver is: the last stop before it, or the depot. */
function placeBefore(
  items: Item[],
  i: number,
  s: Schedule,
  b: BuiltProblem,
  depot: { lat: number; lon: number },
) {
  for (let j = i - 1; j >= 0; j--) {
    if (items[j]!.kind === 'reload') return depot;
    if (items[j]!.kind === 'task') {
      const step = s.route.steps[j + 1]!;
      const o = b.ordersById.get(b.orderOfTask.get(`${step.type}:${step.id}`)!)!;
      return { lat: o.lat, lon: o.lon };
    }
  }
  return depot;
}

export function summarise(routes: PlanRoute[], unassigned: number): PlanSummary {
  const sum = (f: (m: RouteMetrics) => number) => round(routes.reduce((a, r) => a + f(r.metrics), 0));
  return {
    km: round(
      sum((m) => m.km),
      1,
    ),
    hours: sum((m) => m.hours),
    drivingMin: sum((m) => m.drivingMin),
    serviceMin: sum((m) => m.serviceMin),
    waitingMin: sum((m) => m.waitingMin),
    cost: sum((m) => m.cost),
    stops: sum((m) => m.stops),
    vehicles: routes.filter((r) => r.metrics.stops > 0).length,
    served: sum((m) => m.stops),
    unassigned,
    violations: routes.reduce((a, r) => a + r.violations.length, 0),
  };
}
