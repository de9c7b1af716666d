/** SQL for geofences, alert rules and the alerts they raised. */
import type { AlertKind, AlertRule, Geofence, GeofenceShape, RuleKind } from '@shared/contract';
import type { Queryable, Readable } from '../../db/connection';

export interface GeofenceRow {
  id: string;
  name: string;
  shape: string;
  color: string;
  created_at: number;
  updated_at: number;
}

export function toGeofence(r: GeofenceRow): Geofence {
  return {
    id: r.id,
    name: r.name,
    shape: JSON.parse(r.shape) as GeofenceShape,
    color: r.color,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function listGeofences(db: Readable, siteId: string): Promise<Geofence[]> {
  const rows = await db.all<GeofenceRow>(
    'SELECT * FROM fleet_geofences WHERE site_id = ? ORDER BY name COLLATE NOCASE',
    [siteId],
  );
  return rows.map(toGeofence);
}

export async function getGeofence(db: Readable, id: string): Promise<Geofence | undefined> {
  const row = await db.get<GeofenceRow>('SELECT * FROM fleet_geofences WHERE id = ?', [id]);
  return row && toGeofence(row);
}

export async function saveGeofence(tx: Queryable, siteId: string, g: Geofence): Promise<void> {
  await tx.run(
    `INSERT INTO fleet_geofences (id, site_id, name, shape, color, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, shape = excluded.shape, color = excluded.color, updated_at = excluded.updated_at`,
    [g.id, siteId, g.name, JSON.stringify(g.shape), g.color, g.createdAt, g.updatedAt],
  );
}

export async function deleteGeofence(tx: Queryable, id: string): Promise<number> {
  // Rules on it go with it (ON DELETE CASCADE); the alerts it raised stay as history.
  return (await tx.run('DELETE FROM fleet_geofences WHERE id = ?', [id])).changes;
}

export interface RuleRow {
  id: string;
  name: string;
  kind: RuleKind;
  geofence_id: string | null;
  speed_limit_kmh: number | null;
  minutes: number | null;
  vehicle_ids: string;
  active: number;
}

export async function listRules(db: Readable, siteId: string): Promise<AlertRule[]> {
  const rows = await db.all<RuleRow>(
    'SELECT * FROM fleet_rules WHERE site_id = ? ORDER BY name COLLATE NOCASE',
    [siteId],
  );
  return rows.map(toRule);
}

export function toRule(r: RuleRow): AlertRule {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    geofenceId: r.geofence_id,
    speedLimitKmh: r.speed_limit_kmh,
    minutes: r.minutes,
    vehicleIds: JSON.parse(r.vehicle_ids) as string[],
    active: r.active === 1,
  };
}

export async function getRule(db: Readable, id: string): Promise<AlertRule | undefined> {
  const row = await db.get<RuleRow>('SELECT * FROM fleet_rules WHERE id = ?', [id]);
  return row && toRule(row);
}

export async function saveRule(tx: Queryable, siteId: string, r: AlertRule, now: number): Promise<void> {
  await tx.run(
    `INSERT INTO fleet_rules (id, site_id, name, kind, geofence_id, speed_limit_kmh, minutes, vehicle_ids, active, created_at, updated_at)
     VALUES ($id, $site, $name, $kind, $geofence, $limit, $minutes, $vehicles, $active, $now, $now)
     ON CONFLICT (id) DO UPDATE SET name = $name, kind = $kind, geofence_id = $geofence, speed_limit_kmh = $limit,
       minutes = $minutes, vehicle_ids = $vehicles, active = $active, updated_at = $now`,
    {
      $id: r.id,
      $site: siteId,
      $name: r.name,
      $kind: r.kind,
      $geofence: r.geofenceId,
      $limit: r.speedLimitKmh,
      $minutes: r.minutes,
      $vehicles: JSON.stringify(r.vehicleIds),
      $active: r.active ? 1 : 0,
      $now: now,
    },
  );
}

export async function deleteRule(tx: Queryable, id: string): Promise<number> {
  return (await tx.run('DELETE FROM fleet_rules WHERE id = ?', [id])).changes;
}

/** An alert as stored; names are looked up when listed. */
export interface StoredAlert {
  id: string;
  kind: AlertKind;
  ruleId: string | null;
  tracker: number;
  vehicleId: string | null;
  geofenceId: string | null;
  at: number;
  lat: number;
  lon: number;
  value: number | null;
  reference: string | null;
}

export async function insertAlert(tx: Queryable, a: StoredAlert): Promise<void> {
  await tx.run(
    `INSERT INTO fleet_alerts (id, kind, rule_id, tracker, vehicle_id, geofence_id, at, lat, lon, value, reference)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [a.id, a.kind, a.ruleId, a.tracker, a.vehicleId, a.geofenceId, a.at, a.lat, a.lon, a.value, a.reference],
  );
}

interface AlertRow {
  id: string;
  kind: AlertKind;
  rule_id: string | null;
  tracker: number;
  vehicle_id: string | null;
  geofence_id: string | null;
  at: number;
  lat: number;
  lon: number;
  value: number | null;
  reference: string | null;
  ack_at: number | null;
  ack_by: string | null;
}

export async function listAlerts(
  db: Readable,
  filter: { open: boolean; limit: number; before?: number },
): Promise<(StoredAlert & { acknowledgedAt: number | null; acknowledgedBy: string | null })[]> {
  const rows = await db.all<AlertRow>(
    `SELECT * FROM fleet_alerts WHERE (? = 0 OR ack_at IS NULL) AND (? IS NULL OR at < ?) ORDER BY at DESC LIMIT ?`,
    [filter.open ? 1 : 0, filter.before ?? null, filter.before ?? null, filter.limit],
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    ruleId: r.rule_id,
    tracker: r.tracker,
    vehicleId: r.vehicle_id,
    geofenceId: r.geofence_id,
    at: r.at,
    lat: r.lat,
    lon: r.lon,
    value: r.value,
    reference: r.reference,
    acknowledgedAt: r.ack_at,
    acknowledgedBy: r.ack_by,
  }));
}

export async function acknowledge(tx: Queryable, ids: string[], at: number, by: string): Promise<number> {
  const r = await tx.run(
    'UPDATE fleet_alerts SET ack_at = ?, ack_by = ? WHERE ack_at IS NULL AND id IN (SELECT value FROM json_each(?))',
    [at, by, JSON.stringify(ids)],
  );
  return r.changes;
}
