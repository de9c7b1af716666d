import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  AppError,
  CLOSE_CORE_RESTARTED,
  CLOSE_UNAUTHORIZED,
  MAX_FRAME_BYTES,
  type ServerMessage,
} from '@shared/contract';
import { decodeFrame } from '../core/process/frames';
import type { CoreLink } from './core-link';
import { serveStatic } from './static-files';

export { CLOSE_UNAUTHORIZED };

/** Requests one socket may have waiting for core at once; more are refused, not queued. */
const MAX_IN_FLIGHT_PER_SOCKET = 256;
/** A client that stops reading its answers is cut off before they pile up in memory. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

export interface HostOptions {
  core: CoreLink;
  /** 127.0.0.1 unless the operator configures another address on purpose. */
  bindHost?: string;
  port?: number;
  /** The built renderer; null serves only the API. */
  staticDir: string | null;
}

export interface RunningHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy':
    "default-src 'self'; img-src 'self' data: blob: https:; style-src 'self' 'unsafe-inline'; connect-src 'self' ws: wss:; frame-ancestors 'none'",
};

/**
 * Serves the renderer over HTTP and the core's message protocol over WebSocket.
 *
 * Another web page open on this machine must not be able to drive the core: the Host header must
 * name this server (defeats DNS rebinding), a browser Origin must be this server's own, and the
 * socket must present the token minted at this start, which only same-origin pages can read.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const bindHost = options.bindHost ?? '127.0.0.1';
  const token = randomBytes(24).toString('base64url');
  let port = options.port ?? 0;
  const allowedHosts = () =>
    new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `${bindHost}:${port}`]);
  const hostOk = (req: IncomingMessage) => allowedHosts().has((req.headers.host ?? '').toLowerCase());
  const originOk = (req: IncomingMessage) => {
    const origin = req.headers.origin;
    if (origin === undefined) return req.headers['sec-fetch-site'] !== 'cross-site';
    try {
      const u = new URL(origin);
      return (u.protocol === 'http:' || u.protocol === 'https:') && allowedHosts().has(u.host.toLowerCase());
    } catch {
      return false;
    }
  };

  // Set once close() starts: a page that reconnects meanwhile must not hold the server open.
  let closing = false;
  const server = createServer((req, res) => {
    if (closing) {
      res.writeHead(503, { connection: 'close' }).end();
      return;
    }
    void handleHttp(req, res).catch((err: unknown) => {
      options.core.logger.error('http request failed', { url: req.url, error: String(err) });
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  // Malformed requests, oversized headers and resets: answered or dropped, never thrown.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (err.code !== 'ECONNRESET' && socket.writable) {
      const status =
        err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
    } else socket.destroy();
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    if (!hostOk(req)) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('Unknown host');
      return;
    }
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/api/session') {
      if (!originOk(req)) {
        res.writeHead(403, { 'content-type': 'text/plain' }).end('Foreign origin');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ token }));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    if (!options.staticDir) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('This host serves the API only');
      return;
    }
    await serveStatic(options.staticDir, path, res);
  }

  // A frame over the limit closes its socket with 1009 (the 'error' below), never the process.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  wss.on('error', (err) => options.core.logger.warn('websocket server error', { error: String(err) }));
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    try {
      upgrade(req, socket as Socket, head);
    } catch (err) {
      // Whatever a hostile handshake carries ends that socket, never the process.
      options.core.logger.warn('websocket handshake failed', { error: String(err) });
      socket.destroy();
    }
  });

  function upgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    if (closing) {
      socket.destroy();
      return;
    }
    // Split by hand: `new URL` throws on request targets like `//host` that a client can send.
    const target = req.url ?? '/';
    const query = target.indexOf('?');
    const pathname = query < 0 ? target : target.slice(0, query);
    const params = new URLSearchParams(query < 0 ? '' : target.slice(query + 1));
    const presented = Buffer.from(params.get('token') ?? '');
    const expected = Buffer.from(token);
    const tokenOk = presented.length === expected.length && timingSafeEqual(presented, expected);
    if (pathname !== '/api/ws' || !hostOk(req) || !originOk(req)) {
      options.core.logger.warn('refused websocket', { origin: req.headers.origin, host: req.headers.host });
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      // Every socket, served or being refused, ends on its own errors (an oversized frame, a reset).
      ws.on('error', (err) => options.core.logger.warn('websocket error', { error: err.message }));
      // A stale token (from before a restart) is told apart from a forbidden origin, so the
      // client knows to fetch a fresh session and reconnect.
      if (!tokenOk) ws.close(CLOSE_UNAUTHORIZED, 'session token missing or stale');
      else serveSocket(ws);
    });
  }

  const sockets = new Set<WebSocket>();
  // Core died: its answers are already sent ("outcome unknown"); closing with 4503 makes every
  // client show it, reconnect and retry those requests with their request ids.
  const offLost = options.core.onCoreLost(() => {
    for (const ws of sockets) ws.close(CLOSE_CORE_RESTARTED, 'Loadstar core restarted');
  });

  function serveSocket(ws: WebSocket): void {
    const { core } = options;
    sockets.add(ws);
    let inFlight = 0;
    const send = (m: ServerMessage) => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        core.logger.warn('websocket client does not read its answers; closing it');
        ws.terminate();
        return;
      }
      ws.send(JSON.stringify(m));
    };
    const unsubscribe = core.subscribe(send);
    let alive = true;
    const heartbeat = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, 15_000);
    ws.on('pong', () => (alive = true));
    ws.on('message', (data: Buffer | Buffer[] | ArrayBuffer) => {
      const frame = Array.isArray(data)
        ? Buffer.concat(data)
        : Buffer.isBuffer(data)
          ? data
          : Buffer.from(data);
      const decoded = decodeFrame(frame);
      if ('refusal' in decoded) return send(decoded.refusal);
      if (inFlight >= MAX_IN_FLIGHT_PER_SOCKET) {
        const busy = new AppError(
          'unavailable',
          'Too many requests at once on this connection; nothing was changed. Try again.',
          {
            outcome: 'not_applied',
            reason: 'busy',
          },
        );
        return send({ id: decoded.id, ok: false, error: busy.toBody() });
      }
      inFlight++;
      void core.call(decoded.request).then((response) => {
        inFlight--;
        send(response);
      });
    });
    ws.on('close', () => {
      sockets.delete(ws);
      clearInterval(heartbeat);
      unsubscribe();
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, bindHost, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const shownHost = bindHost.includes(':') ? `[${bindHost}]` : bindHost;
  return {
    url: `http://${shownHost}:${port}/`,
    port,
    token,
    close: async () => {
      closing = true;
      offLost();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const client of wss.clients) client.terminate();
      // Idle keep-alive sockets and any request that raced the flag would keep close() waiting.
      server.closeAllConnections();
      await closed;
    },
  };
}
