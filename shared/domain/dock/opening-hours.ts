import type { Appointment, Door, FreeSlot } from '../../contract';
import { SLOT_MINUTES } from '../../contract';
import { addDays, atMinuteOfDay, isoDate } from '../time';

const SLOT_MS = SLOT_MINUTES * 60_000;
const SEARCH_DAYS = 14;

export function isAlwaysOpen(door: Pick<Door, 'opensAt' | 'closesAt'>): boolean {
  return door.opensAt === 0 && door.closesAt === 1440;
}

/** The door's open interval on the site-local day `date`. */
export function openInterval(door: Pick<Door, 'opensAt' | 'closesAt'>, date: string, timeZone: string) {
  return {
    open: atMinuteOfDay(date, door.opensAt, timeZone),
    close: atMinuteOfDay(date, door.closesAt, timeZone),
  };
}

/**
 * Whether [startAt, endAt) lies inside one day's opening hours. A door open around the clock
 * takes appointments across midnight too.
 */
export function withinOpeningHours(door: Door, startAt: number, endAt: number, timeZone: string): boolean {
  if (isAlwaysOpen(door)) return true;
  const { open, close } = openInterval(door, isoDate(startAt, timeZone), timeZone);
  return startAt >= open && endAt <= close;
}

function roundUpToSlot(ms: number): number {
  return Math.ceil(ms / SLOT_MS) * SLOT_MS;
}

/**
 * The earliest start at or after `after` where an appointment of `durationMs` fits on `door`
 * between the `booked` ones (sorted by start) and inside opening hours, looking two weeks ahead.
 */
export function nextFreeSlot(
  door: Door,
  booked: readonly Appointment[],
  after: number,
  durationMs: number,
  timeZone: string,
): FreeSlot | null {
  const firstDate = isoDate(after, timeZone);
  for (let d = 0; d < SEARCH_DAYS; d++) {
    const { open, close } = openInterval(door, addDays(firstDate, d), timeZone);
    let candidate = roundUpToSlot(Math.max(after, open));
    for (const b of booked) {
      if (b.endAt <= candidate || b.startAt >= close) continue;
      if (candidate + durationMs <= b.startAt) break;
      candidate = roundUpToSlot(Math.max(candidate, b.endAt));
    }
    if (candidate + durationMs <= close) {
      return { doorId: door.id, startAt: candidate, endAt: candidate + durationMs };
    }
  }
  return null;
}

export const FREE_SLOT_SEARCH_MS = SEARCH_DAYS * 86_400_000;
