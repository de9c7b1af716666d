import { describe, expect, it } from 'vitest';
import {
  atMinuteOfDay,
  dayBounds,
  isoDate,
  minuteOfDay,
  parseHhMm,
  parseIsoDate,
  zonedToEpoch,
} from './time';

const STHLM = 'Europe/Stockholm';

describe('site time zone', () => {
  it('maps wall time to UTC in winter and summer', () => {
    expect(
      new Date(zonedToEpoch({ year: 2026, month: 1, day: 15, hour: 8, minute: 0 }, STHLM)).toISOString(),
    ).toBe('2026-01-15T07:00:00.000Z');
    expect(
      new Date(zonedToEpoch({ year: 2026, month: 7, day: 15, hour: 8, minute: 0 }, STHLM)).toISOString(),
    ).toBe('2026-07-15T06:00:00.000Z');
  });

  it('gives 23- and 25-hour days at the clock changes', () => {
    const spring = dayBounds('2026-03-29', STHLM);
    const autumn = dayBounds('2026-10-25', STHLM);
    expect((spring.end - spring.start) / 3_600_000).toBe(23);
    expect((autumn.end - autumn.start) / 3_600_000).toBe(25);
  });

  it('reads a time in the spring-forward gap as the hour after', () => {
    const ms = atMinuteOfDay('2026-03-29', 150, STHLM); // 02:30 does not exist
    expect(minuteOfDay(ms, STHLM)).toBe(210);
  });

  it('round-trips instants to local dates and minutes', () => {
    const ms = atMinuteOfDay('2026-11-23', 7 * 60 + 45, STHLM);
    expect(isoDate(ms, STHLM)).toBe('2026-11-23');
    expect(minuteOfDay(ms, STHLM)).toBe(465);
    expect(atMinuteOfDay('2026-11-23', 1440, STHLM)).toBe(dayBounds('2026-11-23', STHLM).end);
  });

  it('refuses impossible dates and times', () => {
    expect(parseIsoDate('2026-02-30')).toBeNull();
    expect(parseIsoDate('26-02-01')).toBeNull();
    expect(parseHhMm('24:00')).toBe(1440);
    expect(parseHhMm('24:01')).toBeNull();
    expect(parseHhMm('7:00')).toBeNull();
  });
});
