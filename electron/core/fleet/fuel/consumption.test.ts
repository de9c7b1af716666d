import { describe, expect, it } from 'vitest';
import { analyseFuel, type FuelFill } from './consumption';

const DAY = 86_400_000;
let n = 0;
const fill = (day: number, km: number, litres: number, extra: Partial<FuelFill> = {}): FuelFill => ({
  id: `f${++n}`,
  at: Date.UTC(2026, 10, 1) + day * DAY,
  odometerKm: km,
  litres,
  full: true,
  missedPrevious: false,
  ...extra,
});

describe('fuel consumption between full fills', () => {
  it('counts litres since the last full tank, partial fills included, over the distance', () => {
    const a = fill(0, 10_000, 50);
    const b = fill(2, 10_400, 20, { full: false });
    const c = fill(4, 11_000, 60);
    const { results, averageL100 } = analyseFuel([a, b, c]);
    expect(results.get(a.id)).toEqual({ consumptionL100: null, distanceKm: null, flags: ['first'] });
    expect(results.get(b.id)!.flags).toEqual(['partial']);
    // (20 + 60) L over 1,000 km.
    expect(results.get(c.id)).toEqual({ consumptionL100: 8, distanceKm: 1000, flags: [] });
    expect(averageL100).toBe(8);
  });

  it('breaks the interval at a fill the driver marked as "missed the one before"', () => {
    const a = fill(0, 10_000, 50);
    const b = fill(5, 11_000, 40, { missedPrevious: true });
    const c = fill(9, 11_500, 40);
    const { results, averageL100 } = analyseFuel([a, b, c]);
    expect(results.get(b.id)).toMatchObject({ consumptionL100: null, flags: ['missed_fill'] });
    expect(results.get(c.id)!.consumptionL100).toBe(8);
    expect(averageL100).toBe(8);
  });

  it('flags an interval far below the usual as a probable missed fill, and leaves it out of the average', () => {
    const fills = [fill(0, 0, 40), fill(1, 500, 40), fill(2, 1000, 40), fill(3, 1500, 40), fill(5, 2500, 40)];
    const { results, averageL100 } = analyseFuel(fills);
    expect(results.get(fills[4]!.id)).toMatchObject({ consumptionL100: 4, flags: ['suspected_missed_fill'] });
    expect(averageL100).toBe(8);
  });

  it('places a back-dated fill entered late in odometer order: the result is as if typed in order', () => {
    const a = fill(0, 0, 40);
    const b = fill(1, 500, 40);
    const c = fill(2, 1000, 40);
    const missing = fill(3, 1500, 40);
    const d = fill(4, 2000, 40);
    const e = fill(5, 2500, 40);
    const withoutIt = analyseFuel([a, b, c, d, e]);
    expect(withoutIt.results.get(d.id)).toMatchObject({
      consumptionL100: 4,
      flags: ['suspected_missed_fill'],
    });
    // The driver's offline entry for day 3 syncs last: the chain is whole again.
    const synced = analyseFuel([e, a, d, b, missing, c]);
    const inOrder = analyseFuel([a, b, c, missing, d, e]);
    expect(synced).toEqual(inOrder);
    expect(synced.results.get(d.id)).toEqual({ consumptionL100: 8, distanceKm: 500, flags: [] });
    expect(synced.averageL100).toBe(8);
  });

  it('flags a meter reading lower than an earlier-dated one and does not use it', () => {
    const a = fill(0, 10_000, 40);
    const b = fill(3, 10_500, 40);
    const typo = fill(4, 1_050, 40);
    const c = fill(6, 11_000, 40);
    const { results, averageL100 } = analyseFuel([a, b, typo, c]);
    expect(results.get(typo.id)).toEqual({
      consumptionL100: null,
      distanceKm: null,
      flags: ['odometer_backwards'],
    });
    expect(results.get(c.id)!.consumptionL100).toBe(8);
    expect(averageL100).toBe(8);
  });
});
