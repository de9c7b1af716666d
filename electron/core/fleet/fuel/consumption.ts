/**
 * Fuel consumption the way fleet managers reckon it: between two full tanks, the litres put in
 * after the first (partial fills included) over the distance driven. Entries are placed in
 * odometer order, whenever they were typed in, so a fill entered late (offline, back-dated) lands
 * where it belongs and the intervals around it are recomputed. A reading lower than one dated
 * earlier is flagged and left out rather than believed; a fill the driver says is missing breaks
 * its interval; an interval far more frugal than the vehicle's usual looks like a missed fill.
 */
import type { FuelFlag } from '@shared/contract';

export interface FuelFill {
  id: string;
  at: number;
  odometerKm: number;
  litres: number;
  full: boolean;
  missedPrevious: boolean;
}

export interface FuelResult {
  consumptionL100: number | null;
  distanceKm: number | null;
  flags: FuelFlag[];
}

/** An interval below this share of the vehicle's median consumption is suspicious. */
const SUSPECT_SHARE = 0.6;
/** Intervals needed before the median means anything. */
const MIN_FOR_MEDIAN = 3;

export function analyseFuel(fills: readonly FuelFill[]): {
  results: Map<string, FuelResult>;
  averageL100: number | null;
} {
  const results = new Map<string, FuelResult>(
    fills.map((f) => [f.id, { consumptionL100: null, distanceKm: null, flags: [] }]),
  );
  const flag = (id: string, f: FuelFlag) => {
    const r = results.get(id)!;
    if (!r.flags.includes(f)) r.flags.push(f);
  };

  // A meter that reads less than at an earlier date went backwards: that reading is not used.
  const byTime = [...fills].sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
  let highest = -Infinity;
  const trusted: FuelFill[] = [];
  for (const f of byTime) {
    if (f.odometerKm < highest) {
      flag(f.id, 'odometer_backwards');
      continue;
    }
    highest = f.odometerKm;
    trusted.push(f);
  }

  const ordered = trusted.sort((a, b) => a.odometerKm - b.odometerKm || a.at - b.at);
  const intervals: { id: string; litres: number; km: number }[] = [];
  let lastFull: FuelFill | null = null;
  let litres = 0;
  let broken = false;
  for (const f of ordered) {
    if (f.missedPrevious) {
      broken = true;
      flag(f.id, 'missed_fill');
    }
    if (!f.full) {
      flag(f.id, 'partial');
      litres += f.litres;
      continue;
    }
    if (!lastFull) flag(f.id, 'first');
    else if (broken) flag(f.id, 'missed_fill');
    else {
      const km = f.odometerKm - lastFull.odometerKm;
      const r = results.get(f.id)!;
      r.distanceKm = km;
      if (km > 0) {
        r.consumptionL100 = ((litres + f.litres) / km) * 100;
        intervals.push({ id: f.id, litres: litres + f.litres, km });
      }
    }
    lastFull = f;
    litres = 0;
    broken = false;
  }

  let counted = intervals;
  if (intervals.length >= MIN_FOR_MEDIAN) {
    const sorted = intervals.map((i) => (i.litres / i.km) * 100).sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    counted = intervals.filter((i) => {
      const low = (i.litres / i.km) * 100 < median * SUSPECT_SHARE;
      if (low) flag(i.id, 'suspected_missed_fill');
      return !low;
    });
  }
  const totalKm = counted.reduce((s, i) => s + i.km, 0);
  const totalL = counted.reduce((s, i) => s + i.litres, 0);
  return { results, averageL100: totalKm > 0 ? (totalL / totalKm) * 100 : null };
}
