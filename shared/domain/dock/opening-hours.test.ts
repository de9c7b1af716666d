import { describe, expect, it } from 'vitest';
import type { Appointment, Door } from '@shared/contract';
import { atMinuteOfDay } from '@shared/domain/time';
import { nextFreeSlot, withinOpeningHours } from './opening-hours';

const TZ = 'Europe/Stockholm';
const door: Door = {
  id: 'd',
  name: 'D',
  direction: 'both',
  equipment: [],
  opensAt: 360,
  closesAt: 1080,
  active: true,
};
const at = (date: string, hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return atMinuteOfDay(date, h! * 60 + m!, TZ);
};
const booking = (date: string, from: string, to: string): Appointment => ({
  id: `${from}`,
  doorId: 'd',
  carrierId: 'c',
  carrierName: 'C',
  reference: from,
  startAt: at(date, from),
  endAt: at(date, to),
  loadType: 'mixed',
  pallets: 0,
  notes: '',
  status: 'booked',
  cancelReason: null,
});
const HOUR = 3_600_000;

describe('opening hours', () => {
  it('accepts a booking exactly filling the hours and refuses one a minute over', () => {
    expect(withinOpeningHours(door, at('2026-11-23', '06:00'), at('2026-11-23', '18:00'), TZ)).toBe(true);
    expect(withinOpeningHours(door, at('2026-11-23', '05:59'), at('2026-11-23', '07:00'), TZ)).toBe(false);
    expect(withinOpeningHours(door, at('2026-11-23', '17:00'), at('2026-11-23', '18:01'), TZ)).toBe(false);
  });

  it('lets a door open around the clock take bookings across midnight', () => {
    const allDay = { ...door, opensAt: 0, closesAt: 1440 };
    expect(withinOpeningHours(allDay, at('2026-11-23', '23:00'), at('2026-11-24', '01:00'), TZ)).toBe(true);
  });

  it('reads the hours in site time on the day clocks go forward', () => {
    // 2026-03-29 is 23 hours long in Stockholm; 06:00 local is 04:00 UTC.
    expect(new Date(at('2026-03-29', '06:00')).toISOString()).toBe('2026-03-29T04:00:00.000Z');
    expect(withinOpeningHours(door, at('2026-03-29', '06:00'), at('2026-03-29', '07:00'), TZ)).toBe(true);
  });
});

describe('next free slot', () => {
  it('is the asked time when nothing is in the way', () => {
    expect(nextFreeSlot(door, [], at('2026-11-23', '08:00'), HOUR, TZ)?.startAt).toBe(
      at('2026-11-23', '08:00'),
    );
  });

  it('rounds up to the five-minute grid and skips gaps that are too short', () => {
    const booked = [booking('2026-11-23', '08:00', '09:00'), booking('2026-11-23', '09:30', '10:00')];
    expect(nextFreeSlot(door, booked, at('2026-11-23', '07:32'), HOUR, TZ)?.startAt).toBe(
      at('2026-11-23', '10:00'),
    );
    expect(nextFreeSlot(door, booked, at('2026-11-23', '07:32'), 25 * 60_000, TZ)?.startAt).toBe(
      at('2026-11-23', '07:35'),
    );
  });

  it('moves to the next opening when the day is full or closed', () => {
    const booked = [booking('2026-11-23', '06:00', '18:00')];
    expect(nextFreeSlot(door, booked, at('2026-11-23', '07:00'), HOUR, TZ)?.startAt).toBe(
      at('2026-11-24', '06:00'),
    );
    expect(nextFreeSlot(door, [], at('2026-11-23', '17:30'), HOUR, TZ)?.startAt).toBe(
      at('2026-11-24', '06:00'),
    );
  });

  it('gives up (null) when the booking cannot fit in any opening', () => {
    expect(nextFreeSlot(door, [], at('2026-11-23', '06:00'), 13 * HOUR, TZ)).toBeNull();
  });
});
