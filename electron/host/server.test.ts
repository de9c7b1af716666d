import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WsClient } from '../../e2e/support/ws-client';
import { useTempDirs, useTestCore } from '../core/testing';
import { linkInProcess } from './core-link';
import { CLOSE_UNAUTHORIZED, startHost, type RunningHost } from './server';

const newCore = useTestCore();
const tempDir = useTempDirs();
const hosts: RunningHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
});

async function host() {
  const staticDir = tempDir();
  writeFileSync(join(staticDir, 'index.html'), '<title>Loadstar</title>');
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(staticDir, '..', 'secret.txt'), 'do not serve');
  const h = await startHost({ core: linkInProcess(await newCore()), port: 0, staticDir });
  hosts.push(h);
  return h;
}

/** Raw HTTP with headers a browser would not let a page set, to play the attacker. */
function get(port: number, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Resolves with how the attempt ended: a close code or the HTTP refusal. Every case here ends by
 * itself (the host closes or refuses), so there is no clock: a slow machine only takes longer.
 */
function tryConnect(url: string, headers: Record<string, string> = {}) {
  return new Promise<string>((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => ws.once('close', (code) => resolve(`closed ${code}`)));
    ws.on('unexpected-response', (_req, res) => resolve(`http ${res.statusCode}`));
    ws.on('error', (err) => resolve(`error ${err.message}`));
  });
}

describe('headless host', () => {
  it('serves the app and talks the protocol to its own origin', async () => {
    const h = await host();
    expect((await get(h.port, '/', { host: `127.0.0.1:${h.port}` })).body).toContain('Loadstar');
    expect((await get(h.port, '/dock/today', { host: `localhost:${h.port}` })).status).toBe(200);
    const client = await WsClient.connect(h.url, { origin: `http://127.0.0.1:${h.port}` });
    expect(await client.call('app.info', {})).toMatchObject({ ok: true, value: { siteName: 'My site' } });
    expect(await client.call('no.such', {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    client.close();
  });

  it('answers a message that is not JSON with invalid_input and stays up', async () => {
    const h = await host();
    const client = await WsClient.connect(h.url);
    const reply = new Promise<string>((resolve) => client.socket.once('message', (d) => resolve(String(d))));
    client.socket.send('{not json');
    expect(JSON.parse(await reply)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await client.call('sync.status', {})).toMatchObject({ ok: true });
    client.close();
  });

  it('refuses a WebSocket from a foreign origin, even with the right token', async () => {
    const h = await host();
    const url = `ws://127.0.0.1:${h.port}/api/ws?token=${h.token}`;
    expect(await tryConnect(url, { origin: 'http://evil.example' })).toBe('http 403');
    expect(await tryConnect(url, { origin: 'http://127.0.0.1:1' })).toBe('http 403');
    expect(await tryConnect(url, { origin: 'null' })).toBe('http 403');
  });

  it('refuses a WebSocket without the token or with a stale one', async () => {
    const h = await host();
    const origin = `http://127.0.0.1:${h.port}`;
    expect(await tryConnect(`ws://127.0.0.1:${h.port}/api/ws`, { origin })).toBe(
      `closed ${CLOSE_UNAUTHORIZED}`,
    );
    expect(await tryConnect(`ws://127.0.0.1:${h.port}/api/ws?token=stale`, { origin })).toBe(
      `closed ${CLOSE_UNAUTHORIZED}`,
    );
  });

  it('refuses requests naming another host (DNS rebinding)', async () => {
    const h = await host();
    expect((await get(h.port, '/api/session', { host: `attacker.example:${h.port}` })).status).toBe(421);
    expect(
      await tryConnect(`ws://127.0.0.1:${h.port}/api/ws?token=${h.token}`, {
        host: `attacker.example:${h.port}`,
      }),
    ).toBe('http 403');
  });

  it('gives the session token to its own pages only', async () => {
    const h = await host();
    const own = await get(h.port, '/api/session', {
      host: `127.0.0.1:${h.port}`,
      origin: `http://127.0.0.1:${h.port}`,
    });
    expect(JSON.parse(own.body)).toEqual({ token: h.token });
    const foreign = await get(h.port, '/api/session', {
      host: `127.0.0.1:${h.port}`,
      origin: 'http://evil.example',
    });
    expect(foreign.status).toBe(403);
    const crossSite = await get(h.port, '/api/session', {
      host: `127.0.0.1:${h.port}`,
      'sec-fetch-site': 'cross-site',
    });
    expect(crossSite.status).toBe(403);
  });

  it('never serves a file outside the renderer folder', async () => {
    const h = await host();
    const hostHeader = { host: `127.0.0.1:${h.port}` };
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/%00index.html',
      '/%E0%A4%A',
    ]) {
      const r = await get(h.port, path, hostHeader);
      expect(r.body).not.toContain('do not serve');
    }
    expect((await get(h.port, '/assets/app.js', hostHeader)).body).toBe('console.log(1)');
    expect((await get(h.port, '/assets/missing.js', hostHeader)).status).toBe(404);
  });

  it('closes even when a page reconnects while it is closing', async () => {
    const h = await startHost({ core: linkInProcess(await newCore()), port: 0, staticDir: null });
    // A WebSocket handshake that is still arriving when close() starts (a page reconnecting).
    const socket = connect(h.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const ended = new Promise((resolve) => socket.once('close', resolve));
    socket.write(`GET /api/ws?token=${h.token} HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\n`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closed = h.close();
    socket.write(
      'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n' +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    );
    // Before the fix the late socket was upgraded and served, and close() never resolved.
    await closed;
    await ended;
  });
});
