import { describe, expect, it } from 'vitest';
import { atMinuteOfDay } from '@shared/domain/time';
import {
  clock,
  datePattern,
  dateTime,
  formatNumber,
  longDate,
  numberText,
  parseDate,
  parseNumber,
  shortDate,
  timeOfDay,
} from './format';

const EN = 'en-GB';
const SV = 'sv-SE';
const NBSP = '\u00a0';

describe('dates in the UI locale', () => {
  it('writes the short date in each language’s form', () => {
    expect(shortDate('2026-12-04', EN)).toBe('04/12/2026');
    expect(shortDate('2026-12-04', SV)).toBe('2026-12-04');
  });

  it('reads back what it writes, in both languages, for every day of a leap year', () => {
    for (let d = Date.UTC(2028, 0, 1); d < Date.UTC(2029, 0, 1); d += 86_400_000) {
      const iso = new Date(d).toISOString().slice(0, 10);
      for (const locale of [EN, SV]) expect(parseDate(shortDate(iso, locale), locale)).toBe(iso);
    }
  });

  it('reads what operators type: single digits, other separators, and ISO in any language', () => {
    expect(parseDate('4/12/2026', EN)).toBe('2026-12-04');
    expect(parseDate('4.12.2026', EN)).toBe('2026-12-04');
    expect(parseDate(' 2026-12-04 ', EN)).toBe('2026-12-04');
    expect(parseDate('2026-12-4', SV)).toBe('2026-12-04');
    expect(parseDate('2026/12/04', SV)).toBe('2026-12-04');
  });

  it('refuses what is not a real date', () => {
    for (const bad of [
      '',
      '2026-12',
      '31/04/2026',
      '29/02/2027',
      '12/13/2026',
      '04/12/26',
      'abc',
      '2026-12-04x',
    ])
      expect(parseDate(bad, EN), bad).toBeNull();
    expect(parseDate('2026-02-30', SV)).toBeNull();
    expect(parseDate('04/12/2026', SV)).toBeNull();
  });

  it('gives a placeholder in the reader’s letters and order', () => {
    expect(datePattern(EN, { day: 'D', month: 'M', year: 'Y' })).toBe('DD/MM/YYYY');
    expect(datePattern(SV, { day: 'D', month: 'M', year: 'Å' })).toBe('ÅÅÅÅ-MM-DD');
  });

  it('writes long dates with a capital, weekday first in both languages', () => {
    // ICU versions differ on the comma after the weekday.
    expect(longDate('2026-12-04', EN)).toMatch(/^Friday,? 4 December 2026$/);
    expect(longDate('2026-12-04', SV)).toBe('Fredag 4 december 2026');
  });

  it('writes date and time of an instant in the site zone', () => {
    const ms = atMinuteOfDay('2026-12-04', 7 * 60 + 5, 'Europe/Stockholm');
    expect(dateTime(ms, 'Europe/Stockholm', EN)).toBe('04/12/2026, 07:05');
    expect(dateTime(ms, 'Europe/Stockholm', SV)).toBe('2026-12-04 07:05');
  });
});

describe('times of day', () => {
  it('are the 24-hour HH:MM that Intl itself writes for both languages', () => {
    const ms = Date.UTC(2026, 11, 4, 17, 5);
    for (const locale of [EN, SV]) {
      const intl = new Intl.DateTimeFormat(locale, {
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZone: 'UTC',
      }).format(ms);
      expect(clock(ms, 'UTC')).toBe(intl);
    }
    expect(timeOfDay(0)).toBe('00:00');
    expect(timeOfDay(1440)).toBe('24:00');
  });
});

describe('numbers in the UI locale', () => {
  it('groups thousands and uses each language’s decimal sign', () => {
    expect(formatNumber(12345.678, EN, { decimals: 1 })).toBe('12,345.7');
    expect(formatNumber(12345.678, SV, { decimals: 1 })).toBe(`12${NBSP}345,7`);
    expect(formatNumber(3, SV, { maxDecimals: 2 })).toBe('3');
    expect(formatNumber(1234, EN)).toBe('1,234');
  });

  it('round-trips input boxes in both languages', () => {
    for (const value of [0, 57.7372, -14.10991, 1250, 0.5, -0.25]) {
      for (const locale of [EN, SV]) expect(parseNumber(numberText(value, locale), locale)).toBe(value);
    }
    expect(numberText(57.7372, SV)).toBe('57,7372');
    expect(numberText(-1.5, SV)).toBe('-1,5');
    expect(numberText(12345.5, EN)).toBe('12345.5');
    expect(numberText(null, EN)).toBe('');
  });

  it('reads what operators type', () => {
    expect(parseNumber('12,5', SV)).toBe(12.5);
    expect(parseNumber('12.5', SV)).toBe(12.5);
    expect(parseNumber(`1${NBSP}250,5`, SV)).toBe(1250.5);
    expect(parseNumber('1 250', SV)).toBe(1250);
    expect(parseNumber('\u22123,5', SV)).toBe(-3.5);
    expect(parseNumber('1,250', EN)).toBe(1250);
    expect(parseNumber('1,250.75', EN)).toBe(1250.75);
    expect(parseNumber('12,5', EN)).toBe(12.5);
    expect(parseNumber('  ', EN)).toBeNull();
  });

  it('says NaN for what is not a number', () => {
    for (const bad of ['abc', '1.2.3', '12,5,6', '1,2.5', '--1', '5e3']) {
      expect(parseNumber(bad, EN), bad).toBeNaN();
    }
    expect(parseNumber('1,2,3', SV)).toBeNaN();
  });
});
