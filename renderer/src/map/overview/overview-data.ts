import { decodeLines, type OverviewFile } from './codec';

/** A ring or line in Web Mercator world units (0..1 across and down), with its bounding box. */
export interface Shape {
  xy: Float64Array;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export interface Place {
  name: string;
  x: number;
  y: number;
  population: number;
  capital: boolean;
}

/** The decoded overview map: each layer at a coarse (world view) and a fine level. */
export interface Overview {
  land: { coarse: Shape[]; fine: Shape[] };
  lakes: { coarse: Shape[]; fine: Shape[] };
  borders: { coarse: Shape[]; fine: Shape[] };
  /** Largest first: the order in which labels claim room. */
  places: Place[];
}

const MAX_LAT = 85.05112878;

/** Longitude → Web Mercator x in 0..1. */
export function mercX(lon: number): number {
  return (lon + 180) / 360;
}

/** Latitude → Web Mercator y in 0..1 (north at 0). */
export function mercY(lat: number): number {
  const phi = (Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180;
  return (1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2;
}

function shapes(base64: string, scale: number): Shape[] {
  return decodeLines(base64).map((line) => {
    const xy = new Float64Array(line.length);
    let minX = 1;
    let minY = 1;
    let maxX = 0;
    let maxY = 0;
    for (let i = 0; i < line.length; i += 2) {
      const x = mercX(line[i]! / scale);
      const y = mercY(line[i + 1]! / scale);
      xy[i] = x;
      xy[i + 1] = y;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    return { xy, minX, minY, maxX, maxY };
  });
}

/** The overview file's JSON → shapes ready to draw (a few milliseconds for the whole file). */
export function decodeOverview(file: OverviewFile): Overview {
  const level = (l: { coarse: string; fine: string }) => ({
    coarse: shapes(l.coarse, file.scale),
    fine: shapes(l.fine, file.scale),
  });
  return {
    land: level(file.land),
    lakes: level(file.lakes),
    borders: level(file.borders),
    places: file.places.map(([name, lon, lat, population, capital]) => ({
      name,
      x: mercX(lon / file.scale),
      y: mercY(lat / file.scale),
      population,
      capital: capital === 1,
    })),
  };
}

let loading: Promise<Overview> | null = null;

/**
 * The bundled overview map, loaded once on first use. It ships with the app (a separate chunk,
 * so screens without a map never load it) and is read without any network access.
 */
export function loadOverview(): Promise<Overview> {
  loading ??= import('../../../../resources/basemap/overview.json?raw').then((m) =>
    decodeOverview(JSON.parse(m.default) as OverviewFile),
  );
  return loading;
}
