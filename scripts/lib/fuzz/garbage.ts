/**
 * Hostile traffic that is not a command: garbage WebSocket frames, odd request envelopes, and raw
 * HTTP requests with bad paths, methods and headers. Every generator is driven by the seeded Rng.
 */
import { randomUUID } from 'node:crypto';
import { COMMAND_NAMES } from '@shared/contract';
import type { Rng } from './rng';

/** One frame for an authenticated socket: text or binary, rarely a valid request. */
export function garbageFrame(rng: Rng): string | Buffer {
  const id = rng.pick([1, 0, -1, 1.5, 2 ** 53, '1', null, undefined, {}, []]);
  switch (rng.int(0, 11)) {
    case 0:
      return rng.bytes(rng.int(0, 2048));
    case 1:
      return rng.text(200);
    case 2:
      return JSON.stringify(rng.pick([null, 1, 'x', [], true, [1, 2, 3]]));
    case 3:
      return JSON.stringify({
        id,
        name: rng.pick(COMMAND_NAMES),
        input: rng.pick([null, 1, 'x', [], { a: 1 }]),
      });
    case 4:
      return JSON.stringify({ id: rng.int(1, 1e6), name: rng.text(30), input: {} });
    case 5:
      return JSON.stringify({
        id: rng.int(1, 1e6),
        name: rng.pick(COMMAND_NAMES),
        input: {},
        requestId: rng.pick([randomUUID(), 'x', 5, null, '']),
      });
    case 6:
      return '{"id":1,"name":"app.info","input":' + '['.repeat(rng.int(10, 5000));
    case 7:
      return '{"a":' + '{"a":'.repeat(rng.int(100, 3000)) + '1' + '}'.repeat(3000);
    case 8:
      return JSON.stringify({
        id: rng.int(1, 1e6),
        name: '__proto__',
        input: { __proto__: { polluted: true } },
      });
    case 9:
      return '\ufeff' + JSON.stringify({ id: 1, name: 'app.info', input: {} });
    case 10:
      return JSON.stringify({ id: rng.int(1, 1e6), name: 'constructor', input: {} });
    default:
      return Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x00, 0xdc]);
  }
}

const PATHS = [
  '/',
  '/index.html',
  '/api/session',
  '/api/ws',
  '/../../etc/passwd',
  '/%2e%2e/%2e%2e/etc/passwd',
  '/..%2f..%2fpackage.json',
  '/%00',
  '/%E0%A4%A',
  '//etc//passwd',
  '/assets/../../loadstar.db',
  '/\\..\\..\\windows',
  '/api/session?token=' + 'x'.repeat(200),
  '/dock/today?x=<script>',
  '/' + 'a/'.repeat(400),
];
const METHODS = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'OPTIONS',
  'TRACE',
  'CONNECT',
  'PATCH',
  'FOO',
  'G\u0000ET',
];

/** One raw HTTP/1.1 request (bytes on a fresh TCP connection) with hostile parts. */
export function hostileHttp(rng: Rng, port: number): Buffer {
  const roll = rng.int(0, 9);
  if (roll === 0) return rng.bytes(rng.int(1, 4096));
  const method = rng.pick(METHODS);
  const path = rng.chance(0.2) ? '/' + percentEncode(rng.text(300)) : rng.pick(PATHS);
  const headers: string[] = [];
  const host = rng.pick([
    `127.0.0.1:${port}`,
    `localhost:${port}`,
    `attacker.example:${port}`,
    '',
    'a'.repeat(300),
    `127.0.0.1:${port + 1}`,
  ]);
  if (host || rng.chance(0.5)) headers.push(`Host: ${host}`);
  if (rng.chance(0.3))
    headers.push(
      `Origin: ${rng.pick(['http://evil.example', 'null', `http://127.0.0.1:${port}`, 'file://', ''])}`,
    );
  if (rng.chance(0.2)) headers.push('Sec-Fetch-Site: cross-site');
  if (rng.chance(0.2)) headers.push(`X-Long: ${'v'.repeat(rng.int(1000, 40_000))}`);
  if (rng.chance(0.2)) headers.push(`Bad\u0000Header: ${rng.text(20)}`);
  if (rng.chance(0.2))
    headers.push(
      'Upgrade: websocket',
      'Connection: Upgrade',
      'Sec-WebSocket-Version: 13',
      `Sec-WebSocket-Key: ${rng.pick(['dGhlIHNhbXBsZSBub25jZQ==', 'bad', ''])}`,
    );
  if (rng.chance(0.2)) headers.push(`Content-Length: ${rng.pick(['10', '-1', '99999999999', 'abc'])}`);
  if (rng.chance(0.1)) headers.push('Transfer-Encoding: chunked');
  const body = rng.chance(0.3) ? rng.text(100) : '';
  const version = rng.pick(['HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9', '']);
  return Buffer.from(`${method} ${path} ${version}\r\n${headers.join('\r\n')}\r\n\r\n${body}`, 'latin1');
}

/** Any text as a request path, lone surrogates and all (encodeURI would throw on those). */
function percentEncode(text: string): string {
  return Array.from(Buffer.from(text, 'utf8'), (b) =>
    /[A-Za-z0-9._~/-]/.test(String.fromCharCode(b))
      ? String.fromCharCode(b)
      : `%${b.toString(16).padStart(2, '0')}`,
  ).join('');
}
