/** Numbers and instants as a fleet manager reads them, in the reader's language. */
import { zonedToEpoch } from '@shared/domain/time';
import { dateTime } from '../../lib/format';

export function km(value: number | null, locale: string, digits = 1): string {
  if (value === null || !Number.isFinite(value)) return '–';
  return `${value.toLocaleString(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits })} km`;
}

export function num(value: number | null, locale: string, digits = 0): string {
  if (value === null || !Number.isFinite(value)) return '–';
  return value.toLocaleString(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function minutes(value: number): string {
  const m = Math.round(value);
  return m >= 60 ? `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min` : `${m} min`;
}

/** The calendar day of an instant, in the reader's language. */
export function day(ms: number | null, timeZone: string, locale: string): string {
  return ms === null ? '–' : new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeZone }).format(ms);
}

export function when(ms: number | null, timeZone: string, locale: string): string {
  return ms === null ? '–' : dateTime(ms, timeZone, locale);
}

/** A datetime-local input's value (site-local wall time) ↔ an instant. */
export function toLocalInput(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(ms);
  return parts.replace(' ', 'T');
}

export function fromLocalInput(value: string, timeZone: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!m) return null;
  return zonedToEpoch({ year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +m[4]!, minute: +m[5]! }, timeZone);
}
