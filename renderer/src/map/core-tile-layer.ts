import L from 'leaflet';
import { TILE_SIZE } from './plain-tile';

/** Image bytes for one tile, or null when there is none (offline and not cached, server down). */
export interface TileImage {
  contentType: string;
  dataBase64: string;
}
export type FetchTile = (z: number, x: number, y: number) => Promise<TileImage | null>;

/**
 * A GridLayer whose tiles come from core (which fetches and caches them) rather than from the
 * browser: the page never loads a remote image, and a miss stays transparent (the bundled
 * overview map underneath shows through) instead of a broken-image icon. Each tile is a canvas,
 * painted when its bytes arrive.
 */
export class CoreTileLayer extends L.GridLayer {
  constructor(
    private readonly fetchTile: FetchTile,
    options: L.GridLayerOptions = {},
  ) {
    super({ tileSize: TILE_SIZE, maxZoom: 18, minZoom: 3, zIndex: 1, ...options });
  }

  protected override createTile(coords: L.Coords, done: L.DoneCallback): HTMLElement {
    const canvas = document.createElement('canvas');
    canvas.width = TILE_SIZE;
    canvas.height = TILE_SIZE;
    const ctx = canvas.getContext('2d');
    canvas.dataset.tile = 'none';
    this.fetchTile(coords.z, coords.x, coords.y)
      .then((image) => {
        if (!image || !ctx) return done(undefined, canvas);
        const img = new Image();
        img.onload = () => {
          ctx.drawImage(img, 0, 0, TILE_SIZE, TILE_SIZE);
          canvas.dataset.tile = 'image';
          done(undefined, canvas);
        };
        // Bytes that are not an image (an HTML error page cached by mistake) leave it transparent.
        img.onerror = () => done(undefined, canvas);
        img.src = `data:${image.contentType};base64,${image.dataBase64}`;
      })
      // Core unreachable: the overview map shows through; the routes on top still show.
      .catch(() => done(undefined, canvas));
    return canvas;
  }
}
