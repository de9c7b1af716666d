/** Plane-and-sphere geometry for positions: distances, bearings and geofence containment. */

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Great-circle distance in metres. */
export function distanceM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Initial bearing from the first point to the second, degrees clockwise from north (0–360). */
export function bearingDeg(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const y = Math.sin((lon2 - lon1) * RAD) * Math.cos(lat2 * RAD);
  const x =
    Math.cos(lat1 * RAD) * Math.sin(lat2 * RAD) -
    Math.sin(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.cos((lon2 - lon1) * RAD);
  return (Math.atan2(y, x) / RAD + 360) % 360;
}

/** The point `distance` metres from a start along `bearing` degrees. */
export function destination(lat: number, lon: number, bearing: number, distance: number): [number, number] {
  const d = distance / EARTH_RADIUS_M;
  const b = bearing * RAD;
  const la1 = lat * RAD;
  const la2 = Math.asin(Math.sin(la1) * Math.cos(d) + Math.cos(la1) * Math.sin(d) * Math.cos(b));
  const lo2 =
    lon * RAD +
    Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(la1), Math.cos(d) - Math.sin(la1) * Math.sin(la2));
  return [la2 / RAD, ((((lo2 / RAD + 540) % 360) + 360) % 360) - 180];
}

/**
 * Whether a point is inside a polygon of [lat, lon] corners (ray casting in degrees: geofences are
 * a few km across, where a plane is exact enough; a point on an edge may fall either side).
 */
export function insidePolygon(
  lat: number,
  lon: number,
  points: readonly (readonly [number, number])[],
): boolean {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [yi, xi] = points[i]!;
    const [yj, xj] = points[j]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export type Shape =
  | { kind: 'circle'; lat: number; lon: number; radiusM: number }
  | { kind: 'polygon'; points: readonly (readonly [number, number])[] };

export function insideShape(lat: number, lon: number, shape: Shape): boolean {
  return shape.kind === 'circle'
    ? distanceM(lat, lon, shape.lat, shape.lon) <= shape.radiusM
    : insidePolygon(lat, lon, shape.points);
}
