/**
 * The register's fleet side: each vehicle with its tracker, driver and meters. Vehicles and
 * drivers themselves are route planning's (read through its port); fleet keeps who drove what
 * when, and the meter readings.
 */
import { randomUUID } from 'node:crypto';
import { AppError, type DriverAssignment, type FleetVehicle, type ParsedInput } from '@shared/contract';
import type { Readable } from '../db/connection';
import type { CallContext } from '../router';
import { change, requireVehicle, type FleetContext } from './context';
import type { Ingestor } from './ingest/ingestor';
import { totalsAt } from './store/positions-repo';
import * as repo from './store/register-repo';
import type { TrackersService } from './trackers-service';

export interface Meters {
  odometerKm: number | null;
  engineHours: number | null;
}

export class VehiclesService {
  constructor(
    private readonly c: FleetContext,
    private readonly trackers: TrackersService,
    private readonly ingestor: Ingestor,
  ) {}

  async list(includeInactive: boolean): Promise<FleetVehicle[]> {
    const [vehicles, drivers, current] = await Promise.all([
      this.c.routing.vehicles(this.c.db, includeInactive),
      this.c.routing.drivers(),
      repo.currentDrivers(this.c.db),
    ]);
    const names = new Map(drivers.map((d) => [d.id, d.name]));
    const meters = await this.meters(vehicles.map((v) => v.id));
    return vehicles.map((v) => {
      const tracker = this.trackers.ofVehicle(v.id);
      const driverId = current.get(v.id) ?? null;
      return {
        ...v,
        trackerId: tracker?.id ?? null,
        trackerUid: tracker?.uid ?? null,
        driverId,
        driverName: driverId ? (names.get(driverId) ?? null) : null,
        ...meters.get(v.id)!,
      };
    });
  }

  /**
   * The latest reading carried forward by what the tracker measured since it was taken: distance
   * for the odometer, moving time for engine hours (a phone or puck sees no ignition).
   */
  async meters(vehicleIds: string[], db: Readable = this.c.db): Promise<Map<string, Meters>> {
    const { km, hours } = await repo.latestReadings(db);
    const out = new Map<string, Meters>();
    for (const id of vehicleIds) {
      const tracker = this.trackers.ofVehicle(id);
      const now = tracker ? this.ingestor.state(tracker.key) : undefined;
      const carry = async (r: repo.Reading | undefined, field: 'odo' | 'eng', scale: number) => {
        if (!r) return null;
        if (!tracker || !now) return r.value;
        const then = (await totalsAt(db, tracker.key, r.at))?.[field] ?? 0;
        return r.value + Math.max(0, now[field] - then) / scale;
      };
      out.set(id, {
        odometerKm: await carry(km.get(id), 'odo', 1000),
        engineHours: await carry(hours.get(id), 'eng', 3600),
      });
    }
    return out;
  }

  async assignDriver(input: ParsedInput<'fleet.assignDriver'>, ctx: CallContext): Promise<DriverAssignment> {
    const args = { ...input, id: input.id ?? randomUUID(), at: input.at ?? this.c.now() };
    return change(this.c, { name: 'fleet.assignDriver', args, ctx }, ['vehicles', 'drivers'], async (tx) => {
      await requireVehicle(this.c, tx, args.vehicleId);
      const driver = args.driverId ? await this.c.routing.driver(args.driverId, tx) : null;
      if (args.driverId && !driver)
        throw new AppError('not_found', 'That driver no longer exists. Refresh the list.');
      await repo.assign(tx, {
        id: args.id,
        vehicleId: args.vehicleId,
        driverId: args.driverId,
        at: args.at,
        by: ctx.actor,
      });
      return {
        id: args.id,
        vehicleId: args.vehicleId,
        driverId: args.driverId,
        driverName: driver?.name ?? null,
        fromAt: args.at,
        toAt: null,
        by: ctx.actor,
      };
    });
  }

  async history(vehicleId: string, limit: number): Promise<DriverAssignment[]> {
    const [rows, drivers] = await Promise.all([
      repo.assignments(this.c.db, vehicleId, limit),
      this.c.routing.drivers(),
    ]);
    const names = new Map(drivers.map((d) => [d.id, d.name]));
    return rows.map((r) => ({ ...r, driverName: r.driverId ? (names.get(r.driverId) ?? null) : null }));
  }

  async recordMeter(input: ParsedInput<'fleet.recordMeter'>, ctx: CallContext): Promise<FleetVehicle> {
    const args = { ...input, id: input.id ?? randomUUID(), at: input.at ?? this.c.now() };
    await change(
      this.c,
      { name: 'fleet.recordMeter', args, ctx },
      ['vehicles', 'maintenance'],
      async (tx) => {
        await requireVehicle(this.c, tx, args.vehicleId);
        await repo.insertMeterReading(tx, { ...args, by: ctx.actor });
      },
    );
    const all = await this.list(true);
    return all.find((v) => v.id === args.vehicleId)!;
  }
}
