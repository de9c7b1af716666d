import { readFileSync } from 'node:fs';
import type { TrackColumns } from '@shared/domain/fleet/trips';

/**
 * `delivery-run.csv`: 1 s fixes of a delivery run in Jönköping's street grid with stationary GPS
 * wobble, speed blips at standstill and ~2 % dropped fixes — parked 10 min, 8 min driving, a 40 s
 * red light, 5 min, a 15 min delivery, 12 min, a 3 min wait, 6 min, parked 20 min.
 */
export function deliveryRun(
  startAt = 0,
): TrackColumns & { rows: { t: number; lat: number; lon: number; speed: number }[] } {
  const lines = readFileSync(new URL('./tracks/delivery-run.csv', import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  const rows = lines.map((l) => {
    const [t, lat, lon, speed] = l.split(',').map(Number) as [number, number, number, number];
    return { t: startAt + t * 1000, lat, lon, speed };
  });
  return {
    rows,
    at: rows.map((r) => r.t),
    lat: rows.map((r) => r.lat),
    lon: rows.map((r) => r.lon),
    speedKmh: rows.map((r) => r.speed),
  };
}
