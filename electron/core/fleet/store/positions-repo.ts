/**
 * SQL for stored positions: batched inserts, range reads, running totals and retention. Rows are
 * integers (see migration 0006): degrees × 10^6, tenths of km/h, whole degrees, metres, seconds.
 */
import type { Queryable, Readable } from '../../db/connection';

/** [tracker, t, lat e6, lon e6, km/h × 10, course°, altitude m, accuracy m, battery %, odo m, eng s] */
export type PositionRow = [
  number,
  number,
  number,
  number,
  number,
  number | null,
  number | null,
  number | null,
  number | null,
  number,
  number,
];

export interface PositionValues {
  tracker: number;
  t: number;
  lat: number;
  lon: number;
  speedKmh: number;
  course: number | null;
  altitudeM: number | null;
  accuracyM: number | null;
  battery: number | null;
  odoM: number;
  engS: number;
}

const round = (v: number | null) => (v === null ? null : Math.round(v));

export function encodeRow(p: PositionValues): PositionRow {
  return [
    p.tracker,
    Math.round(p.t),
    Math.round(p.lat * 1e6),
    Math.round(p.lon * 1e6),
    Math.round(p.speedKmh * 10),
    p.course === null ? null : Math.round(p.course) % 360,
    round(p.altitudeM),
    round(p.accuracyM),
    round(p.battery),
    Math.round(p.odoM),
    Math.round(p.engS),
  ];
}

const COLUMNS = 'tracker, t, lat_e6, lon_e6, speed_dkmh, course, alt, acc, batt, odo, eng';

/**
 * Inserts rows, ignoring any that repeat a stored (tracker, time): a duplicate fix is dropped by
 * the primary key, not read back first, and rows of a tracker deleted meanwhile are left out. Rows
 * travel as one JSON text per chunk, so a batch of thousands is a handful of statements. Returns
 * how many were new.
 */
export async function insertPositions(tx: Queryable, rows: PositionRow[], chunk = 5000): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += chunk) {
    const r = await tx.run(
      `INSERT OR IGNORE INTO fleet_positions (${COLUMNS})
       SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6, value->>7, value->>8,
         value->>9, value->>10
       FROM json_each(?) WHERE value->>0 IN (SELECT key FROM fleet_trackers)`,
      [JSON.stringify(rows.slice(i, i + chunk))],
    );
    inserted += r.changes;
  }
  return inserted;
}

/**
 * A fix older than anything still in memory: its running totals are the stored fix before it's
 * (a late fix adds no distance; it fills in the track).
 */
export async function insertLatePosition(tx: Queryable, row: PositionRow): Promise<number> {
  const [tracker, t] = row;
  const r = await tx.run(
    `INSERT OR IGNORE INTO fleet_positions (${COLUMNS})
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,
       COALESCE((SELECT odo FROM fleet_positions WHERE tracker = ? AND t < ? ORDER BY t DESC LIMIT 1), 0),
       COALESCE((SELECT eng FROM fleet_positions WHERE tracker = ? AND t < ? ORDER BY t DESC LIMIT 1), 0))`,
    [...row.slice(0, 9), tracker, t, tracker, t] as (number | null)[],
  );
  return r.changes;
}

export interface StoredPoint {
  t: number;
  lat: number;
  lon: number;
  speed: number;
  course: number | null;
  odo: number;
  eng: number;
}

/** One tracker over [from, to), time-ordered. */
export function track(db: Readable, tracker: number, from: number, to: number): Promise<StoredPoint[]> {
  return db.all<StoredPoint>(
    `SELECT t, lat_e6 / 1e6 AS lat, lon_e6 / 1e6 AS lon, speed_dkmh / 10.0 AS speed, course, odo, eng
     FROM fleet_positions WHERE tracker = ? AND t >= ? AND t < ? ORDER BY t`,
    [tracker, from, to],
  );
}

/**
 * Several trackers over one range, each as one text of integers, five per fix: milliseconds after
 * `from`, degrees × 10^6, degrees × 10^6, km/h × 10, course (-1 unknown) — the replay wire format
 * (`shared/domain/fleet/track-codec.ts` reads it). SQLite joins the integers, so a replay of
 * hundreds of vehicles is a few hundred rows and core never parses what it only forwards (one
 * printf per row: measured faster than joining the five with ||).
 * Aggregates take rows in the primary key's scan order (time); the decoder checks it.
 */
export async function packedTracks(
  db: Readable,
  trackers: number[],
  from: number,
  to: number,
): Promise<Map<number, string>> {
  if (trackers.length === 0) return new Map();
  const rows = await db.all<{ tracker: number; pts: string | null }>(
    `SELECT k.value AS tracker,
       (SELECT group_concat(printf('%d,%d,%d,%d,%d', t - $from, lat_e6, lon_e6, speed_dkmh, ifnull(course, -1)), ',')
        FROM fleet_positions WHERE tracker = k.value AND t >= $from AND t < $to) AS pts
     FROM json_each($trackers) k`,
    { $from: from, $to: to, $trackers: JSON.stringify(trackers) },
  );
  return new Map(rows.map((r) => [r.tracker, r.pts ?? '']));
}

/** The running totals at an instant: the last stored fix at or before it. */
export async function totalsAt(
  db: Readable,
  tracker: number,
  at: number,
): Promise<{ odo: number; eng: number } | undefined> {
  return db.get<{ odo: number; eng: number }>(
    'SELECT odo, eng FROM fleet_positions WHERE tracker = ? AND t <= ? ORDER BY t DESC LIMIT 1',
    [tracker, at],
  );
}

/** Deletes one tracker's positions older than `before`, at most `limit` rows; returns how many. */
export async function deleteOlder(
  tx: Queryable,
  tracker: number,
  before: number,
  limit: number,
): Promise<number> {
  const r = await tx.run(
    `DELETE FROM fleet_positions WHERE tracker = ? AND t IN
       (SELECT t FROM fleet_positions WHERE tracker = ? AND t < ? ORDER BY t LIMIT ?)`,
    [tracker, tracker, before, limit],
  );
  return r.changes;
}
