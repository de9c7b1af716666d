import { AppError, type Appointment } from '../../contract';
import { formatHhMm, isoDate, minuteOfDay } from '../time';
import type { DockStore } from './store';

/**
 * How far either side of a booking another one with the same reference counts as a duplicate.
 * A PO or booking number is delivered once; the same number weeks apart is usually a new order
 * that reuses it, and nagging about it would teach operators to click warnings away.
 */
export const DUPLICATE_REFERENCE_WINDOW_MS = 14 * 86_400_000;

/**
 * The key a reference is stored and looked up by, computed here for the workstation (SQLite) and
 * the server (PostgreSQL) alike: trimmed, composed (NFC) and lower-cased the same way on both, so
 * "ÅKE-1 " and "åke-1" are one order everywhere. Neither database's own lower() is used: SQLite's
 * folds ASCII only and PostgreSQL's depends on the cluster's locale.
 */
export function referenceKey(reference: string): string {
  return reference.trim().normalize('NFC').toLocaleLowerCase('en');
}

/** References compare without case or surrounding spaces: "prb-1 " and "PRB-1" are one order. */
export function sameReference(a: string, b: string): boolean {
  return referenceKey(a) === referenceKey(b);
}

/**
 * Refuses a booking whose reference another booked appointment near it already uses, unless the
 * operator has seen that and confirmed (a second delivery on one order is real). The refusal is a
 * `conflict` with reason `duplicate_reference` and the other bookings, so the UI can show them
 * and offer "book anyway".
 */
export async function assertReferenceUnused(
  s: Pick<DockStore, 'bookedWithReference' | 'getDoor'>,
  input: { reference: string; startAt: number; excludeId?: string; confirmed: boolean },
  timeZone: string,
): Promise<void> {
  if (input.confirmed) return;
  const others = (
    await s.bookedWithReference(
      referenceKey(input.reference),
      input.startAt - DUPLICATE_REFERENCE_WINDOW_MS,
      input.startAt + DUPLICATE_REFERENCE_WINDOW_MS,
      input.excludeId,
    )
  ).filter((a) => sameReference(a.reference, input.reference));
  if (others.length === 0) return;
  const first = others[0]!;
  const when = `${isoDate(first.startAt, timeZone)} ${formatHhMm(minuteOfDay(first.startAt, timeZone))}`;
  throw new AppError(
    'conflict',
    `Reference ${first.reference} is already booked: ${first.carrierName} at ${(await s.getDoor(first.doorId))?.name ?? 'a door'} on ${when}. ` +
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
