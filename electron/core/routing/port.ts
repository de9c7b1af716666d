/**
 * What route planning lets other domains read (and, for the demo, add) without touching its
 * tables: the vehicle and driver register, and the routes a day was dispatched with. Fleet
 * tracking is the user: one register for planning and tracking.
 */
import { randomUUID } from 'node:crypto';
import type { Driver, Order, Vehicle, VehicleProfile } from '@shared/contract';
import { atMinuteOfDay } from '@shared/domain/time';
import type { Queryable, Readable } from '../db/connection';
import * as repo from './planning/fleet-repo';
import { blankVehicle } from '@shared/domain/routing/register';
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

export interface DispatchedRoute {
  vehicleId: string;
  vehicleName: string;
  driverName: string | null;
  path: [number, number][];
  stops: DispatchedStop[];
}

export interface RoutingPort {
  vehicles(db?: Readable, includeInactive?: boolean): Promise<RegisterVehicle[]>;
  vehicle(id: string, db?: Readable): Promise<RegisterVehicle | undefined>;
  drivers(db?: Readable): Promise<RegisterDriver[]>;
  driver(id: string, db?: Readable): Promise<RegisterDriver | undefined>;
  /** The latest dispatched version of the day, as the drivers were given it. */
  dispatchedRoutes(date: string): Promise<DispatchedRoute[]>;
  /** Straight-line distance × this ≈ road distance (the planning setting). */
  roadFactor(): Promise<number>;
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
    async dispatchedRoutes(date) {
      const version = await latestDispatched(db, siteId, date);
      if (!version) return [];
      const orders = new Map((await repo.listOrders(db, siteId, date)).map((o) => [o.id, o]));
      return version.plan.routes
        .filter((r) => r.stops.some((s) => s.orderId))
        .map((r) => ({
          vehicleId: r.vehicleId,
          vehicleName: r.vehicleName,
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
