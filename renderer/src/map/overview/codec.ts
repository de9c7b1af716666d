/**
 * The bundled overview map's compact form, written by `scripts/basemap/build-basemap.ts` and read
 * by the renderer. Lines and rings are whole degrees × `scale` (integers), each ring as
 * `count, x0, y0, dx1, dy1, …` in zig-zag varints, the whole stream base64 in a JSON string: about
 * a third of the size of the same points as JSON numbers, and decoded in a few milliseconds.
 */

/** Who made the overview map's data; shown on the map, as the licences ask. */
export const OVERVIEW_ATTRIBUTION = 'Natural Earth · GSHHG (LGPL) · GeoNames (CC BY 4.0)';

export interface OverviewFile {
  version: 1;
  /** Integer units per degree. */
  scale: number;
  /** Who made the data and under what licence, shown on the map. */
  attribution: string;
  /** Land polygons (outer rings; islands are rings of their own). `coarse` for small zooms. */
  land: { coarse: string; fine: string };
  /** Lakes: rings filled with water on top of the land. */
  lakes: { coarse: string; fine: string };
  /** Country borders on land, as lines. */
  borders: { coarse: string; fine: string };
  /** Places: name, lon and lat × scale, population, capital flag. */
  places: [string, number, number, number, 0 | 1][];
}

/** One ring or line as [lon, lat] pairs in degrees × scale (integers). */
export type IntLine = number[][];

function zigzag(n: number): number {
  return n < 0 ? -2 * n - 1 : 2 * n;
}
function unzigzag(n: number): number {
  return n % 2 === 1 ? -(n + 1) / 2 : n / 2;
}

export function encodeLines(lines: readonly IntLine[]): string {
  const bytes: number[] = [];
  const varint = (value: number) => {
    let v = value;
    while (v >= 0x80) {
      bytes.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    bytes.push(v);
  };
  for (const line of lines) {
    varint(line.length);
    let px = 0;
    let py = 0;
    for (const [x, y] of line) {
      varint(zigzag(x! - px));
      varint(zigzag(y! - py));
      px = x!;
      py = y!;
    }
  }
  let bin = '';
  for (let k = 0; k < bytes.length; k += 0x8000) bin += String.fromCharCode(...bytes.slice(k, k + 0x8000));
  return btoa(bin);
}

/** Lines back as flat [x0, y0, x1, y1, …] integer arrays. */
export function decodeLines(base64: string): Int32Array[] {
  const bin = atob(base64);
  const lines: Int32Array[] = [];
  let i = 0;
  const varint = () => {
    let result = 0;
    let mul = 1;
    for (;;) {
      const b = bin.charCodeAt(i++);
      result += (b & 0x7f) * mul;
      if (b < 0x80) return result;
      mul *= 0x80;
    }
  };
  while (i < bin.length) {
    const n = varint();
    const line = new Int32Array(n * 2);
    let x = 0;
    let y = 0;
    for (let k = 0; k < n; k++) {
      x += unzigzag(varint());
      y += unzigzag(varint());
      line[2 * k] = x;
      line[2 * k + 1] = y;
    }
    lines.push(line);
  }
  return lines;
}
