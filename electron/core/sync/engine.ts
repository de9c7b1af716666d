/**
 * The sync loop of a joined workstation: push the outbox in order, in batches, then pull what
 * changed on the server and rebase; sleep until a local change, a poke or the periodic timer;
 * after a failure wait with exponential backoff and jitter.
 *
 * Crash safety (kill -9 at any point): an outbox row counts as done only once a server answer
 * saying so is committed here; until then it is pushed again and the server skips what it has
 * already processed. Pulled pages wait in `sync_incoming` (with their cursor) and are applied
 * together with the rebase in one transaction, so a crash leaves either the old or the new view.
 */
import { WebSocket } from 'ws';
import type { PokeMessage, PushedMutation } from '@shared/contract';
import { Backoff, Waker } from '../backoff';
import type { Database } from '../db/database';
import type { Logger } from '../log';
import type { CallContext } from '../router';
import { recordAttention } from './inbox';
import { applyAndRebase, type SyncDomains } from './rebase';
import { ServerApi, ServerRefusal, Unreachable } from './server-api';
import { readSettings, writeSettings, type SyncSettings } from './state';

export type EngineState = 'idle' | 'syncing' | 'offline' | 'upToDate' | 'error';

export interface EngineOptions {
  db: Database;
  domains: SyncDomains;
  logger: Logger;
  now: () => number;
  contextOf(actor: string, userId: string | null): CallContext;
  /** Something the status shows may have changed. */
  onStatus(): void;
  /** A pull changed synced rows (the domains tell their screens). */
  onApplied(): void;
  /** Mutations per push (the protocol allows up to 500). */
  batchSize?: number;
  /** Pull at least this often even without a poke. */
  periodicMs?: number;
  backoff?: { initialMs: number; maxMs: number };
  random?: () => number;
  requestTimeoutMs?: number;
}

const BATCH_BYTES = 4 * 1024 * 1024;

export class SyncEngine {
  state: EngineState = 'idle';
  lastError: string | null = null;
  private readonly waker = new Waker();
  private readonly backoff: Backoff;
  private running: Promise<void> | null = null;
  private closed = false;
  private socket: WebSocket | null = null;
  private socketUrl = '';
  private knownCursor = 0;
  /** True while this engine tells the domains about rows it applied. */
  applying = false;

  constructor(private readonly o: EngineOptions) {
    this.backoff = new Backoff(o.backoff?.initialMs ?? 500, o.backoff?.maxMs ?? 30_000, o.random ?? Math.random);
  }

  start(): void {
    this.running ??= this.loop();
  }

  /** Sync now (a local change was recorded, or the operator asked). */
  nudge(): void {
    this.waker.wake();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.waker.wake();
    this.socket?.terminate();
    await this.running;
  }

  private setState(state: EngineState, error: string | null = null): void {
    if (state === this.state && error === this.lastError) return;
    this.state = state;
    this.lastError = error;
    this.o.onStatus();
  }

  private async loop(): Promise<void> {
    while (!this.closed) {
      const s = await readSettings(this.o.db);
      if (!s.tenant || !s.deviceToken || !s.serverUrl) {
        this.closeSocket();
        this.setState('idle');
        await this.waker.sleep(60_000);
        continue;
      }
      const api = new ServerApi(s.serverUrl, this.o.requestTimeoutMs);
      this.ensureSocket(api, s.deviceToken);
      try {
        this.setState('syncing', this.lastError);
        await this.syncOnce(api, s);
        this.backoff.reset();
        this.setState('upToDate');
        await this.waker.sleep(this.o.periodicMs ?? 30_000);
      } catch (err) {
        if (this.closed) break;
        const message = err instanceof Error ? err.message : String(err);
        if (err instanceof Unreachable) this.setState('offline', message);
        else {
          this.setState('error', message);
          this.o.logger.warn('sync failed', { error: message });
        }
        await this.waker.sleep(this.backoff.next());
      }
    }
    this.closeSocket();
  }

  /** Push everything, then pull and rebase; again while changes were made meanwhile. */
  async syncOnce(api: ServerApi, s: SyncSettings): Promise<void> {
    for (let round = 0; round < 10 && !this.closed; round++) {
      await this.pushAll(api, s);
      await this.pullAll(api, s);
      if ((await this.pendingCount()) === 0) return;
    }
  }

  async pendingCount(): Promise<number> {
    const row = await this.o.db.get<{ n: number }>(
      'SELECT COUNT(*) AS n FROM outbox WHERE sync_id IS NOT NULL AND pushed_at IS NULL',
    );
    return row?.n ?? 0;
  }

  private async pushAll(api: ServerApi, s: SyncSettings): Promise<void> {
    for (;;) {
      if (this.closed) return;
      const rows = await this.o.db.all<{
        sync_id: number;
        id: string;
        name: string;
        args: string;
        actor: string;
        user_id: string | null;
        at: number;
        base_version: number | null;
      }>(
        `SELECT sync_id, id, name, args, actor, user_id, at, base_version FROM outbox
         WHERE sync_id IS NOT NULL AND pushed_at IS NULL ORDER BY sync_id LIMIT ?`,
        [this.o.batchSize ?? 500],
      );
      if (rows.length === 0) return;
      const mutations: PushedMutation[] = [];
      let bytes = 0;
      for (const r of rows) {
        bytes += r.args.length + 400;
        if (mutations.length > 0 && bytes > BATCH_BYTES) break;
        mutations.push({
          id: r.sync_id,
          requestId: r.id,
          name: r.name,
          args: JSON.parse(r.args) as unknown,
          actor: r.actor.slice(0, 120) || 'unknown',
          userId: r.user_id ?? s.user?.id ?? '00000000-0000-0000-0000-000000000000',
          at: r.at,
          baseVersion: r.base_version ?? 0,
        });
      }
      const res = await api.push(s.deviceToken!, { clientId: s.clientId, mutations });
      const now = this.o.now();
      await this.o.db.write(async (tx) => {
        await tx.run('UPDATE outbox SET pushed_at = ? WHERE sync_id <= ? AND pushed_at IS NULL', [now, res.lastMutationId]);
        await writeSettings(tx, { last_mutation_id: res.lastMutationId });
        await recordAttention(tx, res.rejections, res.overrides, now);
      });
      this.o.onStatus();
      if (res.lastMutationId < mutations[0]!.id)
        throw new Error(`the server did not take mutation ${mutations[0]!.id} (it is at ${res.lastMutationId})`);
    }
  }

  private async pullAll(api: ServerApi, s: SyncSettings): Promise<void> {
    const current = await readSettings(this.o.db);
    let cursor = current.stagedCursor ?? current.cursor;
    let lastMutationId = current.lastMutationId;
    for (let page = 0; !this.closed; page++) {
      const res = await api.pull(s.deviceToken!, { clientId: s.clientId, cursor, ackRejectionsUpTo: current.ackUpTo });
      const now = this.o.now();
      await this.o.db.write(async (tx) => {
        // One statement per page: SQLite takes the JSON apart.
        if (res.rows.length)
          await tx.run(
            `INSERT OR REPLACE INTO sync_incoming (entity, id, version, data, changed_by)
             SELECT json_extract(value, '$.entity'), json_extract(value, '$.id'), json_extract(value, '$.version'),
               json_extract(value, '$.data'), coalesce(json_extract(value, '$.changedBy'), '{}')
             FROM json_each(?)`,
            [JSON.stringify(res.rows)],
          );
        await recordAttention(tx, res.rejections, res.overrides, now);
        await writeSettings(tx, { staged_cursor: res.cursor, ack_up_to: res.lastMutationId, last_mutation_id: res.lastMutationId });
      });
      current.ackUpTo = res.lastMutationId;
      cursor = res.cursor;
      lastMutationId = res.lastMutationId;
      if (!res.more) break;
    }
    if (this.closed) return;
    const applied = await this.o.db.write(async (tx) => {
      const staged = await tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM sync_incoming');
      const dirty = await tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM sync_dirty');
      const rebase = (staged?.n ?? 0) > 0 || (dirty?.n ?? 0) > 0;
      if (rebase) {
        const outcome = await applyAndRebase(tx, this.o.domains, {
          lastMutationId,
          now: this.o.now(),
          contextOf: this.o.contextOf,
          logger: this.o.logger,
        });
        if (outcome.failedReplays.length)
          this.o.logger.info('pending changes that no longer apply here', { changes: outcome.failedReplays.slice(0, 20) });
      } else {
        await tx.run('UPDATE outbox SET pushed_at = ? WHERE sync_id <= ? AND pushed_at IS NULL', [this.o.now(), lastMutationId]);
      }
      await writeSettings(tx, { cursor, staged_cursor: null, last_sync_at: this.o.now() });
      return rebase;
    });
    this.knownCursor = cursor;
    if (applied) {
      // The domains' change events are this loop's own doing: they must not wake it again.
      this.applying = true;
      try {
        this.o.onApplied();
      } finally {
        this.applying = false;
      }
    }
    this.o.onStatus();
  }

  /** The poke socket: a server-side change wakes the loop at once instead of at the next timer. */
  private ensureSocket(api: ServerApi, token: string): void {
    const url = api.pokeUrl();
    if (this.socket && this.socketUrl === url) return;
    this.closeSocket();
    const ws = new WebSocket(url, { headers: { authorization: `Bearer ${token}` }, handshakeTimeout: 10_000 });
    this.socket = ws;
    this.socketUrl = url;
    ws.on('message', (raw) => {
      try {
        const m = JSON.parse(String(raw)) as PokeMessage;
        if (m.type === 'poke' && m.version > this.knownCursor) this.waker.wake();
      } catch {
        // not a poke
      }
    });
    ws.on('error', () => undefined);
    ws.on('close', () => {
      if (this.socket === ws) this.socket = null;
    });
  }

  private closeSocket(): void {
    this.socket?.terminate();
    this.socket = null;
  }

  /** Whether a refusal means the workstation must sign in or register again. */
  static needsRegistration(err: unknown): boolean {
    return err instanceof ServerRefusal && err.status === 401;
  }
}
