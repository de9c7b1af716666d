import type { Overview, Place, Shape } from './overview-data';

export const OVERVIEW_COLORS = {
  water: '#c9dced',
  land: '#f2f0e9',
  lakeShore: '#a9c4dc',
  border: '#9b8aa6',
  place: '#26303a',
  halo: 'rgba(255,255,255,0.85)',
};

/** Below this zoom the coarse level is drawn (the whole world or a continent in view). */
export const FINE_FROM_ZOOM = 6;

interface TileBox {
  /** Tile origin and size in world pixels at this zoom. */
  x0: number;
  y0: number;
  size: number;
  /** World size in pixels at this zoom. */
  world: number;
}

function intersects(s: Shape, box: TileBox, marginPx: number): boolean {
  const m = marginPx / box.world;
  return (
    s.maxX >= box.x0 / box.world - m &&
    s.minX <= (box.x0 + box.size) / box.world + m &&
    s.maxY >= box.y0 / box.world - m &&
    s.minY <= (box.y0 + box.size) / box.world + m
  );
}

/** Adds a shape to the current path, dropping points less than a pixel from the last one kept. */
function trace(ctx: CanvasRenderingContext2D, s: Shape, box: TileBox, close: boolean): void {
  const xy = s.xy;
  let lx = xy[0]! * box.world - box.x0;
  let ly = xy[1]! * box.world - box.y0;
  ctx.moveTo(lx, ly);
  const n = xy.length;
  for (let i = 2; i < n; i += 2) {
    const x = xy[i]! * box.world - box.x0;
    const y = xy[i + 1]! * box.world - box.y0;
    if (i < n - 2 && Math.abs(x - lx) < 0.7 && Math.abs(y - ly) < 0.7) continue;
    ctx.lineTo(x, y);
    lx = x;
    ly = y;
  }
  if (close) ctx.closePath();
}

/**
 * Draws one tile of the overview map: sea, land, lakes, country borders and place names. Labels
 * are chosen for the whole zoom level at once (see `labelsAt`), so a name that crosses a tile
 * edge is drawn in both tiles at the same place and reads whole.
 */
export function drawOverviewTile(
  ctx: CanvasRenderingContext2D,
  data: Overview,
  z: number,
  tx: number,
  ty: number,
  size: number,
): void {
  const world = size * 2 ** z;
  const box: TileBox = { x0: tx * size, y0: ty * size, size, world };
  const level = z < FINE_FROM_ZOOM ? 'coarse' : 'fine';
  ctx.fillStyle = OVERVIEW_COLORS.water;
  ctx.fillRect(0, 0, size, size);

  ctx.beginPath();
  for (const s of data.land[level]) if (intersects(s, box, 2)) trace(ctx, s, box, true);
  ctx.fillStyle = OVERVIEW_COLORS.land;
  ctx.fill('nonzero');

  ctx.beginPath();
  for (const s of data.lakes[level]) if (intersects(s, box, 2)) trace(ctx, s, box, true);
  ctx.fillStyle = OVERVIEW_COLORS.water;
  ctx.fill('nonzero');
  if (z >= 8) {
    ctx.strokeStyle = OVERVIEW_COLORS.lakeShore;
    ctx.lineWidth = 0.8;
    ctx.stroke();
  }

  ctx.beginPath();
  for (const s of data.borders[level]) if (intersects(s, box, 2)) trace(ctx, s, box, false);
  ctx.strokeStyle = OVERVIEW_COLORS.border;
  ctx.lineWidth = z >= 8 ? 1.6 : 1;
  ctx.setLineDash(z >= 5 ? [6, 3] : []);
  ctx.stroke();
  ctx.setLineDash([]);

  for (const label of labelsAt(data, z, size)) {
    const x = label.place.x * world - box.x0;
    const y = label.place.y * world - box.y0;
    if (x + label.width < -4 || x - label.width > size + 4 || y < -20 || y > size + 20) continue;
    drawPlace(ctx, label, x, y);
  }
}

interface Label {
  place: Place;
  font: string;
  width: number;
  dot: number;
}

/** How big a place must be to be named at a zoom: cities first, towns as one zooms in. */
export function minPopulation(z: number): number {
  if (z <= 4) return 2_000_000;
  if (z === 5) return 700_000;
  if (z === 6) return 250_000;
  if (z === 7) return 80_000;
  if (z === 8) return 25_000;
  if (z === 9) return 8_000;
  return 2_000;
}

const labelCache = new Map<string, Label[]>();
let measurer: CanvasRenderingContext2D | null = null;

/**
 * The places named at a zoom, largest first, each only where its name does not overlap a larger
 * place's (greedy, in world pixels, once per zoom level).
 */
export function labelsAt(data: Overview, z: number, size: number): Label[] {
  const key = `${z}:${size}:${data.places.length}`;
  const cached = labelCache.get(key);
  if (cached) return cached;
  measurer ??= document.createElement('canvas').getContext('2d');
  const world = size * 2 ** z;
  const min = minPopulation(z);
  const taken: { x0: number; y0: number; x1: number; y1: number }[] = [];
  const grid = new Map<string, number[]>();
  const CELL = 256;
  const out: Label[] = [];
  for (const place of data.places) {
    if (place.population < min && !(place.capital && z >= 4)) continue;
    const big = place.population >= 100_000 || place.capital;
    const mid = place.population >= 15_000;
    const font = `${big || mid ? 600 : 500} ${big ? 15 : mid ? 14 : 13}px system-ui, sans-serif`;
    if (!measurer) break;
    measurer.font = font;
    const width = measurer.measureText(place.name).width;
    const x = place.x * world;
    const y = place.y * world;
    const r = { x0: x - 5, y0: y - 10, x1: x + width + 12, y1: y + 10 };
    const cells: string[] = [];
    for (let cx = Math.floor(r.x0 / CELL); cx <= Math.floor(r.x1 / CELL); cx++)
      for (let cy = Math.floor(r.y0 / CELL); cy <= Math.floor(r.y1 / CELL); cy++) cells.push(`${cx},${cy}`);
    const clash = cells.some((c) =>
      (grid.get(c) ?? []).some((i) => {
        const o = taken[i]!;
        return r.x0 < o.x1 && r.x1 > o.x0 && r.y0 < o.y1 && r.y1 > o.y0;
      }),
    );
    if (clash) continue;
    taken.push(r);
    for (const c of cells) grid.set(c, [...(grid.get(c) ?? []), taken.length - 1]);
    out.push({ place, font, width, dot: big ? 3.5 : mid ? 3 : 2.4 });
  }
  labelCache.set(key, out);
  return out;
}

function drawPlace(ctx: CanvasRenderingContext2D, label: Label, x: number, y: number): void {
  ctx.beginPath();
  ctx.arc(x, y, label.dot, 0, Math.PI * 2);
  ctx.fillStyle = OVERVIEW_COLORS.place;
  ctx.fill();
  ctx.font = label.font;
  ctx.textBaseline = 'middle';
  ctx.lineWidth = 3.5;
  ctx.lineJoin = 'round';
  ctx.strokeStyle = OVERVIEW_COLORS.halo;
  ctx.strokeText(label.place.name, x + label.dot + 3, y);
  ctx.fillStyle = OVERVIEW_COLORS.place;
  ctx.fillText(label.place.name, x + label.dot + 3, y);
}
