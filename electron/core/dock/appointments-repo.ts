import type { Queryable, Readable } from '../db/connection';
import type { Appointment, AppointmentSeries, Carrier, LoadType } from '@shared/contract';
import { referenceKey } from '@shared/domain/dock/duplicate-reference';

export interface AppointmentRow {
  id: string;
  door_id: string;
  carrier_id: string;
  carrier_name: string;
  reference: string;
  reference_key: string | null;
  start_at: number;
  end_at: number;
  load_type: LoadType;
  pallets: number;
  notes: string;
  status: 'booked' | 'cancelled';
  cancel_reason: string | null;
  series_id: string | null;
  occurrence_date: string | null;
  detached: number;
  timeline: string | null;
}

export const SELECT_APPOINTMENTS = `SELECT a.id, a.door_id, a.carrier_id, c.name AS carrier_name, a.reference, a.reference_key, a.start_at, a.end_at,
  a.load_type, a.pallets, a.notes, a.status, a.cancel_reason, a.series_id, a.occurrence_date, a.detached,
  a.timeline
  FROM appointments a JOIN carriers c ON c.id = a.carrier_id`;

export function toAppointment(r: AppointmentRow): Appointment {
  return {
    id: r.id,
    doorId: r.door_id,
    carrierId: r.carrier_id,
    carrierName: r.carrier_name,
    reference: r.reference,
    startAt: r.start_at,
    endAt: r.end_at,
    loadType: r.load_type,
    pallets: r.pallets,
    notes: r.notes,
    status: r.status,
    cancelReason: r.cancel_reason,
    seriesId: r.series_id,
    occurrenceDate: r.occurrence_date,
    // Only ever stored as true: a one-off booking's wire form has no `detached` at all.
    ...(r.detached ? { detached: true } : {}),
    ...(r.timeline ? { timeline: JSON.parse(r.timeline) as Appointment['timeline'] } : {}),
  };
}

export async function getAppointment(db: Readable, id: string): Promise<Appointment | undefined> {
  const row = await db.get<AppointmentRow>(`${SELECT_APPOINTMENTS} WHERE a.id = ?`, [id]);
  return row && toAppointment(row);
}

/** Appointments that overlap [from, to), booked ones only unless asked. */
export async function listAppointmentsBetween(
  db: Readable,
  from: number,
  to: number,
  options: { doorId?: string; includeCancelled?: boolean; excludeId?: string } = {},
): Promise<Appointment[]> {
  const rows = await db.all<AppointmentRow>(
    `${SELECT_APPOINTMENTS}
     WHERE a.start_at < ? AND a.end_at > ?
       AND (? IS NULL OR a.door_id = ?)
       AND (? OR a.status = 'booked')
       AND (? IS NULL OR a.id <> ?)
     ORDER BY a.start_at, a.id`,
    [
      to,
      from,
      options.doorId ?? null,
      options.doorId ?? null,
      options.includeCancelled ? 1 : 0,
      options.excludeId ?? null,
      options.excludeId ?? null,
    ],
  );
  return rows.map(toAppointment);
}

/** Named parameters shared by insert and update, so the two never disagree on a column. */
function rowParams(a: Appointment, now: number) {
  return {
    $id: a.id,
    $doorId: a.doorId,
    $carrierId: a.carrierId,
    $reference: a.reference,
    $referenceKey: referenceKey(a.reference),
    $startAt: a.startAt,
    $endAt: a.endAt,
    $loadType: a.loadType,
    $pallets: a.pallets,
    $notes: a.notes,
    $status: a.status,
    $cancelReason: a.cancelReason,
    $seriesId: a.seriesId ?? null,
    $occurrenceDate: a.occurrenceDate ?? null,
    $detached: a.detached ? 1 : 0,
    $timeline: a.timeline?.length ? JSON.stringify(a.timeline) : null,
    $now: now,
  };
}

export async function insertAppointment(db: Queryable, a: Appointment, now: number): Promise<void> {
  await db.run(
    `INSERT INTO appointments (id, door_id, carrier_id, reference, reference_key, start_at, end_at, load_type, pallets,
       notes, status, cancel_reason, series_id, occurrence_date, detached, timeline, created_at, updated_at)
     VALUES ($id, $doorId, $carrierId, $reference, $referenceKey, $startAt, $endAt, $loadType, $pallets,
       $notes, $status, $cancelReason, $seriesId, $occurrenceDate, $detached, $timeline, $now, $now)`,
    rowParams(a, now),
  );
}

export async function updateAppointment(db: Queryable, a: Appointment, now: number): Promise<void> {
  await db.run(
    `UPDATE appointments SET door_id = $doorId, carrier_id = $carrierId, reference = $reference,
       reference_key = $referenceKey, start_at = $startAt, end_at = $endAt, load_type = $loadType, pallets = $pallets,
       notes = $notes, status = $status, cancel_reason = $cancelReason, series_id = $seriesId,
       occurrence_date = $occurrenceDate, detached = $detached, timeline = $timeline, updated_at = $now
     WHERE id = $id`,
    rowParams(a, now),
  );
}

/** Booked appointments overlapping [from, to) whose reference key is `key`: an index lookup. */
export async function listBookedWithReference(
  db: Readable,
  key: string,
  from: number,
  to: number,
  excludeId: string | undefined,
): Promise<Appointment[]> {
  const rows = await db.all<AppointmentRow>(
    `${SELECT_APPOINTMENTS}
     WHERE a.reference_key = ? AND a.status = 'booked' AND a.start_at < ? AND a.end_at > ? AND (? IS NULL OR a.id <> ?)
     ORDER BY a.start_at, a.id`,
    [key, to, from, excludeId ?? null, excludeId ?? null],
  );
  return rows.map(toAppointment);
}

export async function countFutureBookings(db: Readable, doorId: string, from: number): Promise<number> {
  const row = await db.get<{ n: number }>(
    `SELECT COUNT(*) AS n FROM appointments WHERE door_id = ? AND status = 'booked' AND end_at > ?`,
    [doorId, from],
  );
  return row?.n ?? 0;
}

export async function listCarriers(db: Readable): Promise<Carrier[]> {
  return db.all<Carrier>('SELECT id, name FROM carriers ORDER BY name COLLATE NOCASE');
}

export function findCarrierByName(db: Readable, name: string): Promise<Carrier | undefined> {
  return db.get<Carrier>('SELECT id, name FROM carriers WHERE name = ? COLLATE NOCASE', [name]);
}

export async function insertCarrier(db: Queryable, carrier: Carrier, now: number): Promise<void> {
  await db.run('INSERT INTO carriers (id, name, created_at) VALUES (?, ?, ?)', [carrier.id, carrier.name, now]);
}

/** The carrier with this name (any case), created if new. */
export async function carrierByName(
  db: Queryable,
  name: string,
  newId: () => string,
  now: number,
): Promise<Carrier> {
  const found = await findCarrierByName(db, name);
  if (found) return found;
  const carrier = { id: newId(), name };
  await insertCarrier(db, carrier, now);
  return carrier;
}

export async function seriesOccurrences(db: Readable, seriesId: string): Promise<Appointment[]> {
  const rows = await db.all<AppointmentRow>(
    `${SELECT_APPOINTMENTS} WHERE a.series_id = ? ORDER BY a.occurrence_date, a.start_at, a.id`,
    [seriesId],
  );
  return rows.map(toAppointment);
}

export interface SeriesRow {
  id: string;
  door_id: string;
  carrier_id: string;
  carrier_name: string;
  reference: string;
  rrule: string;
  anchor_date: string;
  from_date: string;
  until_date: string | null;
  time: string;
  duration_min: number;
  load_type: LoadType;
  pallets: number;
  notes: string;
  status: 'active' | 'cancelled';
  cancel_reason: string | null;
}

export const SELECT_SERIES = `SELECT s.id, s.door_id, s.carrier_id, coalesce(c.name, '') AS carrier_name, s.reference, s.rrule,
  s.anchor_date, s.from_date, s.until_date, s.time, s.duration_min, s.load_type, s.pallets, s.notes, s.status,
  s.cancel_reason
  FROM appointment_series s LEFT JOIN carriers c ON c.id = s.carrier_id`;

export function toSeries(r: SeriesRow): AppointmentSeries {
  return {
    id: r.id,
    doorId: r.door_id,
    carrierId: r.carrier_id,
    carrierName: r.carrier_name,
    reference: r.reference,
    rrule: r.rrule,
    anchorDate: r.anchor_date,
    fromDate: r.from_date,
    untilDate: r.until_date,
    time: r.time,
    durationMin: r.duration_min,
    loadType: r.load_type,
    pallets: r.pallets,
    notes: r.notes,
    status: r.status,
    cancelReason: r.cancel_reason,
  };
}

export async function getSeries(db: Readable, id: string): Promise<AppointmentSeries | undefined> {
  const row = await db.get<SeriesRow>(`${SELECT_SERIES} WHERE s.id = ?`, [id]);
  return row && toSeries(row);
}

function seriesParams(x: AppointmentSeries, now: number) {
  return {
    $id: x.id,
    $doorId: x.doorId,
    $carrierId: x.carrierId,
    $reference: x.reference,
    $rrule: x.rrule,
    $anchorDate: x.anchorDate,
    $fromDate: x.fromDate,
    $untilDate: x.untilDate,
    $time: x.time,
    $durationMin: x.durationMin,
    $loadType: x.loadType,
    $pallets: x.pallets,
    $notes: x.notes,
    $status: x.status,
    $cancelReason: x.cancelReason,
    $now: now,
  };
}

export async function insertSeries(db: Queryable, x: AppointmentSeries, now: number): Promise<void> {
  await db.run(
    `INSERT INTO appointment_series (id, door_id, carrier_id, reference, rrule, anchor_date, from_date, until_date, time,
       duration_min, load_type, pallets, notes, status, cancel_reason, created_at, updated_at)
     VALUES ($id, $doorId, $carrierId, $reference, $rrule, $anchorDate, $fromDate, $untilDate, $time,
       $durationMin, $loadType, $pallets, $notes, $status, $cancelReason, $now, $now)`,
    seriesParams(x, now),
  );
}

export async function updateSeries(db: Queryable, x: AppointmentSeries, now: number): Promise<void> {
  await db.run(
    `UPDATE appointment_series SET door_id = $doorId, carrier_id = $carrierId, reference = $reference, rrule = $rrule,
       anchor_date = $anchorDate, from_date = $fromDate, until_date = $untilDate, time = $time,
       duration_min = $durationMin, load_type = $loadType, pallets = $pallets, notes = $notes, status = $status,
       cancel_reason = $cancelReason, updated_at = $now
     WHERE id = $id`,
    seriesParams(x, now),
  );
}

/** Appointments whose id starts with `prefix` (a gate pass names its appointment by one). */
export async function appointmentsByIdPrefix(db: Readable, prefix: string): Promise<Appointment[]> {
  const rows = await db.all<AppointmentRow>(`${SELECT_APPOINTMENTS} WHERE a.id >= ? AND a.id < ? ORDER BY a.id LIMIT 50`, [
    prefix,
    `${prefix}\uffff`,
  ]);
  return rows.map(toAppointment);
}
