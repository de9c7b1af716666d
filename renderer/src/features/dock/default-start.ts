import { atMinuteOfDay, isoDate } from '@shared/domain/time';
import { SNAP_MIN } from './board-geometry';

const STEP_MS = SNAP_MIN * 60_000;

/**
 * Where a new booking starts on the board's day: the next quarter hour when that day is today,
 * else 08:00. Late in the evening the next quarter hour is tomorrow; the booking stays on the day
 * the operator is looking at (the current quarter hour) instead of landing on another day.
 */
export function defaultStart(date: string, timeZone: string, now = Date.now()): number {
  if (isoDate(now, timeZone) !== date) return atMinuteOfDay(date, 8 * 60, timeZone);
  const next = Math.ceil(now / STEP_MS) * STEP_MS;
  return isoDate(next, timeZone) === date ? next : Math.floor(now / STEP_MS) * STEP_MS;
}
