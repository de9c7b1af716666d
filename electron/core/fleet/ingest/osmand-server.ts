/**
 * The OsmAnd / Traccar Client listener: any method, any path, position in the query string, a form
 * body or Traccar Client's JSON. 200 when the fix is taken (a filtered bad fix too: resending it
 * would not make it better), 400 for an unknown device or a request that is not a position —
 * Traccar's answers, so phone apps behave the same. Loopback only unless LAN is switched on.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SpeedUnit } from '@shared/contract';
import type { Decoded, RawFix } from './fix';
import type { Verdict } from './ingestor';
import { decodeOsmandJson, decodeOsmandParams } from './osmand';

const MAX_BODY = 64 * 1024;

export interface OsmandServerOptions {
  port: number;
  lan: boolean;
  speedUnit: () => SpeedUnit;
  now: () => number;
  submit(fix: RawFix, remote: string): Verdict;
  /** A request that could not be read (counted as invalid in the source status). */
  onRejected?(reason: string): void;
}

export class OsmandServer {
  private server: Server | null = null;

  constructor(private readonly o: OsmandServerOptions) {}

  get address(): AddressInfo | null {
    const a = this.server?.address();
    return a && typeof a === 'object' ? a : null;
  }

  /** Resolves once listening; rejects with the socket error (a port in use, say). */
  start(): Promise<AddressInfo> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.keepAliveTimeout = 30_000;
    server.headersTimeout = 10_000;
    server.requestTimeout = 15_000;
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', (err) => {
        this.server = null;
        reject(err);
      });
      server.listen(this.o.port, this.o.lan ? '0.0.0.0' : '127.0.0.1', () =>
        resolve(server.address() as AddressInfo),
      );
    });
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const remote = req.socket.remoteAddress ?? '';
    let body: string;
    try {
      body = await readBody(req);
    } catch {
      res.setHeader('connection', 'close');
      return answer(res, 413, 'request body too large');
    }
    const decoded = this.decode(req, body);
    if (!decoded.ok) {
      this.o.onRejected?.(decoded.error.reason);
      return answer(res, 400, decoded.error.message);
    }
    const verdict = this.o.submit(decoded.fix, remote);
    if (verdict === 'unknown_device') return answer(res, 400, `unknown device ${decoded.fix.uid}`);
    if (verdict === 'invalid') return answer(res, 400, 'not a valid position');
    answer(res, 200, '');
  }

  private decode(req: IncomingMessage, body: string): Decoded {
    const url = new URL(req.url ?? '/', 'http://device');
    const type = (req.headers['content-type'] ?? '').toLowerCase();
    const now = this.o.now();
    if (type.startsWith('application/json') && body.trim()) {
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        return { ok: false, error: { reason: 'bad_value', message: 'The JSON body does not parse' } };
      }
      return decodeOsmandJson(json, now);
    }
    const params = new URLSearchParams(url.search);
    if (
      body &&
      (type === '' || type.startsWith('application/x-www-form-urlencoded') || type.startsWith('text/plain'))
    )
      for (const [k, v] of new URLSearchParams(body)) if (!params.has(k)) params.set(k, v);
    return decodeOsmandParams(params, this.o.speedUnit(), now);
  }
}

function answer(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      // Past the limit the rest is read and thrown away, so the client still gets its 413.
      if (size > MAX_BODY) reject(new Error('too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
