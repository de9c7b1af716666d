/**
 * Map tiles through the core: served from a cache in the data folder, fetched from the
 * configured tile URL when online. Offline (or failing) answers "not available", never an error,
 * so the map draws routes on a plain base instead of broken images. Cache folders are keyed by
 * the tile URL, so switching providers never mixes their tiles.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TileResult } from '@shared/contract';
import type { Logger } from '../../log';
import { TileCacheLimit } from './tile-cache-limit';

const FETCH_TIMEOUT_MS = 8_000;
/** After a failed fetch, uncached tiles answer "offline" at once for this long. */
const OFFLINE_BACKOFF_MS = 20_000;
const MAX_TILE_BYTES = 2 * 1024 * 1024;
/** Room for a few cities at every zoom level, or a country at the zoom levels dispatchers use. */
const DEFAULT_CACHE_BYTES = 512 * 1024 * 1024;

export interface TileServiceOptions {
  dataDir: string;
  logger: Logger;
  now: () => number;
  fetchTimeoutMs?: number;
  userAgent?: string;
  /** The cache folder is kept under this many bytes, dropping the tiles used longest ago. */
  cacheMaxBytes?: number;
}

export class TileService {
  private offlineUntil = 0;
  private readonly inflight = new Map<string, Promise<TileResult>>();

  private readonly limit: TileCacheLimit;

  constructor(private readonly o: TileServiceOptions) {
    this.limit = new TileCacheLimit(
      join(o.dataDir, 'tiles'),
      o.cacheMaxBytes ?? DEFAULT_CACHE_BYTES,
      o.logger,
    );
  }

  async tile(tileUrl: string, z: number, x: number, y: number): Promise<TileResult> {
    if (!tileUrl) return { available: false, reason: 'not_configured' };
    // z, x and y are validated integers: the path cannot leave the cache folder.
    const dir = join(
      this.o.dataDir,
      'tiles',
      createHash('sha256').update(tileUrl).digest('hex').slice(0, 16),
      String(z),
      String(x),
    );
    const file = join(dir, String(y));
    const cached = await readFile(file).catch(() => null);
    if (cached) {
      void this.limit.used(file);
      return {
        available: true,
        contentType: sniff(cached) ?? 'image/png',
        base64: cached.toString('base64'),
        fromCache: true,
      };
    }
    if (Date.now() < this.offlineUntil) return { available: false, reason: 'offline' };
    const key = `${tileUrl}|${z}/${x}/${y}`;
    let p = this.inflight.get(key);
    if (!p) {
      p = this.fetchTile(tileUrl, z, x, y, dir, file).finally(() => this.inflight.delete(key));
      this.inflight.set(key, p);
    }
    return p;
  }

  private async fetchTile(
    tileUrl: string,
    z: number,
    x: number,
    y: number,
    dir: string,
    file: string,
  ): Promise<TileResult> {
    const url = tileUrl
      .replaceAll('{z}', String(z))
      .replaceAll('{x}', String(x))
      .replaceAll('{y}', String(y))
      .replaceAll('{s}', 'abc'[(x + y) % 3]!);
    let res: Response;
    try {
      res = await fetch(url, {
        signal: AbortSignal.timeout(this.o.fetchTimeoutMs ?? FETCH_TIMEOUT_MS),
        headers: { 'User-Agent': this.o.userAgent ?? 'Loadstar/0.1 (desktop route planner)' },
      });
    } catch (e) {
      this.wentOffline(url, e);
      return { available: false, reason: 'offline' };
    }
    if (res.status === 404 || res.status === 410) return { available: false, reason: 'not_found' };
    if (!res.ok) {
      this.wentOffline(url, `HTTP ${res.status}`);
      return { available: false, reason: 'offline' };
    }
    let body: Buffer;
    try {
      body = Buffer.from(await res.arrayBuffer());
    } catch (e) {
      this.wentOffline(url, e);
      return { available: false, reason: 'offline' };
    }
    const type = sniff(body);
    if (!type || body.length > MAX_TILE_BYTES) {
      this.o.logger.warn('tile server answered something that is not an image', { url, bytes: body.length });
      return { available: false, reason: 'not_found' };
    }
    try {
      await mkdir(dir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, body);
      await rename(tmp, file);
      await this.limit.added(file, body.length);
    } catch (e) {
      this.o.logger.warn('could not cache a map tile', { error: String(e) });
    }
    return { available: true, contentType: type, base64: body.toString('base64'), fromCache: false };
  }

  /** A new tile URL deserves a fresh try. */
  resetOffline(): void {
    this.offlineUntil = 0;
  }

  private wentOffline(url: string, e: unknown): void {
    if (Date.now() >= this.offlineUntil)
      this.o.logger.info('map tiles unavailable, using the cache only', { url, error: String(e) });
    this.offlineUntil = Date.now() + OFFLINE_BACKOFF_MS;
  }
}

/** Only real images are served or cached. */
function sniff(b: Buffer): string | null {
  if (b.length > 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png';
  if (b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length > 12 && b.toString('ascii', 0, 4) === 'RIFF' && b.toString('ascii', 8, 12) === 'WEBP')
    return 'image/webp';
  return null;
}
