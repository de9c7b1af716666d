/**
 * The base drawn when no real tile is available (offline, not cached, tile server down): one flat
 * land colour, the same as the map's background, so a mix of missing and real tiles shows no seams
 * and no broken images, and the routes drawn on top stay readable.
 */
export const TILE_SIZE = 256;
export const PLAIN_COLOR = '#eef1ec';

export function drawPlainTile(ctx: CanvasRenderingContext2D, size = TILE_SIZE): void {
  ctx.fillStyle = PLAIN_COLOR;
  ctx.fillRect(0, 0, size, size);
}
