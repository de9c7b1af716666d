/**
 * Service items (what is due every so many km, engine hours or days), the service records that
 * reset them, and the due / overdue list. When an item was last done is never stored: it is the
 * latest record that covers it (or the baseline typed in with the item), so a record deleted,
 * back-dated or arriving late by sync moves the next due date by itself.
 */
import { randomUUID } from 'node:crypto';
import { AppError, type ParsedInput, type ServiceItem, type ServiceRecord } from '@shared/contract';
import type { Readable } from '../../db/connection';
import type { CallContext } from '../../router';
import { change, requireVehicle, type FleetContext } from '../context';
import type { VehiclesService } from '../vehicles-service';
import { dueOf } from './due';

interface ItemRow {
  id: string;
  vehicle_id: string;
  name: string;
  every_km: number | null;
  every_hours: number | null;
  every_days: number | null;
  baseline_at: number | null;
  baseline_km: number | null;
  baseline_hours: number | null;
  notes: string;
}

interface RecordRow {
  id: string;
  vehicle_id: string;
  done_at: number;
  odometer_km: number | null;
  engine_hours: number | null;
  item_ids: string;
  cost: number;
  vendor: string;
  notes: string;
  by: string;
}

export class MaintenanceService {
  constructor(
    private readonly c: FleetContext,
    private readonly vehicles: VehiclesService,
  ) {}

  async items(vehicleId?: string): Promise<ServiceItem[]> {
    const rows = await this.c.db.all<ItemRow>(
      'SELECT * FROM fleet_service_items WHERE (? IS NULL OR vehicle_id = ?) ORDER BY vehicle_id, name COLLATE NOCASE',
      [vehicleId ?? null, vehicleId ?? null],
    );
    const records = await this.recordRows(this.c.db, vehicleId);
    const meters = await this.vehicles.meters([...new Set(rows.map((r) => r.vehicle_id))]);
    const now = this.c.now();
    return rows.map((r) => {
      // The latest record covering this item; records are newest first.
      const done = records.find(
        (x) => x.vehicle_id === r.vehicle_id && (JSON.parse(x.item_ids) as string[]).includes(r.id),
      );
      const last = done
        ? { at: done.done_at, km: done.odometer_km, hours: done.engine_hours }
        : { at: r.baseline_at, km: r.baseline_km, hours: r.baseline_hours };
      const m = meters.get(r.vehicle_id);
      const due = dueOf({ everyKm: r.every_km, everyHours: r.every_hours, everyDays: r.every_days }, last, {
        at: now,
        km: m?.odometerKm ?? null,
        hours: m?.engineHours ?? null,
      });
      return {
        id: r.id,
        vehicleId: r.vehicle_id,
        name: r.name,
        everyKm: r.every_km,
        everyHours: r.every_hours,
        everyDays: r.every_days,
        lastAt: last.at,
        lastKm: last.km,
        lastHours: last.hours,
        ...due,
        notes: r.notes,
      };
    });
  }

  async saveItem(input: ParsedInput<'fleet.saveServiceItem'>, ctx: CallContext): Promise<ServiceItem> {
    const args = { ...input, id: input.id ?? randomUUID() };
    await change(this.c, { name: 'fleet.saveServiceItem', args, ctx }, ['maintenance'], async (tx) => {
      const existing = await tx.get<{ vehicle_id: string; created_at: number }>(
        'SELECT vehicle_id, created_at FROM fleet_service_items WHERE id = ?',
        [args.id],
      );
      if (input.id && !existing)
        throw new AppError('not_found', 'That service item no longer exists. Refresh the list.');
      await requireVehicle(this.c, tx, args.vehicleId, 'vehicleId');
      const now = this.c.now();
      await tx.run(
        `INSERT INTO fleet_service_items (id, vehicle_id, name, every_km, every_hours, every_days, baseline_at, baseline_km,
           baseline_hours, notes, created_at, updated_at)
         VALUES ($id, $vehicle, $name, $km, $hours, $days, $bat, $bkm, $bhours, $notes, $now, $now)
         ON CONFLICT (id) DO UPDATE SET vehicle_id = $vehicle, name = $name, every_km = $km, every_hours = $hours,
           every_days = $days, baseline_at = $bat, baseline_km = $bkm, baseline_hours = $bhours, notes = $notes, updated_at = $now`,
        {
          $id: args.id,
          $vehicle: args.vehicleId,
          $name: args.name,
          $km: args.everyKm,
          $hours: args.everyHours,
          $days: args.everyDays,
          $bat: args.baselineAt,
          $bkm: args.baselineKm,
          $bhours: args.baselineHours,
          $notes: args.notes,
          $now: now,
        },
      );
    });
    return (await this.items(args.vehicleId)).find((i) => i.id === args.id)!;
  }

  async deleteItem(id: string, ctx: CallContext): Promise<{ id: string }> {
    await change(
      this.c,
      { name: 'fleet.deleteServiceItem', args: { id }, ctx },
      ['maintenance'],
      async (tx) => {
        if ((await tx.run('DELETE FROM fleet_service_items WHERE id = ?', [id])).changes === 0)
          throw new AppError('not_found', 'That service item no longer exists. Refresh the list.');
      },
    );
    return { id };
  }

  private recordRows(db: Readable, vehicleId?: string): Promise<RecordRow[]> {
    return db.all<RecordRow>(
      'SELECT * FROM fleet_service_records WHERE (? IS NULL OR vehicle_id = ?) ORDER BY done_at DESC, created_at DESC',
      [vehicleId ?? null, vehicleId ?? null],
    );
  }

  async records(vehicleId?: string): Promise<ServiceRecord[]> {
    const [rows, items] = await Promise.all([
      this.recordRows(this.c.db, vehicleId),
      this.c.db.all<{ id: string; name: string }>('SELECT id, name FROM fleet_service_items'),
    ]);
    const names = new Map(items.map((i) => [i.id, i.name]));
    return rows.map((r) => {
      const itemIds = JSON.parse(r.item_ids) as string[];
      return {
        id: r.id,
        vehicleId: r.vehicle_id,
        doneAt: r.done_at,
        odometerKm: r.odometer_km,
        engineHours: r.engine_hours,
        itemIds,
        // An item deleted since keeps its place in the history, unnamed.
        itemNames: itemIds.map((i) => names.get(i) ?? '—'),
        cost: r.cost,
        vendor: r.vendor,
        notes: r.notes,
        by: r.by,
      };
    });
  }

  async record(input: ParsedInput<'fleet.recordService'>, ctx: CallContext): Promise<ServiceRecord> {
    const args = { ...input, id: input.id ?? randomUUID(), itemIds: [...new Set(input.itemIds)] };
    await change(
      this.c,
      { name: 'fleet.recordService', args, ctx },
      ['maintenance', 'vehicles'],
      async (tx) => {
        await requireVehicle(this.c, tx, args.vehicleId, 'vehicleId');
        for (const itemId of args.itemIds) {
          const item = await tx.get<{ vehicle_id: string }>(
            'SELECT vehicle_id FROM fleet_service_items WHERE id = ?',
            [itemId],
          );
          if (!item || item.vehicle_id !== args.vehicleId)
            throw new AppError(
              'invalid_input',
              'A service item of the record does not belong to this vehicle.',
              {
                field: 'itemIds',
                reason: 'item_of_other_vehicle',
              },
            );
        }
        await tx.run(
          `INSERT INTO fleet_service_records (id, vehicle_id, done_at, odometer_km, engine_hours, item_ids, cost, vendor, notes, by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            args.id,
            args.vehicleId,
            args.doneAt,
            args.odometerKm,
            args.engineHours,
            JSON.stringify(args.itemIds),
            args.cost,
            args.vendor,
            args.notes,
            ctx.actor,
            this.c.now(),
          ],
        );
      },
    );
    return (await this.records(args.vehicleId)).find((r) => r.id === args.id)!;
  }

  async deleteRecord(id: string, ctx: CallContext): Promise<{ id: string }> {
    await change(
      this.c,
      { name: 'fleet.deleteServiceRecord', args: { id }, ctx },
      ['maintenance', 'vehicles'],
      async (tx) => {
        if ((await tx.run('DELETE FROM fleet_service_records WHERE id = ?', [id])).changes === 0)
          throw new AppError('not_found', 'That service record no longer exists. Refresh the list.');
      },
    );
    return { id };
  }
}
