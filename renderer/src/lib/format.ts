import { formatHhMm, minuteOfDay } from '@shared/domain/time';

/** `HH:MM` of an instant in the site's zone: 24-hour, as every dock and carrier reads it. */
export function clock(ms: number, timeZone: string): string {
  return formatHhMm(minuteOfDay(ms, timeZone));
}

/** A calendar date (YYYY-MM-DD) written out for the reader's language. */
export function longDate(date: string, locale: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const text = new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y!, m! - 1, d!)));
  // Swedish writes weekdays in lower case; a heading still starts with a capital.
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}

export function dateTime(ms: number, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone,
    hourCycle: 'h23',
  }).format(ms);
}
