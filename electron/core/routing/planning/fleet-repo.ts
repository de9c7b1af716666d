/** SQL for route orders, vehicles, drivers and per-day absences. No rules here: see the services. */
import type { Queryable, Readable } from '../../db/connection';
import type {
  Amounts,
  Driver,
  Order,
  OrderKind,
  TimeWindow,
  Vehicle,
  VehicleProfile,
} from '@shared/contract';

interface OrderRow {
  id: string;
  date: string;
  reference: string;
  customer: string;
  address: string;
  lat: number;
  lon: number;
  kind: OrderKind;
  service_min: number;
  time_windows: string;
  demand: string;
  skills: string;
  priority: number;
  paired_order_id: string | null;
  phone: string;
  notes: string;
  created_at: number;
  updated_at: number;
}

const ORDER_COLUMNS =
  'id, date, reference, customer, address, lat, lon, kind, service_min, time_windows, demand, skills, priority, paired_order_id, phone, notes, created_at, updated_at';

function toOrder(r: OrderRow): Order {
  return {
    id: r.id,
    date: r.date,
    reference: r.reference,
    customer: r.customer,
    address: r.address,
    lat: r.lat,
    lon: r.lon,
    kind: r.kind,
    serviceMin: r.service_min,
    timeWindows: JSON.parse(r.time_windows) as TimeWindow[],
    demand: JSON.parse(r.demand) as Amounts,
    skills: JSON.parse(r.skills) as string[],
    priority: r.priority,
    pairedOrderId: r.paired_order_id,
    phone: r.phone,
    notes: r.notes,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function listOrders(db: Readable, siteId: string, date: string): Promise<Order[]> {
  const rows = await db.all<OrderRow>(
    `SELECT ${ORDER_COLUMNS} FROM route_orders WHERE site_id = ? AND date = ? ORDER BY created_at, reference`,
    [siteId, date],
  );
  return rows.map(toOrder);
}

export async function getOrder(db: Readable, id: string): Promise<Order | undefined> {
  const row = await db.get<OrderRow>(`SELECT ${ORDER_COLUMNS} FROM route_orders WHERE id = ?`, [id]);
  return row && toOrder(row);
}

export async function findOrderByReference(
  db: Readable,
  siteId: string,
  date: string,
  reference: string,
): Promise<Order | undefined> {
  const row = await db.get<OrderRow>(
    `SELECT ${ORDER_COLUMNS} FROM route_orders WHERE site_id = ? AND date = ? AND reference = ? COLLATE NOCASE`,
    [siteId, date, reference],
  );
  return row && toOrder(row);
}

function orderParams(siteId: string, o: Order) {
  return {
    $id: o.id,
    $site: siteId,
    $date: o.date,
    $reference: o.reference,
    $customer: o.customer,
    $address: o.address,
    $lat: o.lat,
    $lon: o.lon,
    $kind: o.kind,
    $service: o.serviceMin,
    $windows: JSON.stringify(o.timeWindows),
    $demand: JSON.stringify(o.demand),
    $skills: JSON.stringify(o.skills),
    $priority: o.priority,
    $paired: o.pairedOrderId,
    $phone: o.phone,
    $notes: o.notes,
    $created: o.createdAt,
    $updated: o.updatedAt,
  };
}

export async function insertOrder(tx: Queryable, siteId: string, o: Order): Promise<void> {
  await tx.run(
    `INSERT INTO route_orders (id, site_id, date, reference, customer, address, lat, lon, kind, service_min,
       time_windows, demand, skills, priority, paired_order_id, phone, notes, created_at, updated_at)
     VALUES ($id, $site, $date, $reference, $customer, $address, $lat, $lon, $kind, $service,
       $windows, $demand, $skills, $priority, $paired, $phone, $notes, $created, $updated)`,
    orderParams(siteId, o),
  );
}

export async function updateOrder(tx: Queryable, siteId: string, o: Order): Promise<void> {
  await tx.run(
    `UPDATE route_orders SET date = $date, reference = $reference, customer = $customer, address = $address,
       lat = $lat, lon = $lon, kind = $kind, service_min = $service, time_windows = $windows, demand = $demand,
       skills = $skills, priority = $priority, paired_order_id = $paired, phone = $phone, notes = $notes,
       created_at = $created, updated_at = $updated
     WHERE id = $id AND site_id = $site`,
    orderParams(siteId, o),
  );
}

export async function setPairing(
  tx: Queryable,
  id: string,
  pairedId: string | null,
  now: number,
): Promise<void> {
  await tx.run('UPDATE route_orders SET paired_order_id = ?, updated_at = ? WHERE id = ?', [
    pairedId,
    now,
    id,
  ]);
}

export async function deleteOrder(tx: Queryable, id: string): Promise<void> {
  await tx.run('UPDATE route_orders SET paired_order_id = NULL WHERE paired_order_id = ?', [id]);
  await tx.run('DELETE FROM route_orders WHERE id = ?', [id]);
}

// ---- vehicles ----

export interface VehicleRow {
  id: string;
  name: string;
  plate: string;
  profile: VehicleProfile;
  capacity: string;
  skills: string;
  shift_start: number;
  shift_end: number;
  break_from: number | null;
  break_to: number | null;
  break_min: number;
  max_duration_min: number | null;
  max_distance_km: number | null;
  fixed_cost: number;
  cost_per_km: number;
  cost_per_hour: number;
  max_trips: number;
  reload_min: number;
  active: number;
  planning: number;
  away: number;
}

export const VEHICLE_COLUMNS = `id, name, plate, profile, capacity, skills, shift_start, shift_end, break_from, break_to,
  break_min, max_duration_min, max_distance_km, fixed_cost, cost_per_km, cost_per_hour, max_trips, reload_min, active, planning`;

export function toVehicle(r: VehicleRow): Vehicle {
  return {
    id: r.id,
    name: r.name,
    plate: r.plate,
    profile: r.profile,
    capacity: JSON.parse(r.capacity) as Amounts,
    skills: JSON.parse(r.skills) as string[],
    shiftStart: r.shift_start,
    shiftEnd: r.shift_end,
    breakWindow: r.break_from === null || r.break_to === null ? null : { from: r.break_from, to: r.break_to },
    breakMin: r.break_min,
    maxDurationMin: r.max_duration_min,
    maxDistanceKm: r.max_distance_km,
    fixedCost: r.fixed_cost,
    costPerKm: r.cost_per_km,
    costPerHour: r.cost_per_hour,
    maxTrips: r.max_trips,
    reloadMin: r.reload_min,
    active: r.active === 1,
    planning: r.planning === 1,
    available: r.active === 1 && r.planning === 1 && r.away === 0,
  };
}

/** `date` null: availability is just "active". */
export async function listVehicles(
  db: Readable,
  siteId: string,
  date: string | null,
  includeInactive: boolean,
): Promise<Vehicle[]> {
  const rows = await db.all<VehicleRow>(
    `SELECT ${VEHICLE_COLUMNS}, EXISTS (SELECT 1 FROM route_absences a WHERE a.site_id = v.site_id
        AND a.date = ? AND a.kind = 'vehicle' AND a.resource_id = v.id) AS away
     FROM route_vehicles v WHERE site_id = ? AND (? OR active = 1) ORDER BY name COLLATE NOCASE`,
    [date ?? '', siteId, includeInactive ? 1 : 0],
  );
  return rows.map(toVehicle);
}

export async function getVehicle(
  db: Readable,
  id: string,
  date: string | null = null,
): Promise<Vehicle | undefined> {
  const row = await db.get<VehicleRow>(
    `SELECT ${VEHICLE_COLUMNS}, EXISTS (SELECT 1 FROM route_absences a WHERE a.site_id = v.site_id
        AND a.date = ? AND a.kind = 'vehicle' AND a.resource_id = v.id) AS away
     FROM route_vehicles v WHERE id = ?`,
    [date ?? '', id],
  );
  return row && toVehicle(row);
}

export async function saveVehicle(tx: Queryable, siteId: string, v: Omit<Vehicle, 'available'>, now: number): Promise<void> {
  await tx.run(
    `INSERT INTO route_vehicles (id, site_id, name, plate, profile, capacity, skills, shift_start, shift_end,
       break_from, break_to, break_min, max_duration_min, max_distance_km, fixed_cost, cost_per_km, cost_per_hour,
       max_trips, reload_min, active, planning, created_at, updated_at)
     VALUES ($id, $site, $name, $plate, $profile, $capacity, $skills, $shiftStart, $shiftEnd, $breakFrom, $breakTo,
       $breakMin, $maxDuration, $maxDistance, $fixed, $perKm, $perHour, $maxTrips, $reload, $active, $planning, $now, $now)
     ON CONFLICT (id) DO UPDATE SET name = $name, plate = $plate, profile = $profile, capacity = $capacity,
       skills = $skills, shift_start = $shiftStart, shift_end = $shiftEnd, break_from = $breakFrom,
       break_to = $breakTo, break_min = $breakMin, max_duration_min = $maxDuration, max_distance_km = $maxDistance,
       fixed_cost = $fixed, cost_per_km = $perKm, cost_per_hour = $perHour, max_trips = $maxTrips,
       reload_min = $reload, active = $active, planning = $planning, updated_at = $now`,
    {
      $id: v.id,
      $site: siteId,
      $name: v.name,
      $plate: v.plate,
      $profile: v.profile,
      $capacity: JSON.stringify(v.capacity),
      $skills: JSON.stringify(v.skills),
      $shiftStart: v.shiftStart,
      $shiftEnd: v.shiftEnd,
      $breakFrom: v.breakWindow?.from ?? null,
      $breakTo: v.breakWindow?.to ?? null,
      $breakMin: v.breakMin,
      $maxDuration: v.maxDurationMin,
      $maxDistance: v.maxDistanceKm,
      $fixed: v.fixedCost,
      $perKm: v.costPerKm,
      $perHour: v.costPerHour,
      $maxTrips: v.maxTrips,
      $reload: v.reloadMin,
      $active: v.active ? 1 : 0,
      $planning: v.planning ? 1 : 0,
      $now: now,
    },
  );
}

// ---- drivers ----

export interface DriverRow {
  id: string;
  name: string;
  phone: string;
  skills: string;
  active: number;
  away: number;
}

export function toDriver(r: DriverRow): Driver {
  return {
    id: r.id,
    name: r.name,
    phone: r.phone,
    skills: JSON.parse(r.skills) as string[],
    active: r.active === 1,
    available: r.active === 1 && r.away === 0,
  };
}

const DRIVER_SELECT = `SELECT id, name, phone, skills, active, EXISTS (SELECT 1 FROM route_absences a
    WHERE a.site_id = d.site_id AND a.date = ? AND a.kind = 'driver' AND a.resource_id = d.id) AS away
  FROM route_drivers d`;

export async function listDrivers(
  db: Readable,
  siteId: string,
  date: string | null,
  includeInactive: boolean,
): Promise<Driver[]> {
  const rows = await db.all<DriverRow>(
    `${DRIVER_SELECT} WHERE site_id = ? AND (? OR active = 1) ORDER BY name COLLATE NOCASE`,
    [date ?? '', siteId, includeInactive ? 1 : 0],
  );
  return rows.map(toDriver);
}

export async function getDriver(
  db: Readable,
  id: string,
  date: string | null = null,
): Promise<Driver | undefined> {
  const row = await db.get<DriverRow>(`${DRIVER_SELECT} WHERE id = ?`, [date ?? '', id]);
  return row && toDriver(row);
}

export async function saveDriver(tx: Queryable, siteId: string, d: Omit<Driver, 'available'>, now: number): Promise<void> {
  await tx.run(
    `INSERT INTO route_drivers (id, site_id, name, phone, skills, active, created_at, updated_at)
     VALUES ($id, $site, $name, $phone, $skills, $active, $now, $now)
     ON CONFLICT (id) DO UPDATE SET name = $name, phone = $phone, skills = $skills, active = $active, updated_at = $now`,
    {
      $id: d.id,
      $site: siteId,
      $name: d.name,
      $phone: d.phone,
      $skills: JSON.stringify(d.skills),
      $active: d.active ? 1 : 0,
      $now: now,
    },
  );
}

export async function setAbsence(
  tx: Queryable,
  siteId: string,
  date: string,
  kind: 'vehicle' | 'driver',
  id: string,
  away: boolean,
): Promise<void> {
  if (away) {
    await tx.run(
      'INSERT OR IGNORE INTO route_absences (site_id, date, kind, resource_id) VALUES (?, ?, ?, ?)',
      [siteId, date, kind, id],
    );
  } else {
    await tx.run(
      'DELETE FROM route_absences WHERE site_id = ? AND date = ? AND kind = ? AND resource_id = ?',
      [siteId, date, kind, id],
    );
  }
}

export async function nameTaken(
  db: Readable,
  table: 'route_vehicles' | 'route_drivers',
  siteId: string,
  name: string,
  exceptId: string | null,
): Promise<boolean> {
  const row = await db.get<{ id: string }>(
    `SELECT id FROM ${table} WHERE site_id = ? AND name = ? COLLATE NOCASE AND id IS NOT ?`,
    [siteId, name, exceptId],
  );
  return row !== undefined;
}
