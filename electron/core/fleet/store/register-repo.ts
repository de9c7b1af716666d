/** SQL for what fleet adds to the vehicle register: driver assignments and meter readings. */
import type { DriverAssignment } from '@shared/contract';
import type { Queryable, Readable } from '../../db/connection';

interface AssignmentRow {
  id: string;
  vehicle_id: string;
  driver_id: string | null;
  from_at: number;
  to_at: number | null;
  by: string;
}

const toAssignment = (r: AssignmentRow): Omit<DriverAssignment, 'driverName'> => ({
  id: r.id,
  vehicleId: r.vehicle_id,
  driverId: r.driver_id,
  fromAt: r.from_at,
  toAt: r.to_at,
  by: r.by,
});

export async function assignments(db: Readable, vehicleId: string, limit: number) {
  const rows = await db.all<AssignmentRow>(
    'SELECT * FROM fleet_driver_assignments WHERE vehicle_id = ? ORDER BY from_at DESC, rowid DESC LIMIT ?',
    [vehicleId, limit],
  );
  return rows.map(toAssignment);
}

/** Each vehicle's current driver (an open assignment). */
export async function currentDrivers(db: Readable): Promise<Map<string, string | null>> {
  const rows = await db.all<{ vehicle_id: string; driver_id: string | null }>(
    'SELECT vehicle_id, driver_id FROM fleet_driver_assignments WHERE to_at IS NULL',
  );
  return new Map(rows.map((r) => [r.vehicle_id, r.driver_id]));
}

/**
 * Ends the vehicle's open assignment and the driver's open one on any other vehicle at `at`, then
 * opens the new one (a null driver records "no driver from now on").
 */
export async function assign(
  tx: Queryable,
  a: { id: string; vehicleId: string; driverId: string | null; at: number; by: string },
): Promise<void> {
  await tx.run(
    'UPDATE fleet_driver_assignments SET to_at = MAX(from_at, ?) WHERE vehicle_id = ? AND to_at IS NULL',
    [a.at, a.vehicleId],
  );
  if (a.driverId)
    await tx.run(
      'UPDATE fleet_driver_assignments SET to_at = MAX(from_at, ?) WHERE driver_id = ? AND to_at IS NULL',
      [a.at, a.driverId],
    );
  await tx.run(
    'INSERT INTO fleet_driver_assignments (id, vehicle_id, driver_id, from_at, to_at, by) VALUES (?, ?, ?, ?, NULL, ?)',
    [a.id, a.vehicleId, a.driverId, a.at, a.by],
  );
}

export async function insertMeterReading(
  tx: Queryable,
  r: {
    id: string;
    vehicleId: string;
    at: number;
    odometerKm: number | null;
    engineHours: number | null;
    by: string;
  },
): Promise<void> {
  await tx.run(
    'INSERT INTO fleet_meter_readings (id, vehicle_id, at, odometer_km, engine_hours, by) VALUES (?, ?, ?, ?, ?, ?)',
    [r.id, r.vehicleId, r.at, r.odometerKm, r.engineHours, r.by],
  );
}

export interface Reading {
  vehicleId: string;
  at: number;
  value: number;
}

/**
 * Each vehicle's latest odometer and engine-hour readings, from every place a person wrote one
 * down: the dashboard readings, fuel fills (odometer) and service records.
 */
export async function latestReadings(
  db: Readable,
): Promise<{ km: Map<string, Reading>; hours: Map<string, Reading> }> {
  const latest = async (sql: string) => {
    const rows = await db.all<{ vehicle_id: string; at: number; value: number }>(sql);
    return new Map(rows.map((r) => [r.vehicle_id, { vehicleId: r.vehicle_id, at: r.at, value: r.value }]));
  };
  // SQLite returns the other columns of the row that holds MAX(at) in a grouped query.
  const km = await latest(`SELECT vehicle_id, MAX(at) AS at, value FROM (
      SELECT vehicle_id, at, odometer_km AS value FROM fleet_meter_readings WHERE odometer_km IS NOT NULL
      UNION ALL SELECT vehicle_id, at, odometer_km FROM fleet_fuel_entries
      UNION ALL SELECT vehicle_id, done_at, odometer_km FROM fleet_service_records WHERE odometer_km IS NOT NULL)
    GROUP BY vehicle_id`);
  const hours = await latest(`SELECT vehicle_id, MAX(at) AS at, value FROM (
      SELECT vehicle_id, at, engine_hours AS value FROM fleet_meter_readings WHERE engine_hours IS NOT NULL
      UNION ALL SELECT vehicle_id, done_at, engine_hours FROM fleet_service_records WHERE engine_hours IS NOT NULL)
    GROUP BY vehicle_id`);
  return { km, hours };
}
