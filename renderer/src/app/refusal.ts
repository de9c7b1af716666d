import type { Door, FreeSlot } from '@shared/contract';
import { isoDate } from '@shared/domain/time';
import { ApiError } from '../lib/api/client';
import { clock, shortDate, timeOfDay } from '../lib/format';
import type { Translate } from '../lib/i18n';
import { reasonText } from '../lib/input-issues';

/** Another booking with the same reference, as core reports it with `duplicate_reference`. */
export interface DuplicateBooking {
  id: string;
  reference: string;
  carrierName: string;
  doorId: string;
  startAt: number;
  endAt: number;
}

interface RefusalDetails {
  reason?: 'overlap' | 'outside_hours' | 'name_taken' | 'duplicate_reference';
  duplicates?: DuplicateBooking[];
  doorId?: string;
  startAt?: number;
  endAt?: number;
  conflictWith?: { reference: string; carrierName: string; startAt: number; endAt: number };
  nextFree?: FreeSlot | null;
  issues?: { path: string[] }[];
  field?: string;
}

export interface Refusal {
  message: string;
  /** The field the message is about, when core named one. */
  field?: string;
  nextFree?: FreeSlot | null;
  nextFreeText?: string;
  /**
   * Not an error but a warning: the reference is already booked. The operator either fixes the
   * reference or confirms this is another delivery on the same order.
   */
  duplicateOf?: DuplicateBooking[];
}

/** Turns a refused booking into what the operator needs: why, and where it could go instead. */
export function describeRefusal(
  err: unknown,
  doors: readonly Door[],
  timeZone: string,
  t: Translate,
  locale: string,
): Refusal {
  if (!(err instanceof ApiError)) return { message: err instanceof Error ? err.message : String(err) };
  const details = (err.details ?? {}) as RefusalDetails;
  const refusal: Refusal = {
    message: localMessage(details, doors, timeZone, t, locale) ?? reasonText(err, t) ?? err.message,
    field: details.field ?? details.issues?.[0]?.path[0],
  };
  if (details.reason === 'duplicate_reference' && details.duplicates?.length) {
    refusal.duplicateOf = details.duplicates;
  }
  if ('nextFree' in details) {
    refusal.nextFree = details.nextFree ?? null;
    refusal.nextFreeText = details.nextFree
      ? t('appt.nextFree', {
          door: doors.find((d) => d.id === details.nextFree!.doorId)?.name ?? '?',
          time: clock(details.nextFree.startAt, timeZone),
          date: shortDate(isoDate(details.nextFree.startAt, timeZone), locale),
        })
      : t('appt.noFreeSlot');
  }
  return refusal;
}

/** The operator's language for the refusals core explains in detail; others keep core's text. */
function localMessage(
  d: RefusalDetails,
  doors: readonly Door[],
  timeZone: string,
  t: Translate,
  locale: string,
): string | null {
  const door = doors.find((x) => x.id === d.doorId);
  if (d.reason === 'duplicate_reference' && d.duplicates?.length) {
    const first = d.duplicates[0]!;
    return t(d.duplicates.length === 1 ? 'refusal.duplicateReference' : 'refusal.duplicateReferenceMany', {
      reference: first.reference,
      carrier: first.carrierName,
      door: doors.find((x) => x.id === first.doorId)?.name ?? '?',
      date: shortDate(isoDate(first.startAt, timeZone), locale),
      time: clock(first.startAt, timeZone),
      more: d.duplicates.length - 1,
    });
  }
  if (d.reason === 'overlap' && door && d.conflictWith) {
    const c = d.conflictWith;
    return t('refusal.overlap', {
      door: door.name,
      from: clock(c.startAt, timeZone),
      to: clock(c.endAt, timeZone),
      carrier: c.carrierName,
      reference: c.reference,
    });
  }
  if (d.reason === 'outside_hours' && door && d.startAt !== undefined && d.endAt !== undefined) {
    return t('refusal.outsideHours', {
      door: door.name,
      opens: timeOfDay(door.opensAt),
      closes: timeOfDay(door.closesAt),
      from: clock(d.startAt, timeZone),
      to: clock(d.endAt, timeZone),
    });
  }
  if (d.reason === 'name_taken') return t('refusal.nameTaken');
  return null;
}
