import { describe, expect, it } from 'vitest';
import { dueOf } from './due';

const DAY = 86_400_000;
const T = Date.UTC(2026, 10, 23);

describe('service due', () => {
  it('is due by whichever of distance, hours and date comes first', () => {
    const item = { everyKm: 30_000, everyHours: 500, everyDays: 365 };
    const last = { at: T - 100 * DAY, km: 50_000, hours: 1_000 };
    expect(dueOf(item, last, { at: T, km: 60_000, hours: 1_100 })).toEqual({
      nextAt: T + 265 * DAY,
      nextKm: 80_000,
      nextHours: 1_500,
      state: 'ok',
    });
    expect(dueOf(item, last, { at: T, km: 76_000, hours: 1_100 }).state).toBe('soon');
    expect(dueOf(item, last, { at: T, km: 60_000, hours: 1_480 }).state).toBe('due');
    expect(dueOf(item, last, { at: T + 266 * DAY, km: 60_000, hours: 1_100 }).state).toBe('overdue');
    expect(dueOf(item, last, { at: T, km: 80_001, hours: 1_100 }).state).toBe('overdue');
  });

  it('counts only what is known, and an item never done is due', () => {
    expect(
      dueOf(
        { everyKm: 10_000, everyHours: null, everyDays: null },
        { at: null, km: null, hours: null },
        { at: T, km: 5, hours: null },
      ).state,
    ).toBe('due');
    // No odometer known yet: the date still counts.
    expect(
      dueOf(
        { everyKm: 10_000, everyHours: null, everyDays: 30 },
        { at: T - 10 * DAY, km: 0, hours: null },
        { at: T, km: null, hours: null },
      ).state,
    ).toBe('ok');
  });
});
