/**
 * The replay wire format: one text of integers per vehicle, five per fix — milliseconds after the
 * range start, latitude and longitude × 10^6, km/h × 10, course in degrees (-1: unknown). Core
 * passes SQLite's text through; the reader parses it once into columns.
 */

export interface DecodedTrack {
  at: Float64Array;
  lat: Float64Array;
  lon: Float64Array;
  speedKmh: Float64Array;
  /** NaN: unknown. */
  course: Float64Array;
}

export function decodeTrack(packed: string, from: number): DecodedTrack {
  const ints = packed ? (JSON.parse(`[${packed}]`) as number[]) : [];
  const n = Math.floor(ints.length / 5);
  const out: DecodedTrack = {
    at: new Float64Array(n),
    lat: new Float64Array(n),
    lon: new Float64Array(n),
    speedKmh: new Float64Array(n),
    course: new Float64Array(n),
  };
  let sorted = true;
  for (let i = 0, j = 0; i < n; i++, j += 5) {
    out.at[i] = ints[j]! + from;
    out.lat[i] = ints[j + 1]! / 1e6;
    out.lon[i] = ints[j + 2]! / 1e6;
    out.speedKmh[i] = ints[j + 3]! / 10;
    out.course[i] = ints[j + 4]! < 0 ? NaN : ints[j + 4]!;
    if (i > 0 && out.at[i]! < out.at[i - 1]!) sorted = false;
  }
  return sorted ? out : sortTrack(out);
}

function sortTrack(t: DecodedTrack): DecodedTrack {
  const order = Array.from(t.at.keys()).sort((a, b) => t.at[a]! - t.at[b]!);
  const pick = (a: Float64Array): Float64Array => {
    const out = new Float64Array(a.length);
    order.forEach((from, to) => (out[to] = a[from]!));
    return out;
  };
  return {
    at: pick(t.at),
    lat: pick(t.lat),
    lon: pick(t.lon),
    speedKmh: pick(t.speedKmh),
    course: pick(t.course),
  };
}

/** Writes fixes in the same format (tests and the simulator's expectations). */
export function encodeTrack(
  points: readonly { at: number; lat: number; lon: number; speedKmh: number; course: number | null }[],
  from: number,
): string {
  return points
    .map(
      (p) =>
        `${p.at - from},${Math.round(p.lat * 1e6)},${Math.round(p.lon * 1e6)},${Math.round(p.speedKmh * 10)},${p.course === null ? -1 : Math.round(p.course) % 360}`,
    )
    .join(',');
}
