import type { Appointment, Door } from '@shared/contract';
import { minuteOfDay } from '@shared/domain/time';

export const ROW_HEIGHT = 48;
export const SNAP_MIN = 15;
/** Below this the day no longer fits the window and the board scrolls sideways (door names stay). */
export const MIN_PX_PER_MIN = 0.75;
const DAY_MIN = 24 * 60;

/**
 * The hours the board shows: the working day, from the earliest opening to the latest closing in
 * whole hours. A door open round the clock would stretch every board to 24 hours and squeeze
 * the real day into a third of it, so such doors do not set the span (their whole lane is open
 * anyway); any appointment outside the span widens it, so nothing booked is ever off the board.
 */
export function boardSpan(
  doors: readonly Pick<Door, 'opensAt' | 'closesAt'>[],
  booked: readonly { left: number; width: number }[] = [],
): { from: number; to: number } {
  const shaped = doors.filter((d) => d.closesAt - d.opensAt < DAY_MIN);
  let from = shaped.length ? Math.min(...shaped.map((d) => d.opensAt)) : doors.length ? 0 : 6 * 60;
  let to = shaped.length ? Math.max(...shaped.map((d) => d.closesAt)) : doors.length ? DAY_MIN : 22 * 60;
  for (const b of booked) {
    from = Math.min(from, b.left);
    to = Math.max(to, b.left + b.width);
  }
  return { from: Math.floor(from / 60) * 60, to: Math.min(DAY_MIN, Math.ceil(to / 60) * 60) };
}

/** Pixels per minute so the span fills the lane width, never so few that blocks become slivers. */
export function pxPerMinute(laneWidth: number, span: { from: number; to: number }): number {
  const minutes = Math.max(60, span.to - span.from);
  return Math.max(MIN_PX_PER_MIN, laneWidth / minutes);
}

/**
 * What a block of this width shows; the rest is in its tooltip and accessible name.
 * - `full`: time, carrier, reference and pallets
 * - `two`: carrier and reference
 * - `ref`: the reference alone (what the dock office asks for on the phone)
 * - `none`: colour only
 */
export type BlockLabel = 'full' | 'two' | 'ref' | 'none';

export function blockLabel(widthPx: number): BlockLabel {
  if (widthPx >= 104) return 'full';
  if (widthPx >= 46) return 'two';
  if (widthPx >= 22) return 'ref';
  return 'none';
}

/** Width of a character in a block's 11 px text (digits, as measured in Chromium), for fitting references. */
export const BLOCK_CHAR_PX = 7.2;

/**
 * A reference cut to what fits in `widthPx`, keeping its end: references share their beginning
 * ("PO-48213", "PO-48219") and differ in their last digits, which is what the office reads out.
 */
export function fitTail(text: string, widthPx: number, charPx = BLOCK_CHAR_PX): string {
  const room = Math.floor(widthPx / charPx);
  if (text.length <= room) return text;
  return room <= 1 ? '' : `…${text.slice(text.length - (room - 1))}`;
}

/** Hour marks to label: every hour when an hour is wide enough for "05:00", else every other. */
export function hourMarks(span: { from: number; to: number }, pxPerMin: number): number[] {
  const step = pxPerMin * 60 >= 40 ? 60 : 120;
  const marks: number[] = [];
  for (let m = Math.ceil(span.from / step) * step; m < span.to; m += step) marks.push(m);
  return marks;
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
