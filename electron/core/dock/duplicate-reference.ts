import { AppError, type Appointment } from '@shared/contract';
import { formatHhMm, isoDate, minuteOfDay } from '@shared/domain/time';
import type { Readable } from '../db/connection';
import { listAppointmentsBetween } from './appointments-repo';

/**
 * How far either side of a booking another one with the same reference counts as a duplicate.
 * A PO or booking number is delivered once; the same number weeks apart is usually a new order
 * that reuses it, and nagging about it would teach operators to click warnings away.
 */
export const DUPLICATE_REFERENCE_WINDOW_MS = 14 * 86_400_000;

/** References compare without case or surrounding spaces: "prb-1 " and "PRB-1" are one order. */
export function sameReference(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase('en') === b.trim().toLocaleLowerCase('en');
}

/**
 * Refuses a booking whose reference another booked appointment near it already uses, unless the
 * operator has seen that and confirmed (a second delivery on one order is real). The refusal is a
 * `conflict` with reason `duplicate_reference` and the other bookings, so the UI can show them
 * and offer "book anyway".
 */
export async function assertReferenceUnused(
  db: Readable,
  input: { reference: string; startAt: number; excludeId?: string; confirmed: boolean },
  timeZone: string,
  doorName: (doorId: string) => Promise<string>,
): Promise<void> {
  if (input.confirmed) return;
  // Compared here rather than in SQL: SQLite's lower() folds ASCII only ("Å" stays "Å").
  const others = (
    await listAppointmentsBetween(
      db,
      input.startAt - DUPLICATE_REFERENCE_WINDOW_MS,
      input.startAt + DUPLICATE_REFERENCE_WINDOW_MS,
      { excludeId: input.excludeId },
    )
  ).filter((a) => sameReference(a.reference, input.reference));
  if (others.length === 0) return;
  const first = others[0]!;
  const when = `${isoDate(first.startAt, timeZone)} ${formatHhMm(minuteOfDay(first.startAt, timeZone))}`;
  throw new AppError(
    'conflict',
    `Reference ${first.reference} is already booked: ${first.carrierName} at ${await doorName(first.doorId)} on ${when}. ` +
      'Check the reference, or book it anyway if this is another delivery on the same order.',
    { reason: 'duplicate_reference', field: 'reference', duplicates: others.map(summary) },
  );
}

function summary(a: Appointment) {
  return {
    id: a.id,
    reference: a.reference,
    carrierName: a.carrierName,
    doorId: a.doorId,
    startAt: a.startAt,
    endAt: a.endAt,
  };
}
