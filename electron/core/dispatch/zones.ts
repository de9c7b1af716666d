/**
 * Zones for the operations board: compass sectors round the depot, by the bearing of a job's
 * stops' centre; within 3 km of the depot is `central`. Orders carry no zone of their own, so
 * this is the one definition everywhere (board filter, zone health).
 */
import type { Zone } from '@shared/contract';
import { bearingDeg, distanceM } from '@shared/domain/geo';

const CENTRAL_M = 3000;

export function zoneOf(points: { lat: number; lon: number }[], depot: { lat: number; lon: number }): Zone {
  if (points.length === 0) return 'central';
  const lat = points.reduce((a, p) => a + p.lat, 0) / points.length;
  const lon = points.reduce((a, p) => a + p.lon, 0) / points.length;
  if (distanceM(depot.lat, depot.lon, lat, lon) <= CENTRAL_M) return 'central';
  const b = bearingDeg(depot.lat, depot.lon, lat, lon);
  return b < 45 || b >= 315 ? 'north' : b < 135 ? 'east' : b < 225 ? 'south' : 'west';
}
