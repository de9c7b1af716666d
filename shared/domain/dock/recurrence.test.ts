import { describe, expect, it } from 'vitest';
import { AppError } from '../../contract/errors';
import { expandRule, isoWithOffset, seriesDates } from './recurrence';

const iso = (rrule: string, start: string, tz: string) => expandRule(rrule, start, tz).map((o) => isoWithOffset(o.at, tz));

function reasonOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('invalid_input');
    return ((err as AppError).details as { reason: string }).reason;
  }
  throw new Error('expected a refusal');
}

describe('recurrence in a site time zone', () => {
  it('keeps 08:00 local across spring forward (Stockholm, 29 March 2026): the offset changes, the wall time not', () => {
    expect(iso('FREQ=WEEKLY;BYDAY=MO;COUNT=3', '2026-03-23T08:00', 'Europe/Stockholm')).toEqual([
      '2026-03-23T08:00:00+01:00',
      '2026-03-30T08:00:00+02:00',
      '2026-04-06T08:00:00+02:00',
    ]);
  });

  it('keeps 08:00 local across fall back (Stockholm, 25 October 2026)', () => {
    expect(iso('FREQ=WEEKLY;COUNT=3', '2026-10-19T08:00', 'Europe/Stockholm')).toEqual([
      '2026-10-19T08:00:00+02:00',
      '2026-10-26T08:00:00+01:00',
      '2026-11-02T08:00:00+01:00',
    ]);
  });

  it('is the same in the other hemisphere and on another day of change (New York, 8 March / 1 November 2026)', () => {
    expect(iso('FREQ=DAILY;COUNT=3', '2026-03-07T07:30', 'America/New_York')).toEqual([
      '2026-03-07T07:30:00-05:00',
      '2026-03-08T07:30:00-04:00',
      '2026-03-09T07:30:00-04:00',
    ]);
    expect(iso('FREQ=DAILY;COUNT=2', '2026-10-31T07:30', 'America/New_York')).toEqual([
      '2026-10-31T07:30:00-04:00',
      '2026-11-01T07:30:00-05:00',
    ]);
  });

  it('reads a time inside the spring-forward gap with the offset before it (02:30 → 03:30), never drops it', () => {
    expect(iso('FREQ=DAILY;COUNT=3', '2026-03-28T02:30', 'Europe/Stockholm')).toEqual([
      '2026-03-28T02:30:00+01:00',
      '2026-03-29T03:30:00+02:00',
      '2026-03-30T02:30:00+02:00',
    ]);
  });

  it('takes the first of a time that occurs twice in the autumn overlap', () => {
    expect(iso('FREQ=DAILY;COUNT=2', '2026-10-24T02:30', 'Europe/Stockholm')).toEqual([
      '2026-10-24T02:30:00+02:00',
      '2026-10-25T02:30:00+02:00',
    ]);
  });

  it('reads UNTIL in UTC as the site-local instant, and a date UNTIL as the whole day', () => {
    // 2026-11-09T07:00Z is 08:00 in Stockholm: the 9 November occurrence is the last.
    expect(iso('FREQ=WEEKLY;UNTIL=20261109T070000Z', '2026-10-26T08:00', 'Europe/Stockholm')).toHaveLength(3);
    expect(iso('FREQ=WEEKLY;UNTIL=20261109T065959Z', '2026-10-26T08:00', 'Europe/Stockholm')).toHaveLength(2);
    expect(iso('FREQ=WEEKLY;UNTIL=20261109', '2026-10-26T08:00', 'Europe/Stockholm')).toHaveLength(3);
  });

  it('handles RFC 5545 rules beyond weekly: the last Friday of the month', () => {
    expect(iso('FREQ=MONTHLY;BYDAY=-1FR;COUNT=3', '2026-01-01T06:00', 'Europe/Stockholm')).toEqual([
      '2026-01-30T06:00:00+01:00',
      '2026-02-27T06:00:00+01:00',
      '2026-03-27T06:00:00+01:00',
    ]);
  });

  it('refuses bad input with a reason: rule, start, zone', () => {
    expect(reasonOf(() => expandRule('FREQ=DALY;COUNT=2', '2026-01-01T06:00', 'UTC'))).toBe('bad_rrule');
    expect(reasonOf(() => expandRule('freq weekly', '2026-01-01T06:00', 'UTC'))).toBe('bad_rrule');
    expect(reasonOf(() => expandRule('FREQ=DAILY;COUNT=2;UNTIL=20260101', '2026-01-01T06:00', 'UTC'))).toBe('bad_rrule');
    expect(reasonOf(() => expandRule('FREQ=DAILY;UNTIL=2026-01-01', '2026-01-01T06:00', 'UTC'))).toBe('bad_rrule');
    expect(reasonOf(() => expandRule('FREQ=DAILY;COUNT=2', '2026-02-30T06:00', 'UTC'))).toBe('bad_start');
    expect(reasonOf(() => expandRule('FREQ=DAILY;COUNT=2', '2026-02-01 06:00', 'UTC'))).toBe('bad_start');
    expect(reasonOf(() => expandRule('FREQ=DAILY;COUNT=2', '2026-02-01T24:00', 'UTC'))).toBe('bad_start');
    expect(reasonOf(() => expandRule('FREQ=DAILY;COUNT=2', '2026-02-01T06:00', 'Mars/Olympus'))).toBe('bad_time_zone');
  });
});

describe('series dates', () => {
  it('are the local dates of a bounded, at most daily rule', () => {
    expect(seriesDates('FREQ=WEEKLY;BYDAY=MO,TH;COUNT=4', '2026-03-23', 'Europe/Stockholm')).toEqual([
      '2026-03-23',
      '2026-03-26',
      '2026-03-30',
      '2026-04-02',
    ]);
  });

  it('refuses an endless, sub-daily or too long series, saying what to change', () => {
    expect(reasonOf(() => seriesDates('FREQ=WEEKLY', '2026-03-23', 'UTC'))).toBe('unbounded');
    expect(reasonOf(() => seriesDates('FREQ=HOURLY;COUNT=3', '2026-03-23', 'UTC'))).toBe('series_frequency');
    expect(reasonOf(() => seriesDates('FREQ=DAILY;BYHOUR=8,14;COUNT=3', '2026-03-23', 'UTC'))).toBe('series_frequency');
    expect(reasonOf(() => seriesDates('FREQ=DAILY;COUNT=501', '2026-03-23', 'UTC'))).toBe('too_many');
  });
});
