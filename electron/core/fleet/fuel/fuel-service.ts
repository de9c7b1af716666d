/** The fuel log: fills as entered, consumption and flags computed on every read. */
import { randomUUID } from 'node:crypto';
import { AppError, type FuelEntry, type FuelSummary, type ParsedInput } from '@shared/contract';
import type { CallContext } from '../../router';
import { change, requireVehicle, type FleetContext } from '../context';
import { analyseFuel } from './consumption';

interface Row {
  id: string;
  vehicle_id: string;
  at: number;
  odometer_km: number;
  litres: number;
  price_per_litre: number;
  full: number;
  missed_previous: number;
  station: string;
  notes: string;
}

export class FuelService {
  constructor(private readonly c: FleetContext) {}

  async summary(vehicleId: string): Promise<FuelSummary> {
    const rows = await this.c.db.all<Row>('SELECT * FROM fleet_fuel_entries WHERE vehicle_id = ?', [
      vehicleId,
    ]);
    const fills = rows.map((r) => ({
      id: r.id,
      at: r.at,
      odometerKm: r.odometer_km,
      litres: r.litres,
      full: r.full === 1,
      missedPrevious: r.missed_previous === 1,
    }));
    const { results, averageL100 } = analyseFuel(fills);
    const entries: FuelEntry[] = rows
      .map((r) => ({
        id: r.id,
        vehicleId: r.vehicle_id,
        at: r.at,
        odometerKm: r.odometer_km,
        litres: r.litres,
        pricePerLitre: r.price_per_litre,
        totalCost: Math.round(r.litres * r.price_per_litre * 100) / 100,
        full: r.full === 1,
        missedPrevious: r.missed_previous === 1,
        station: r.station,
        notes: r.notes,
        ...results.get(r.id)!,
      }))
      // Newest reading first, as the log is read; odometer order is what places a late entry.
      .sort((a, b) => b.odometerKm - a.odometerKm || b.at - a.at);
    return {
      vehicleId,
      entries,
      averageL100,
      totalLitres: entries.reduce((s, e) => s + e.litres, 0),
      totalCost: Math.round(entries.reduce((s, e) => s + e.totalCost, 0) * 100) / 100,
    };
  }

  async save(input: ParsedInput<'fleet.saveFuelEntry'>, ctx: CallContext): Promise<FuelEntry> {
    const args = { ...input, id: input.id ?? randomUUID() };
    await change(this.c, { name: 'fleet.saveFuelEntry', args, ctx }, ['fuel', 'vehicles'], async (tx) => {
      const existing = await tx.get<{ vehicle_id: string }>(
        'SELECT vehicle_id FROM fleet_fuel_entries WHERE id = ?',
        [args.id],
      );
      if (input.id && !existing)
        throw new AppError('not_found', 'That fuel entry no longer exists. Refresh the list.');
      await requireVehicle(this.c, tx, args.vehicleId, 'vehicleId');
      const now = this.c.now();
      await tx.run(
        `INSERT INTO fleet_fuel_entries (id, vehicle_id, at, odometer_km, litres, price_per_litre, full, missed_previous,
           station, notes, by, created_at, updated_at)
         VALUES ($id, $vehicle, $at, $km, $litres, $price, $full, $missed, $station, $notes, $by, $now, $now)
         ON CONFLICT (id) DO UPDATE SET vehicle_id = $vehicle, at = $at, odometer_km = $km, litres = $litres,
           price_per_litre = $price, full = $full, missed_previous = $missed, station = $station, notes = $notes, updated_at = $now`,
        {
          $id: args.id,
          $vehicle: args.vehicleId,
          $at: args.at,
          $km: args.odometerKm,
          $litres: args.litres,
          $price: args.pricePerLitre,
          $full: args.full ? 1 : 0,
          $missed: args.missedPrevious ? 1 : 0,
          $station: args.station,
          $notes: args.notes,
          $by: ctx.actor,
          $now: now,
        },
      );
    });
    return (await this.summary(args.vehicleId)).entries.find((e) => e.id === args.id)!;
  }

  async remove(id: string, ctx: CallContext): Promise<{ id: string }> {
    await change(
      this.c,
      { name: 'fleet.deleteFuelEntry', args: { id }, ctx },
      ['fuel', 'vehicles'],
      async (tx) => {
        if ((await tx.run('DELETE FROM fleet_fuel_entries WHERE id = ?', [id])).changes === 0)
          throw new AppError('not_found', 'That fuel entry no longer exists. Refresh the list.');
      },
    );
    return { id };
  }
}
