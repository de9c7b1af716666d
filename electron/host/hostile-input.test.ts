import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MAX_FRAME_BYTES, type ServerMessage } from '@shared/contract';
import { uploadFile } from '@shared/files/upload';
import { startHostProcess, type HostProcess } from '../../e2e/support/host-process';
import { WsClient } from '../../e2e/support/ws-client';
import { garbageFrame } from '../../scripts/lib/fuzz/garbage';
import { Rng } from '../../scripts/lib/fuzz/rng';

// One host for the whole file: each test checks that what the previous ones did left it serving.
const dataDir = mkdtempSync(join(tmpdir(), 'loadstar-hostile-'));
let host: HostProcess;

beforeAll(async () => {
  host = await startHostProcess({ dataDir, demo: false, fromSource: true });
}, 60_000);
afterAll(async () => {
  await host?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The host process is alive and its core answers. */
async function stillAnswering(): Promise<void> {
  expect(host.child.exitCode, host.output()).toBeNull();
  const client = await WsClient.connect(host.url);
  expect(await client.call('app.info', {})).toMatchObject({ ok: true });
  client.close();
}

function closeCode(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}

async function rawSocket(port: number, token: string): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api/ws?token=${token}`);
  ws.on('error', () => undefined);
  await new Promise((r) => ws.once('open', r));
  return ws;
}

describe('the host under hostile input', () => {
  it('closes only the socket that sends a frame over 1 MiB, with or without a token', async () => {
    const client = await WsClient.connect(host.url);
    const bystander = await WsClient.connect(host.url);
    const closed = closeCode(client.socket);
    client.socket.send(Buffer.alloc(MAX_FRAME_BYTES + 100_000, 0x61));
    expect(await closed).toBe(1009);

    const stranger = await rawSocket(host.port, 'not-the-token');
    const strangerClosed = closeCode(stranger);
    stranger.send(Buffer.alloc(2 * MAX_FRAME_BYTES, 0x7b));
    expect([1009, 4401]).toContain(await strangerClosed);

    // Another client on the same host never noticed.
    expect(await bystander.call('sync.status', {})).toMatchObject({ ok: true });
    bystander.close();
    await stillAnswering();
  });

  it('imports a 5 MB order file sent in chunks, none near the frame limit', async () => {
    const client = await WsClient.connect(host.url);
    const lines = ['Order,Customer,Address,Latitude,Longitude,Notes,Internal memo'];
    let size = lines[0]!.length;
    for (let i = 0; size < 5_000_000; i++) {
      const line = [
        `BIG-${i}`,
        `Customer ${i} ${'k'.repeat(100)}`,
        `"Storgatan ${i}, ${'Jönköping '.repeat(17)}"`,
        (57.7 + (i % 100) / 1000).toFixed(4),
        (14.1 + (i % 77) / 1000).toFixed(4),
        `"${'note '.repeat(95)}"`,
        'm'.repeat(200),
      ].join(',');
      lines.push(line);
      size += line.length + 1;
    }
    const csv = new TextEncoder().encode(lines.join('\n'));
    expect(csv.length).toBeGreaterThan(5_000_000);
    const chunkSizes: number[] = [];
    const call = async <T>(name: string, input: unknown): Promise<T> => {
      if (name === 'files.uploadChunk') chunkSizes.push(JSON.stringify(input).length);
      const r = await client.call(name, input);
      if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
      return r.value as T;
    };
    const file = await uploadFile(call, 'orders-5mb.csv', csv);
    expect(file).toMatchObject({ size: csv.length, kind: 'text' });
    expect(Math.max(...chunkSizes)).toBeLessThan(MAX_FRAME_BYTES / 2);

    const date = '2030-03-04';
    const preview = await call<{ totalRows: number; validRows: number; suggestedMapping: unknown }>(
      'routes.importPreview',
      { date, fileId: file.id },
    );
    expect(preview).toMatchObject({ totalRows: lines.length - 1, validRows: lines.length - 1 });
    const result = await call<{ created: number }>('routes.importCommit', {
      date,
      fileId: file.id,
      mapping: preview.suggestedMapping,
    });
    expect(result.created).toBe(lines.length - 1);
    client.close();
    await stillAnswering();
  }, 120_000);

  it('answers 10,000 garbage frames, none with an internal error, and keeps answering', async () => {
    const ws = await rawSocket(host.port, await session());
    const rng = new Rng(16);
    let answers = 0;
    const internal: ServerMessage[] = [];
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as ServerMessage;
      if ('event' in m) return;
      answers++;
      if (!m.ok && m.error.code === 'internal') internal.push(m);
    });
    let sent = 0;
    for (let i = 0; i < 10_000 && ws.readyState === WebSocket.OPEN; i++) {
      const frame = garbageFrame(rng);
      ws.send(frame);
      sent++;
      // Let the answers drain now and then, as a real (if broken) client would.
      if (i % 500 === 499) await new Promise((r) => setImmediate(r));
    }
    expect(sent).toBe(10_000);
    // Every garbage frame is answered (refused), so the count is what proves none was dropped.
    await expect.poll(() => answers, { timeout: 60_000, interval: 100 }).toBe(10_000);
    expect(internal).toEqual([]);
    ws.close();
    await stillAnswering();
  }, 120_000);

  it('survives hostile handshakes and raw bytes on the HTTP port', async () => {
    const attempts = [
      `GET //evil.example/api/ws?token=x HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
      `GET /api/ws HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n`,
      `GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nX-Big: ${'x'.repeat(70_000)}\r\n\r\n`,
      '\u0000\u0001garbage\r\n\r\n',
    ];
    for (const text of attempts) {
      await new Promise<void>((resolve) => {
        const s = connect(host.port, '127.0.0.1', () => s.end(text));
        s.on('error', () => undefined);
        s.on('data', () => undefined);
        s.on('close', () => resolve());
      });
    }
    await stillAnswering();
  });
});

async function session(): Promise<string> {
  const res = await fetch(new URL('/api/session', host.url));
  return ((await res.json()) as { token: string }).token;
}
