/**
 * Pokes: when a tenant's data changes, every workstation of that tenant connected to any server
 * instance hears about it over its WebSocket and pulls. Instances tell each other through
 * PostgreSQL's LISTEN/NOTIFY on one channel, so servers stay stateless behind a load balancer
 * and PostgreSQL is the only thing they share.
 */
import pg from 'pg';
import type { WebSocket } from 'ws';
import type { PokeMessage } from '@shared/contract';
import type { Db } from '../db/pool';

const CHANNEL = 'loadstar_poke';
/** Pokes to one tenant are sent at most this often (the latest version wins). */
const COALESCE_MS = 25;

export class Pokes {
  private readonly sockets = new Map<string, Set<WebSocket>>();
  private readonly pending = new Map<string, number>();
  private listener: pg.Client | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly connectionString: string,
    private readonly log: (msg: string, fields?: Record<string, unknown>) => void,
  ) {}

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('notification', (n) => {
      const [tenantId, version] = (n.payload ?? '').split(':');
      if (tenantId && version) this.schedule(tenantId, Number(version));
    });
    client.on('error', () => this.reconnect());
    client.on('end', () => this.reconnect());
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.listener = client;
  }

  /** A lost listening connection (database restart) is made again; pulls on timers cover the gap. */
  private reconnect(): void {
    if (this.closed || this.retry) return;
    this.listener = null;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.start().catch((err: unknown) => {
        this.log('poke listener reconnect failed', { error: String(err) });
        this.reconnect();
      });
    }, 1000);
  }

  /** Tells every instance (this one included) that `tenantId` is at `version`. */
  notify(tenantId: string, version: number): void {
    this.db.query('SELECT pg_notify($1, $2)', [CHANNEL, `${tenantId}:${version}`]).catch((err: unknown) => {
      this.log('poke notify failed', { error: String(err) });
    });
  }

  add(tenantId: string, socket: WebSocket, version: number): void {
    let set = this.sockets.get(tenantId);
    if (!set) this.sockets.set(tenantId, (set = new Set()));
    set.add(socket);
    socket.on('close', () => {
      set.delete(socket);
      if (set.size === 0) this.sockets.delete(tenantId);
    });
    send(socket, version);
  }

  private schedule(tenantId: string, version: number): void {
    const waiting = this.pending.has(tenantId);
    this.pending.set(tenantId, Math.max(version, this.pending.get(tenantId) ?? 0));
    if (waiting) return;
    setTimeout(() => {
      const v = this.pending.get(tenantId)!;
      this.pending.delete(tenantId);
      for (const socket of this.sockets.get(tenantId) ?? []) send(socket, v);
    }, COALESCE_MS);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    for (const set of this.sockets.values()) for (const s of set) s.close(1001, 'server stopping');
    await this.listener?.end().catch(() => undefined);
  }
}

function send(socket: WebSocket, version: number): void {
  const message: PokeMessage = { type: 'poke', version };
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}
