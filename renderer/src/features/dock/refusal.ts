import type { Door, FreeSlot } from '@shared/contract';
import { formatHhMm, isoDate } from '@shared/domain/time';
import { ApiError } from '../../lib/api/client';
import { clock } from '../../lib/format';
import type { Translate } from '../../lib/i18n';
import { reasonText } from '../../lib/input-issues';

interface RefusalDetails {
  reason?: 'overlap' | 'outside_hours' | 'name_taken';
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
}

/** Turns a refused booking into what the operator needs: why, and where it could go instead. */
export function describeRefusal(
  err: unknown,
  doors: readonly Door[],
  timeZone: string,
  t: Translate,
): Refusal {
  if (!(err instanceof ApiError)) return { message: err instanceof Error ? err.message : String(err) };
  const details = (err.details ?? {}) as RefusalDetails;
  const refusal: Refusal = {
    message: localMessage(details, doors, timeZone, t) ?? reasonText(err, t) ?? err.message,
    field: details.field ?? details.issues?.[0]?.path[0],
  };
  if ('nextFree' in details) {
    refusal.nextFree = details.nextFree ?? null;
    refusal.nextFreeText = details.nextFree
      ? t('appt.nextFree', {
          door: doors.find((d) => d.id === details.nextFree!.doorId)?.name ?? '?',
          time: clock(details.nextFree.startAt, timeZone),
          date: isoDate(details.nextFree.startAt, timeZone),
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
): string | null {
  const door = doors.find((x) => x.id === d.doorId);
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
      opens: formatHhMm(door.opensAt),
      closes: formatHhMm(door.closesAt),
      from: clock(d.startAt, timeZone),
      to: clock(d.endAt, timeZone),
    });
  }
  if (d.reason === 'name_taken') return t('refusal.nameTaken');
  return null;
}
