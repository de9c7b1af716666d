/**
 * Wall-clock time in a site's time zone, with nothing but Intl. Appointments are stored as UTC
 * epoch milliseconds; the site's zone decides what "07:00 on 2026-11-23" means, including on the
 * days clocks change.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    partsFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock reading in `timeZone` at instant `ms`. */
export function wallTime(ms: number, timeZone: string): WallTime {
  const out: Record<string, number> = {};
  for (const p of partsFormatter(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return { year: out.year!, month: out.month!, day: out.day!, hour: out.hour!, minute: out.minute! };
}

function offsetMs(ms: number, timeZone: string): number {
  const w = wallTime(ms, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  return asUtc - (ms - (((ms % 60_000) + 60_000) % 60_000));
}

/**
 * The instant at which `timeZone` reads the given wall time. In a spring-forward gap the time is
 * read with the offset before the change (02:30 becomes 03:30); in the autumn overlap, the first.
 */
export function zonedToEpoch(w: WallTime, timeZone: string): number {
  const naive = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  // Zones change offset at most once within a day either side, so the offsets 12 hours before
  // and after bracket every answer.
  const before = naive - offsetMs(naive - 12 * 3_600_000, timeZone);
  const after = naive - offsetMs(naive + 12 * 3_600_000, timeZone);
  const reads = (ms: number) => {
    const r = wallTime(ms, timeZone);
    return (
      r.year === w.year &&
      r.month === w.month &&
      r.day === w.day &&
      r.hour === w.hour &&
      r.minute === w.minute
    );
  };
  const valid = [before, after].filter(reads);
  return valid.length > 0 ? Math.min(...valid) : before;
}

/** `YYYY-MM-DD` of the instant in the zone. */
export function isoDate(ms: number, timeZone: string): string {
  const w = wallTime(ms, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

export const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseIsoDate(date: string): { year: number; month: number; day: number } | null {
  const m = ISO_DATE.exec(date);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day)
    return null;
  return { year, month, day };
}

/** Start (inclusive) and end (exclusive) instants of a calendar day in the zone. */
export function dayBounds(date: string, timeZone: string): { start: number; end: number } {
  const d = parseIsoDate(date);
  if (!d) throw new RangeError(`not a calendar date: ${date}`);
  const next = new Date(Date.UTC(d.year, d.month - 1, d.day + 1));
  return {
    start: zonedToEpoch({ ...d, hour: 0, minute: 0 }, timeZone),
    end: zonedToEpoch(
      {
        year: next.getUTCFullYear(),
        month: next.getUTCMonth() + 1,
        day: next.getUTCDate(),
        hour: 0,
        minute: 0,
      },
      timeZone,
    ),
  };
}

/** The instant `minutes` after local midnight of `date` (minutes may be 1440 for midnight next day). */
export function atMinuteOfDay(date: string, minutes: number, timeZone: string): number {
  const d = parseIsoDate(date);
  if (!d) throw new RangeError(`not a calendar date: ${date}`);
  const day = new Date(Date.UTC(d.year, d.month - 1, d.day) + Math.floor(minutes / 1440) * 86_400_000);
  const rest = minutes % 1440;
  return zonedToEpoch(
    {
      year: day.getUTCFullYear(),
      month: day.getUTCMonth() + 1,
      day: day.getUTCDate(),
      hour: Math.floor(rest / 60),
      minute: rest % 60,
    },
    timeZone,
  );
}

/** Minutes since local midnight of the instant's own local day. */
export function minuteOfDay(ms: number, timeZone: string): number {
  const w = wallTime(ms, timeZone);
  return w.hour * 60 + w.minute;
}

export function addDays(date: string, days: number): string {
  const d = parseIsoDate(date);
  if (!d) throw new RangeError(`not a calendar date: ${date}`);
  const x = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return `${x.getUTCFullYear()}-${pad(x.getUTCMonth() + 1)}-${pad(x.getUTCDate())}`;
}

export const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

/** `HH:MM` → minutes; `24:00` is allowed for an end of day. */
export function parseHhMm(value: string): number | null {
  if (!HH_MM.test(value)) return null;
  const [h, m] = value.split(':').map(Number);
  return h! * 60 + m!;
}

export function formatHhMm(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
