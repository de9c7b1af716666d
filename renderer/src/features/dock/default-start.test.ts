import { describe, expect, it } from 'vitest';
import { atMinuteOfDay } from '@shared/domain/time';
import { defaultStart } from './default-start';

const TZ = 'Europe/Stockholm';
const at = (date: string, hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return atMinuteOfDay(date, h! * 60 + m!, TZ);
};

describe('a new booking’s default start', () => {
  it('is the next quarter hour today', () => {
    expect(defaultStart('2026-12-01', TZ, at('2026-12-01', '10:07'))).toBe(at('2026-12-01', '10:15'));
    expect(defaultStart('2026-12-01', TZ, at('2026-12-01', '10:15'))).toBe(at('2026-12-01', '10:15'));
  });

  it('stays on today late in the evening instead of jumping to tomorrow', () => {
    expect(defaultStart('2026-12-01', TZ, at('2026-12-01', '23:52'))).toBe(at('2026-12-01', '23:45'));
  });

  it('is 08:00 on another day, in the site’s time zone', () => {
    expect(defaultStart('2026-12-03', TZ, at('2026-12-01', '23:52'))).toBe(at('2026-12-03', '08:00'));
    // The night the clocks go back: 08:00 local is 07:00 UTC.
    expect(new Date(defaultStart('2026-10-25', TZ, at('2026-10-24', '12:00'))).toISOString()).toBe(
      '2026-10-25T07:00:00.000Z',
    );
  });
});
