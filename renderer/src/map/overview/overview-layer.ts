import L from 'leaflet';
import { drawPlainTile, TILE_SIZE } from '../plain-tile';
import { drawOverviewTile } from './draw-overview';
import { loadOverview } from './overview-data';

/**
 * The bundled offline overview map as a canvas GridLayer, under the tile server's layer: the map
 * is never blank, with no tile server set, offline, or before a tile arrives. Should the data fail
 * to load, tiles stay plain.
 */
export class OverviewLayer extends L.GridLayer {
  constructor(options: L.GridLayerOptions = {}) {
    super({ tileSize: TILE_SIZE, maxZoom: 18, minZoom: 3, zIndex: 0, ...options });
  }

  protected override createTile(coords: L.Coords, done: L.DoneCallback): HTMLElement {
    const canvas = document.createElement('canvas');
    canvas.width = TILE_SIZE;
    canvas.height = TILE_SIZE;
    canvas.dataset.overview = 'loading';
    const ctx = canvas.getContext('2d');
    if (ctx) drawPlainTile(ctx);
    loadOverview()
      .then((data) => {
        // Timed with the User Timing API (entries named `overview-tile`) so a slow tile shows in
        // the browser's performance tools.
        const start = performance.now();
        if (ctx) drawOverviewTile(ctx, data, coords.z, coords.x, coords.y, TILE_SIZE);
        performance.measure('overview-tile', { start, end: performance.now() });
        canvas.dataset.overview = 'drawn';
        done(undefined, canvas);
      })
      .catch(() => {
        canvas.dataset.overview = 'plain';
        done(undefined, canvas);
      });
    return canvas;
  }
}
