import { describe, expect, it } from 'vitest';
import { deliveryRun } from './tracks';
import { DEFAULT_TRIP_RULES, detectTrips, TRACCAR_SPEED_THRESHOLD_KMH } from '@shared/domain/fleet/trips';

const min = (ms: number) => ms / 60_000;

describe('trips and stops by Traccar’s rules', () => {
  it('finds the two trips and three stops of a recorded delivery run, through red lights and GPS wobble', () => {
    const run = deliveryRun();
    const { trips, stops, distanceKm } = detectTrips(run, DEFAULT_TRIP_RULES);
    expect(trips).toHaveLength(2);
    expect(stops).toHaveLength(3);
    // Parked 10 min, delivering 15 min, parked 20 min at the end (to the second, give or take a dropped fix).
    expect(stops.map((s) => Math.round(s.durationMin))).toEqual([10, 15, 20]);
    // 8 + 0.7 + 5 min, then 12 + 3 + 6 min: the light and the short wait stay inside their trips.
    expect(trips.map((t) => Math.round(t.durationMin))).toEqual([14, 21]);
    expect(trips[0]!.maxSpeedKmh).toBeLessThanOrEqual(50);
    expect(trips[0]!.distanceKm).toBeGreaterThan(7);
    expect(trips[0]!.distanceKm).toBeLessThan(12);
    expect(distanceKm).toBeGreaterThan(trips[0]!.distanceKm + trips[1]!.distanceKm);
    // A stop starts where its trip ended.
    expect(stops[1]!.startAt).toBe(trips[0]!.endAt);
    expect(stops[1]!.endAt).toBe(trips[1]!.startAt);
  });

  it('with Traccar’s own 0.01 kn threshold, standstill wobble keeps the trip open (why the default is 2 km/h)', () => {
    const { trips } = detectTrips(deliveryRun(), {
      ...DEFAULT_TRIP_RULES,
      speedThresholdKmh: TRACCAR_SPEED_THRESHOLD_KMH,
    });
    expect(trips).toHaveLength(1);
  });

  it('follows the configured rules: a shorter parking time makes the 3-minute wait a stop', () => {
    const { trips, stops } = detectTrips(deliveryRun(), { ...DEFAULT_TRIP_RULES, minParkingDurationS: 120 });
    expect(trips).toHaveLength(3);
    expect(stops.map((s) => Math.round(s.durationMin))).toEqual([10, 15, 3, 20]);
  });

  it('ignores a short hop below the minimum trip distance and duration', () => {
    const at = [0, 60, 120, 180, 240, 300, 900].map((s) => s * 1000);
    const track = {
      at,
      lat: at.map((_, i) => 57.78 + (i === 2 ? 0.001 : 0)),
      lon: at.map(() => 14.16),
      speedKmh: [0, 0, 20, 0, 0, 0, 0],
    };
    const { trips, stops } = detectTrips(track, DEFAULT_TRIP_RULES);
    expect(trips).toHaveLength(0);
    expect(stops).toHaveLength(1);
    expect(min(stops[0]!.endAt - stops[0]!.startAt)).toBe(15);
  });

  it('ends a trip at a gap in the data longer than the no-data time', () => {
    const at: number[] = [];
    for (let s = 0; s <= 600; s += 10) at.push(s * 1000);
    for (let s = 5000; s <= 5600; s += 10) at.push(s * 1000);
    const track = {
      at,
      lat: at.map((t) => 57.7 + t / 1e9),
      lon: at.map(() => 14.1),
      speedKmh: at.map(() => 40),
    };
    const { trips } = detectTrips(track, DEFAULT_TRIP_RULES);
    expect(trips).toHaveLength(2);
    expect(trips[0]!.endAt).toBe(600_000);
    expect(trips[1]!.startAt).toBe(5_000_000);
  });
});
