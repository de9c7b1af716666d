import { formatHhMm, minuteOfDay, parseIsoDate } from '@shared/domain/time';

/**
 * Every date, time and number the renderer shows or reads goes through here, in the UI's locale
 * (`useI18n().locale`: en-GB or sv-SE). Dates and numbers come from Intl so each language gets
 * its own form (04/12/2026 and 1,234.5 in English; 2026-12-04 and 1 234,5 in Swedish); the parse
 * functions read that same form back, so an input shows and accepts what the operator reads.
 *
 * Times of day are 24-hour HH:MM in both languages (Intl's own form for en-GB and sv-SE, checked
 * by the tests): docks and carriers work in 24-hour time, so they need no locale argument.
 */

/** `HH:MM` of a minute of the day (0–1440; 1440 is written 24:00, a door closing at midnight). */
export function timeOfDay(minutes: number): string {
  return formatHhMm(minutes);
}

/** `HH:MM` of an instant in the site's zone. */
export function clock(ms: number, timeZone: string): string {
  return formatHhMm(minuteOfDay(ms, timeZone));
}

/** `07:00–08:30`: a span of minutes of the day. */
export function timeSpan(from: number, to: number): string {
  return `${formatHhMm(from)}–${formatHhMm(to)}`;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(locale: string): Intl.DateTimeFormat {
  let f = dayFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      timeZone: 'UTC',
    });
    dayFormats.set(locale, f);
  }
  return f;
}

function utcDay(date: string): Date | null {
  const p = parseIsoDate(date);
  return p ? new Date(Date.UTC(p.year, p.month - 1, p.day)) : null;
}

/** A calendar date (YYYY-MM-DD) in the locale's short form: `04/12/2026`, `2026-12-04`. */
export function shortDate(date: string, locale: string): string {
  const d = utcDay(date);
  return d ? dayFormat(locale).format(d) : date;
}

/** The order of the day, month and year fields in the locale's short date, and what separates them. */
function dateShape(locale: string): { order: ('day' | 'month' | 'year')[]; separator: string } {
  const parts = dayFormat(locale).formatToParts(new Date(Date.UTC(2026, 11, 4)));
  const order = parts.flatMap((p) =>
    p.type === 'day' || p.type === 'month' || p.type === 'year' ? [p.type] : [],
  );
  return { order, separator: parts.find((p) => p.type === 'literal')?.value ?? '-' };
}

/**
 * What an operator typed for a date → YYYY-MM-DD, or null when it is not a real date. Reads the
 * locale's short form (single-digit day and month allowed, any of `/ . -` between them) and, in
 * every locale, the ISO form a scanner or a paste may bring.
 */
export function parseDate(text: string, locale: string): string | null {
  const fields = text.trim().split(/[\s/.-]+/);
  if (fields.length !== 3 || fields.some((f) => !/^\d+$/.test(f))) return null;
  const iso = fields[0]!.length === 4;
  const order = iso ? (['year', 'month', 'day'] as const) : dateShape(locale).order;
  const value = { day: 0, month: 0, year: 0 };
  order.forEach((name, i) => (value[name] = Number(fields[i])));
  if (String(value.year).length !== 4 || fields[order.indexOf('year')]!.length !== 4) return null;
  const date = `${value.year}-${String(value.month).padStart(2, '0')}-${String(value.day).padStart(2, '0')}`;
  const d = utcDay(date);
  // Date.UTC rolls 31 April over to 1 May: a real date survives the round trip unchanged.
  return d && d.getUTCMonth() + 1 === value.month && d.getUTCDate() === value.day ? date : null;
}

/** The short date's pattern for a placeholder, in the letters the reader uses (`ÅÅÅÅ-MM-DD`). */
export function datePattern(locale: string, letters: { day: string; month: string; year: string }): string {
  const { order, separator } = dateShape(locale);
  const width = { day: 2, month: 2, year: 4 };
  return order.map((name) => letters[name].repeat(width[name])).join(separator);
}

/** A calendar date (YYYY-MM-DD) written out for the reader's language. */
export function longDate(date: string, locale: string): string {
  const d = utcDay(date);
  if (!d) return date;
  const text = new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(d);
  // Swedish writes weekdays in lower case; a heading still starts with a capital.
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}

/** Date and time of an instant in the site's zone, in the locale's short forms. */
export function dateTime(ms: number, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone,
    hourCycle: 'h23',
  }).format(ms);
}

/**
 * A number for reading: grouped thousands, the locale's decimal sign, `decimals` fraction digits
 * exactly (or up to `maxDecimals`, dropping trailing zeros).
 */
export function formatNumber(
  value: number,
  locale: string,
  digits: { decimals?: number; maxDecimals?: number } = {},
): string {
  const { decimals, maxDecimals } = digits;
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: decimals ?? 0,
    maximumFractionDigits: decimals ?? maxDecimals ?? 0,
  }).format(value);
}

/** A number as an input box shows it: the locale's decimal sign, no grouping (so it edits cleanly). */
export function numberText(value: number | null | undefined, locale: string, maxDecimals = 6): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  return new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: maxDecimals })
    .format(value)
    .replace('\u2212', '-');
}

function decimalSign(locale: string): string {
  return new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
}

/**
 * A number an operator typed → its value; empty is null, anything else unreadable is NaN. Takes
 * the locale's decimal sign and also a point (keypads and pasted values often bring one), spaces
 * as thousands groups, and either minus sign. In English a comma is a thousands group (`1,250`);
 * in Swedish it is the decimal sign (`12,5`). A lone comma that cannot be a thousands group
 * (`12,5` in English) is read as the decimal sign the operator meant.
 */
export function parseNumber(text: string, locale: string): number | null {
  let s = text
    .trim()
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace('\u2212', '-');
  if (s === '') return null;
  if (decimalSign(locale) === ',') s = s.replace(',', '.');
  else if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  else if (!s.includes('.')) s = s.replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

/** Digits after the decimal sign of a currency (2 for SEK and EUR, 0 for JPY). */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** An amount kept in minor units (öre, cents) in the locale's currency form: `1 250,00 kr`, `SEK 1,250.00`. */
export function money(minor: number, currency: string, locale: string): string {
  const digits = currencyDigits(currency);
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(minor / 10 ** digits);
  } catch {
    return `${formatNumber(minor / 10 ** digits, locale, { decimals: digits })} ${currency}`;
  }
}

/** An amount an operator typed → minor units; null when empty, NaN when unreadable. */
export function parseMoney(text: string, currency: string, locale: string): number | null {
  const value = parseNumber(text, locale);
  if (value === null || Number.isNaN(value)) return value;
  return Math.round(value * 10 ** currencyDigits(currency));
}
