import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { useTestCore } from '../../testing';
import { api } from './test-support';

const start = useTestCore();
const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

// The 8-byte PNG signature and a little body: enough for the sniffing that refuses non-images.
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('tile-body'),
]);

async function tileServer() {
  const hits: string[] = [];
  const s = createServer((req, res) => {
    hits.push(req.url!);
    if (req.url === '/5/17/9.png') return res.end(PNG);
    if (req.url === '/5/1/1.png') return res.end('<html>captive portal</html>');
    res.statusCode = 404;
    res.end();
  });
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, hits, server: s };
}

describe('map tiles', () => {
  it('fetches from the configured URL, caches, and serves the cache when offline', async () => {
    const core = await start();
    const { ok, fail } = api(core);
    const stub = await tileServer();
    await ok('routes.updateSettings', { tileUrl: `${stub.base}/{z}/{x}/{y}.png` });
    const first = await ok('map.tile', { z: 5, x: 17, y: 9 });
    expect(first).toMatchObject({ available: true, contentType: 'image/png', fromCache: false });
    expect(Buffer.from(first.base64, 'base64')).toEqual(PNG);
    const second = await ok('map.tile', { z: 5, x: 17, y: 9 });
    expect(second).toMatchObject({ available: true, fromCache: true });
    expect(stub.hits).toEqual(['/5/17/9.png']);
    // Missing tiles and things that are not images are "not available", not errors.
    expect(await ok('map.tile', { z: 5, x: 2, y: 2 })).toEqual({ available: false, reason: 'not_found' });
    expect(await ok('map.tile', { z: 5, x: 1, y: 1 })).toEqual({ available: false, reason: 'not_found' });

    // Offline: the server is gone. Cached tiles still come, others answer "offline" at once.
    stub.server.closeAllConnections();
    await new Promise((r) => stub.server.close(r));
    servers.splice(servers.indexOf(stub.server), 1);
    expect(await ok('map.tile', { z: 5, x: 18, y: 9 })).toEqual({ available: false, reason: 'offline' });
    expect(await ok('map.tile', { z: 5, x: 17, y: 9 })).toMatchObject({ available: true, fromCache: true });

    // Bad coordinates and unsafe URLs are refused up front.
    expect((await fail('map.tile', { z: 3, x: 8, y: 0 })).code).toBe('invalid_input');
    expect((await fail('map.tile', { z: 3, x: -1, y: 0 })).code).toBe('invalid_input');
    expect(await fail('routes.updateSettings', { tileUrl: 'file:///etc/{z}/{x}/{y}' })).toMatchObject({
      code: 'invalid_input',
    });
    expect(
      await fail('routes.updateSettings', { tileUrl: 'https://tiles.example/{z}/{x}.png' }),
    ).toMatchObject({
      message: expect.stringContaining('{y}'),
    });
  });

  it('answers not_configured without a tile URL', async () => {
    const core = await start();
    const { ok } = api(core);
    await ok('routes.updateSettings', { tileUrl: '' });
    expect(await ok('map.tile', { z: 1, x: 0, y: 0 })).toEqual({
      available: false,
      reason: 'not_configured',
    });
    expect((await ok('routes.getSettings', {})).tileUrl).toBe('');
  });
});
