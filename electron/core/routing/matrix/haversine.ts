import { distanceM } from '@shared/domain/geo';
import type { Coord, MatrixProvider, TravelMatrix } from './provider';

/** Average road speeds (km/h) per vehicle profile for the offline estimate. */
export const DEFAULT_SPEEDS_KMH: Record<string, number> = { car: 50, van: 45, truck: 40, bike: 15, foot: 5 };

export interface HaversineOptions {
  /** Roads are longer than the straight line; 1.3 is typical for mixed urban/regional driving. */
  roadFactor?: number;
  speedsKmh?: Record<string, number>;
  defaultSpeedKmh?: number;
}

export function haversineMetres(a: Coord, b: Coord): number {
  return distanceM(a.lat, a.lon, b.lat, b.lon);
}

/** The offline default: great-circle distance × road factor, time from a per-profile speed. */
export function haversineProvider(opts: HaversineOptions = {}): MatrixProvider {
  const roadFactor = opts.roadFactor ?? 1.3;
  const speeds = { ...DEFAULT_SPEEDS_KMH, ...opts.speedsKmh };
  const fallback = opts.defaultSpeedKmh ?? 40;
  return {
    name: 'haversine',
    async matrix(coords: Coord[], profile: string): Promise<TravelMatrix> {
      const n = coords.length;
      const mps = ((speeds[profile] ?? fallback) * 1000) / 3600;
      const durations = new Float64Array(n * n);
      const distances = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const d = haversineMetres(coords[i]!, coords[j]!) * roadFactor;
          distances[i * n + j] = distances[j * n + i] = d;
          durations[i * n + j] = durations[j * n + i] = d / mps;
        }
      }
      return { n, durations, distances };
    },
  };
}
