import { describe, expect, it } from 'vitest';
import { decodeLines, encodeLines, type OverviewFile } from './codec';
import { minPopulation } from './draw-overview';
import { decodeOverview, mercX, mercY } from './overview-data';
import raw from '../../../../resources/basemap/overview.json?raw';

describe('the overview map codec', () => {
  it('round-trips rings and lines, negative and large values included', () => {
    const lines = [
      [
        [14_160, 57_780],
        [14_161, 57_779],
        [-179_999, -85_000],
        [180_000, 85_000],
      ],
      [[0, 0]],
      [
        [1, 2],
        [1, 2],
      ],
    ];
    const decoded = decodeLines(encodeLines(lines));
    expect(decoded.map((l) => [...l])).toEqual(lines.map((l) => l.flat()));
  });
});

describe('the bundled overview map', () => {
  const file = JSON.parse(raw) as OverviewFile;
  const data = decodeOverview(file);
  const at = (lon: number, lat: number) => ({ x: mercX(lon), y: mercY(lat) });
  // Even-odd ray casting over every ring of a level: is the point inside one of them?
  const inside = (shapes: typeof data.land.fine, p: { x: number; y: number }) =>
    shapes.some((s) => {
      if (p.x < s.minX || p.x > s.maxX || p.y < s.minY || p.y > s.maxY) return false;
      let hit = false;
      for (let i = 0, j = s.xy.length - 2; i < s.xy.length; j = i, i += 2) {
        const [xi, yi, xj, yj] = [s.xy[i]!, s.xy[i + 1]!, s.xy[j]!, s.xy[j + 1]!];
        if (yi > p.y !== yj > p.y && p.x < ((xj - xi) * (p.y - yi)) / (yj - yi) + xi) hit = !hit;
      }
      return hit;
    });

  it('names its sources', () => {
    expect(file.attribution).toMatch(/Natural Earth.*GSHHG.*GeoNames/);
  });

  it('has the demo area right: Jönköping on land, Vättern a lake, the towns around it named', () => {
    const jonkoping = at(14.16, 57.78);
    const vattern = at(14.55, 58.3);
    for (const level of ['coarse', 'fine'] as const) expect(inside(data.land[level], jonkoping)).toBe(true);
    expect(inside(data.land.fine, vattern)).toBe(true);
    expect(inside(data.lakes.fine, vattern)).toBe(true);
    expect(inside(data.lakes.fine, jonkoping)).toBe(false);
    const names = data.places.map((p) => p.name);
    for (const town of ['Jönköping', 'Huskvarna', 'Gränna', 'Nässjö', 'Habo']) expect(names).toContain(town);
  });

  it('has the sea where the sea is and the Swedish–Norwegian border', () => {
    expect(inside(data.land.fine, at(11.5, 57.5))).toBe(false); // Kattegat
    expect(inside(data.land.fine, at(18.9, 57.0))).toBe(false); // Baltic, east of Öland
    expect(
      data.borders.fine.some((s) => s.minX < mercX(12) && s.maxX > mercX(12) && s.minY < mercY(60)),
    ).toBe(true);
  });

  it('lists places largest first, so labels claim room in that order', () => {
    const pops = data.places.map((p) => p.population);
    expect(pops).toEqual([...pops].sort((a, b) => b - a));
  });

  it('names fewer, bigger places the further out the view is', () => {
    for (let z = 3; z < 12; z++) expect(minPopulation(z)).toBeGreaterThanOrEqual(minPopulation(z + 1));
  });
});
