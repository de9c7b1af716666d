import type { Appointment, Door } from '@shared/contract';
import { minuteOfDay } from '@shared/domain/time';

export const PX_PER_MIN = 2;
export const ROW_HEIGHT = 64;
export const SNAP_MIN = 15;

/** The hours the board shows: from the earliest opening to the latest closing, whole hours. */
export function boardSpan(doors: readonly Door[]): { from: number; to: number } {
  if (doors.length === 0) return { from: 6 * 60, to: 22 * 60 };
  const from = Math.min(...doors.map((d) => d.opensAt));
  const to = Math.max(...doors.map((d) => d.closesAt));
  return { from: Math.floor(from / 60) * 60, to: Math.ceil(to / 60) * 60 };
}

/** Horizontal place and width of an appointment on the day `dayStart..dayEnd`, in minutes. */
export function blockMinutes(
  a: Pick<Appointment, 'startAt' | 'endAt'>,
  day: { start: number; end: number },
  timeZone: string,
): { left: number; width: number } {
  const start = Math.max(a.startAt, day.start);
  const end = Math.min(a.endAt, day.end);
  const left = a.startAt < day.start ? 0 : minuteOfDay(start, timeZone);
  return { left, width: Math.max(SNAP_MIN / 3, (end - start) / 60_000) };
}

export function snap(minutes: number, step = SNAP_MIN): number {
  return Math.round(minutes / step) * step;
}
