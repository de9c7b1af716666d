/**
 * What route planning lets other domains read (and, for the demo, add) without touching its
 * tables: the vehicle and driver register, and the routes a day was dispatched with. Fleet
 * tracking is the user: one register for planning and tracking.
 */
import { randomUUID } from 'node:crypto';
import type { Depot, Driver, Order, Vehicle, VehicleProfile } from '@shared/contract';
import { atMinuteOfDay } from '@shared/domain/time';
import type { Queryable, Readable } from '../db/connection';
import * as repo from './planning/fleet-repo';
import { blankVehicle } from '@shared/domain/routing/register';
import { insertionCosts, reinsert, type InsertionOption, type NotPlaced, type Placement, type RouteOrders } from './planning/insertion';
import { MatrixCache } from './planning/matrix-cache';
import { latestDispatched } from './planning/plans-repo';
import { readSettings } from './planning/settings';

export interface RegisterVehicle {
  id: string;
  name: string;
  plate: string;
  profile: VehicleProfile;
  active: boolean;
  planning: boolean;
}

export interface RegisterDriver {
  id: string;
  name: string;
  phone: string;
  active: boolean;
}

export interface DispatchedStop {
  orderId: string;
  reference: string;
  customer: string;
  lat: number;
  lon: number;
  /** Planned arrival (epoch ms). */
  arrivalAt: number;
  serviceMin: number;
  /** Planned driving into this stop. */
  driveMin: number;
  legKm: number;
  /** End of the time window the plan serves it in (epoch ms), if it has windows. */
  windowEnd: number | null;
}

export type { InsertionOption, NotPlaced, Placement, RouteOrders };

export interface DispatchedRoute {
  vehicleId: string;
  vehicleName: string;
  driverId: string | null;
  driverName: string | null;
  path: [number, number][];
  stops: DispatchedStop[];
}

/** A route order as a shipping label needs it (the devices station prints them). */
export interface OrderForLabel {
  reference: string;
  date: string;
  customer: string;
  address: string;
  kind: 'delivery' | 'pickup';
  /** Positive amounts only: kg, pallets… */
  demand: Record<string, number>;
}

/** What the devices station reads from route planning: orders by reference, the depot address. */
export interface OrdersForLabels {
  /**
   * The order a scanned reference means: references are unique per site and day, so the same one
   * may recur on other days. `today`'s wins, then the nearest coming day, then the latest past.
   */
  orderForLabel(reference: string, today: string): Promise<OrderForLabel | undefined>;
  /** The depot address of the route settings (the label's ship-from). */
  depotAddress(): Promise<string>;
}

export interface RoutingPort extends OrdersForLabels {
  vehicles(db?: Readable, includeInactive?: boolean): Promise<RegisterVehicle[]>;
  vehicle(id: string, db?: Readable): Promise<RegisterVehicle | undefined>;
  drivers(db?: Readable): Promise<RegisterDriver[]>;
  driver(id: string, db?: Readable): Promise<RegisterDriver | undefined>;
  /** The latest dispatched version of the day, as the drivers were given it. */
  dispatchedRoutes(date: string): Promise<DispatchedRoute[]>;
  /** Straight-line distance × this ≈ road distance (the planning setting). */
  roadFactor(): Promise<number>;
  depot(): Promise<Depot>;
  /** The day's orders. */
  orders(date: string): Promise<Order[]>;
  /**
   * Dispatch: for each order, every given route that can take it and what it adds (the solver's
   * scheduler, cheapest first). The routes are as the caller has them; nothing is changed.
   */
  insertionCosts(date: string, routes: RouteOrders[], orderIds: string[]): Promise<Map<string, InsertionOption[]>>;
  /** Dispatch: the orders put one by one where each adds least, or why none of the routes can take it. */
  reinsert(date: string, routes: RouteOrders[], orderIds: string[]): Promise<{ placed: Placement[]; notPlaced: NotPlaced[] }>;
  /** Demo data only (not a user change): adds vehicles to the register, returns their ids. */
  addDemoVehicles(
    tx: Queryable,
    vehicles: { name: string; plate: string; profile: VehicleProfile; planning: boolean }[],
  ): Promise<string[]>;
}

export function createRoutingPort(
  db: Readable,
  siteId: string,
  timeZone: string,
  now: () => number,
): RoutingPort {
  const toVehicle = (v: Vehicle): RegisterVehicle => ({
    id: v.id,
    name: v.name,
    plate: v.plate,
    profile: v.profile,
    active: v.active,
    planning: v.planning,
  });
  const matrices = new MatrixCache();
  const toDriver = (d: Driver): RegisterDriver => ({
    id: d.id,
    name: d.name,
    phone: d.phone,
    active: d.active,
  });
  return {
    vehicles: async (from = db, includeInactive = true) =>
      (await repo.listVehicles(from, siteId, null, includeInactive)).map(toVehicle),
    vehicle: async (id, from = db) => {
      const v = await repo.getVehicle(from, id);
      return v && toVehicle(v);
    },
    drivers: async (from = db) => (await repo.listDrivers(from, siteId, null, true)).map(toDriver),
    driver: async (id, from = db) => {
      const d = await repo.getDriver(from, id);
      return d && toDriver(d);
    },
    roadFactor: async () => (await readSettings(db)).roadFactor,
    depot: async () => (await readSettings(db)).depot,
    orders: (date) => repo.listOrders(db, siteId, date),
    insertionCosts: (date, routes, orderIds) =>
      insertionCosts(db, siteId, timeZone, matrices, date, routes, orderIds),
    reinsert: (date, routes, orderIds) => reinsert(db, siteId, timeZone, matrices, date, routes, orderIds),
    depotAddress: async () => (await readSettings(db)).depot.address,
    async orderForLabel(reference, today) {
      const row = await db.get<Omit<OrderForLabel, 'demand'> & { demand: string }>(
        `SELECT reference, date, customer, address, kind, demand FROM route_orders
         WHERE site_id = $site AND reference = $ref COLLATE NOCASE
         ORDER BY date = $today DESC, date > $today DESC,
                  CASE WHEN date > $today THEN date END ASC, date DESC
         LIMIT 1`,
        { $site: siteId, $ref: reference, $today: today },
      );
      return row && { ...row, demand: positiveAmounts(row.demand) };
    },
    async dispatchedRoutes(date) {
      const version = await latestDispatched(db, siteId, date);
      if (!version) return [];
      const orders = new Map((await repo.listOrders(db, siteId, date)).map((o) => [o.id, o]));
      return version.plan.routes
        .filter((r) => r.stops.some((s) => s.orderId))
        .map((r) => ({
          vehicleId: r.vehicleId,
          vehicleName: r.vehicleName,
          driverId: r.driverId,
          driverName: r.driverName,
          path: r.path,
          stops: r.stops.flatMap((s) =>
            s.orderId
              ? [
                  {
                    orderId: s.orderId,
                    reference: s.reference ?? '',
                    customer: s.customer ?? '',
                    lat: s.lat,
                    lon: s.lon,
                    arrivalAt: s.arrivalAt,
                    serviceMin: s.serviceMin,
                    driveMin: s.driveMin,
                    legKm: s.legKm,
                    windowEnd: windowEnd(orders.get(s.orderId), s.serviceStartAt, date, timeZone),
                  },
                ]
              : [],
          ),
        }));
    },
    async addDemoVehicles(tx, vehicles) {
      const ids: string[] = [];
      for (const v of vehicles) {
        const id = randomUUID();
        await repo.saveVehicle(tx, siteId, { ...blankVehicle(id), ...v }, now());
        ids.push(id);
      }
      return ids;
    },
  };
}

/** The end of the window the planned service starts in (or the last one), as an instant. */
function windowEnd(
  order: Order | undefined,
  serviceStartAt: number,
  date: string,
  timeZone: string,
): number | null {
  if (!order || order.timeWindows.length === 0) return null;
  const ends = order.timeWindows.map((w) => atMinuteOfDay(date, w.to, timeZone));
  return ends.find((end) => end >= serviceStartAt) ?? ends[ends.length - 1]!;
}

function positiveAmounts(json: string): Record<string, number> {
  try {
    const v = JSON.parse(json) as unknown;
    if (!v || typeof v !== 'object') return {};
    return Object.fromEntries(
      Object.entries(v).filter((e): e is [string, number] => typeof e[1] === 'number' && e[1] > 0),
    );
  } catch {
    return {};
  }
}
