/**
 * Calendar arithmetic on `YYYY-MM-DD` days for claim deadlines: months and years that clamp to the
 * month's end (31 May + 9 months = 28/29 Feb), weekdays, and counting days that skip Sundays and
 * public holidays (CMR art. 30). Pure; the holidays come in as a predicate.
 */
import { addDays, parseIsoDate } from '../time';

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function parse(date: string): { year: number; month: number; day: number } {
  const d = parseIsoDate(date);
  if (!d) throw new RangeError(`not a calendar date: ${date}`);
  return d;
}

/** `date` plus `months` calendar months; a day past the target month's end becomes its last day. */
export function addMonths(date: string, months: number): string {
  const d = parse(date);
  const first = new Date(Date.UTC(d.year, d.month - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return `${first.getUTCFullYear()}-${pad(first.getUTCMonth() + 1)}-${pad(Math.min(d.day, last))}`;
}

export function addYears(date: string, years: number): string {
  return addMonths(date, years * 12);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  const d = parse(date);
  return new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const a = parse(from);
  const b = parse(to);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}

/**
 * The `n`th day after `date` that is neither a Sunday nor a public holiday (`date` itself is not
 * counted). CMR art. 30(1): "within seven days of delivery, Sundays and public holidays excepted".
 */
export function addDaysExceptSundaysAndHolidays(
  date: string,
  n: number,
  isHoliday: (date: string) => boolean,
): string {
  let day = date;
  let counted = 0;
  while (counted < n) {
    day = addDays(day, 1);
    if (weekday(day) !== 0 && !isHoliday(day)) counted++;
  }
  return day;
}
