import type { Door, FreeSlot } from '@shared/contract';
import { isoDate } from '@shared/domain/time';
import { ApiError } from '../../lib/api/client';
import { clock } from '../../lib/format';
import type { Translate } from '../../lib/i18n';

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
  const details = (err.details ?? {}) as {
    nextFree?: FreeSlot | null;
    issues?: { path: string[] }[];
    field?: string;
  };
  const refusal: Refusal = { message: err.message, field: details.field ?? details.issues?.[0]?.path[0] };
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
