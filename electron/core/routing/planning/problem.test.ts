import { expect, it } from 'vitest';
import { minuteOfDay } from '@shared/domain/time';
import { dayClock } from './problem';

it('solver seconds follow real time on days the clocks change', () => {
  const tz = 'Europe/Stockholm';
  // 29 March 2026: 02:00 becomes 03:00, so 07:00 is only 6 real hours after midnight.
  const spring = dayClock('2026-03-29', tz);
  expect(spring.sec(7 * 60)).toBe(6 * 3600);
  expect(minuteOfDay(spring.at(spring.sec(7 * 60)), tz)).toBe(7 * 60);
  // 25 October 2026: 03:00 becomes 02:00 again, so 07:00 is 8 real hours after midnight.
  const autumn = dayClock('2026-10-25', tz);
  expect(autumn.sec(7 * 60)).toBe(8 * 3600);
  expect(minuteOfDay(autumn.at(autumn.sec(16 * 60 + 30)), tz)).toBe(16 * 60 + 30);
  expect(dayClock('2026-11-23', tz).sec(1440)).toBe(24 * 3600);
});
