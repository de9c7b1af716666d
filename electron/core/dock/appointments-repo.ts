import type { Queryable, Readable } from '../db/connection';
import type { Appointment, Carrier, LoadType } from '@shared/contract';
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
}

export const SELECT_APPOINTMENTS = `SELECT a.id, a.door_id, a.carrier_id, c.name AS carrier_name, a.reference, a.reference_key, a.start_at, a.end_at,
  a.load_type, a.pallets, a.notes, a.status, a.cancel_reason
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
    $now: now,
  };
}

export async function insertAppointment(db: Queryable, a: Appointment, now: number): Promise<void> {
  await db.run(
    `INSERT INTO appointments (id, door_id, carrier_id, reference, reference_key, start_at, end_at, load_type, pallets,
       notes, status, cancel_reason, created_at, updated_at)
     VALUES ($id, $doorId, $carrierId, $reference, $referenceKey, $startAt, $endAt, $loadType, $pallets,
       $notes, $status, $cancelReason, $now, $now)`,
    rowParams(a, now),
  );
}

export async function updateAppointment(db: Queryable, a: Appointment, now: number): Promise<void> {
  await db.run(
    `UPDATE appointments SET door_id = $doorId, carrier_id = $carrierId, reference = $reference,
       reference_key = $referenceKey, start_at = $startAt, end_at = $endAt, load_type = $loadType, pallets = $pallets, notes = $notes, status = $status,
       cancel_reason = $cancelReason, updated_at = $now
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
