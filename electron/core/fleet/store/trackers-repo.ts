/** SQL for trackers (the allow-list of device ids) and their last known state. */
import type { Tracker } from '@shared/contract';
import type { Queryable, Readable } from '../../db/connection';

export interface TrackerRow extends Tracker {
  /** The compact integer key positions are stored under. */
  key: number;
}

interface Row {
  key: number;
  id: string;
  uid: string;
  name: string;
  vehicle_id: string | null;
  enabled: number;
  created_at: number;
}

const toTracker = (r: Row): TrackerRow => ({
  key: r.key,
  id: r.id,
  uid: r.uid,
  name: r.name,
  vehicleId: r.vehicle_id,
  enabled: r.enabled === 1,
  createdAt: r.created_at,
});

export async function listTrackers(db: Readable, siteId: string): Promise<TrackerRow[]> {
  const rows = await db.all<Row>(
    'SELECT key, id, uid, name, vehicle_id, enabled, created_at FROM fleet_trackers WHERE site_id = ? ORDER BY uid',
    [siteId],
  );
  return rows.map(toTracker);
}

export async function getTracker(db: Readable, id: string): Promise<TrackerRow | undefined> {
  const r = await db.get<Row>(
    'SELECT key, id, uid, name, vehicle_id, enabled, created_at FROM fleet_trackers WHERE id = ?',
    [id],
  );
  return r && toTracker(r);
}

export async function trackerBy(
  db: Readable,
  column: 'uid' | 'vehicle_id',
  value: string,
): Promise<TrackerRow | undefined> {
  const r = await db.get<Row>(
    `SELECT key, id, uid, name, vehicle_id, enabled, created_at FROM fleet_trackers WHERE ${column} = ?`,
    [value],
  );
  return r && toTracker(r);
}

export async function saveTracker(tx: Queryable, siteId: string, t: Tracker, now: number): Promise<void> {
  await tx.run(
    `INSERT INTO fleet_trackers (id, site_id, uid, name, vehicle_id, enabled, created_at, updated_at)
     VALUES ($id, $site, $uid, $name, $vehicle, $enabled, $created, $now)
     ON CONFLICT (id) DO UPDATE SET uid = $uid, name = $name, vehicle_id = $vehicle, enabled = $enabled, updated_at = $now`,
    {
      $id: t.id,
      $site: siteId,
      $uid: t.uid,
      $name: t.name,
      $vehicle: t.vehicleId,
      $enabled: t.enabled ? 1 : 0,
      $created: t.createdAt,
      $now: now,
    },
  );
}

/** Removes a tracker with everything recorded from it. */
export async function deleteTracker(tx: Queryable, t: TrackerRow): Promise<void> {
  await tx.run('DELETE FROM fleet_positions WHERE tracker = ?', [t.key]);
  await tx.run('DELETE FROM fleet_alerts WHERE tracker = ?', [t.key]);
  await tx.run('DELETE FROM fleet_trackers WHERE key = ?', [t.key]);
}

/** The last accepted fix of a tracker and what has been derived from the fixes so far. */
export interface TrackState {
  t: number;
  lat: number;
  lon: number;
  speed: number;
  course: number | null;
  acc: number | null;
  batt: number | null;
  /** Running distance (m) and moving time (s). */
  odo: number;
  eng: number;
  moving: boolean;
  /** When the current moving or standing period began. */
  since: number;
  ignition: boolean | null;
}

interface StateRow {
  tracker: number;
  t: number;
  lat: number;
  lon: number;
  speed: number;
  course: number | null;
  acc: number | null;
  batt: number | null;
  odo: number;
  eng: number;
  moving: number;
  since: number;
  ignition: number | null;
}

export async function loadStates(db: Readable): Promise<Map<number, TrackState>> {
  const rows = await db.all<StateRow>('SELECT * FROM fleet_tracker_state');
  return new Map(
    rows.map((r) => [
      r.tracker,
      {
        t: r.t,
        lat: r.lat,
        lon: r.lon,
        speed: r.speed,
        course: r.course,
        acc: r.acc,
        batt: r.batt,
        odo: r.odo,
        eng: r.eng,
        moving: r.moving === 1,
        since: r.since,
        ignition: r.ignition === null ? null : r.ignition === 1,
      },
    ]),
  );
}

/**
 * Writes many trackers' states in one statement (JSON rows keep it one round trip). A tracker
 * deleted while its fixes waited for the batch is skipped, not allowed to fail the batch.
 */
export async function saveStates(tx: Queryable, states: [number, TrackState][]): Promise<void> {
  if (states.length === 0) return;
  const rows = states.map(([k, s]) => [
    k,
    s.t,
    s.lat,
    s.lon,
    s.speed,
    s.course,
    s.acc,
    s.batt,
    s.odo,
    s.eng,
    s.moving ? 1 : 0,
    s.since,
    s.ignition === null ? null : s.ignition ? 1 : 0,
  ]);
  await tx.run(
    `INSERT OR REPLACE INTO fleet_tracker_state (tracker, t, lat, lon, speed, course, acc, batt, odo, eng, moving, since, ignition)
     SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6, value->>7, value->>8,
       value->>9, value->>10, value->>11, value->>12
     FROM json_each(?) WHERE value->>0 IN (SELECT key FROM fleet_trackers)`,
    [JSON.stringify(rows)],
  );
}
