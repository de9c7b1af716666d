import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../log';
import { TileService } from './tiles';

const TILE_BYTES = 1000;
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** A tile server on 127.0.0.1: every /z/x/y.png is a distinct PNG of TILE_BYTES. */
async function tileServer() {
  const hits: string[] = [];
  const s: Server = createServer((req, res) => {
    hits.push(req.url!);
    const body = Buffer.alloc(TILE_BYTES, req.url!);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(body);
    res.end(body);
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  cleanup.push(async () => {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  });
  return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}/{z}/{x}/{y}.png`, hits };
}

async function dataDir() {
  const dir = await mkdtemp(join(tmpdir(), 'loadstar-tiles-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function cached(dir: string): Promise<{ files: string[]; bytes: number }> {
  const names = (await readdir(join(dir, 'tiles'), { recursive: true })) as string[];
  const files: string[] = [];
  let bytes = 0;
  for (const n of names) {
    const s = await stat(join(dir, 'tiles', n));
    if (!s.isFile()) continue;
    files.push(n.split('/').slice(-2).join('/'));
    bytes += s.size;
  }
  return { files: files.sort(), bytes };
}

const service = (dir: string, cacheMaxBytes: number) =>
  new TileService({ dataDir: dir, logger: createLogger(null), now: Date.now, cacheMaxBytes });

describe('map tile cache size', () => {
  it('stays under its limit by dropping the tiles used longest ago; a dropped tile is fetched again', async () => {
    const dir = await dataDir();
    const stub = await tileServer();
    const tiles = service(dir, 5 * TILE_BYTES);
    for (let x = 1; x <= 5; x++)
      expect(await tiles.tile(stub.url, 5, x, 1)).toMatchObject({ fromCache: false });
    expect((await cached(dir)).bytes).toBe(5 * TILE_BYTES);
    // Tile 1 is looked at again: now it is the most recently used.
    expect(await tiles.tile(stub.url, 5, 1, 1)).toMatchObject({ fromCache: true });
    await tiles.tile(stub.url, 5, 6, 1);
    const after = await cached(dir);
    expect(after.bytes).toBeLessThanOrEqual(5 * TILE_BYTES * 0.9);
    expect(after.files).toEqual(['1/1', '4/1', '5/1', '6/1']);

    const hits = stub.hits.length;
    expect(await tiles.tile(stub.url, 5, 2, 1)).toMatchObject({ available: true, fromCache: false });
    expect(stub.hits.length).toBe(hits + 1);
    expect(await tiles.tile(stub.url, 5, 4, 1)).toMatchObject({ fromCache: true });
  });

  it('after a restart, counts what is already on disk and drops by when each tile was last used', async () => {
    const dir = await dataDir();
    const stub = await tileServer();
    const first = service(dir, 100 * TILE_BYTES);
    for (let x = 1; x <= 4; x++) await first.tile(stub.url, 5, x, 1);
    // Last used: tile 3 a week ago, 1 three days ago, 4 yesterday, 2 today.
    const day = 86_400_000;
    const usedAt: Record<number, number> = { 3: 7, 1: 3, 4: 1, 2: 0 };
    const folder = (await readdir(join(dir, 'tiles')))[0]!;
    for (const [x, daysAgo] of Object.entries(usedAt)) {
      const at = new Date(Date.now() - daysAgo * day);
      await utimes(join(dir, 'tiles', folder, '5', x, '1'), at, at);
    }

    const again = service(dir, 3 * TILE_BYTES);
    await again.tile(stub.url, 5, 9, 1);
    expect((await cached(dir)).files).toEqual(['2/1', '9/1']);
  });
});
