import { AsyncResource } from 'node:async_hooks';
import sqlite3 from 'sqlite3';
import { Connection, type Queryable, type SqlParams } from './connection';
import { migrate, type Migration } from './migrate';
import { MIGRATIONS } from './migrations';
import { beginAudit, endAudit, installAuditTriggers } from './audit';
import { currentRequest, recordRequestInTx } from './request-log';

export type Tx = Queryable;

export interface DatabaseOptions {
  /** Defaults to every migration the app ships; tests pass a prefix to migrate step by step. */
  migrations?: readonly Migration[];
  /** Called for statements slower than `slowMs` so a slow query shows up in the log. */
  onSlow?: (sql: string, ms: number) => void;
  slowMs?: number;
}

/**
 * The local store: one writer connection behind a queue and one reader connection.
 *
 * Every write runs as `BEGIN IMMEDIATE … COMMIT` (or `ROLLBACK` on any error) and the queue
 * makes sure two async callers never interleave statements inside one transaction. Reads go to
 * a second connection, so in WAL mode they see only committed data and never wait for a writer.
 */
export class Database {
  /** Transactions waiting for the writer; `urgent` ones go first (see `write`). */
  private readonly waiting: { urgent: boolean; run: () => Promise<void> }[] = [];
  private pumping: Promise<void> | null = null;
  private closed = false;

  private constructor(
    private readonly writer: Connection,
    private readonly reader: Connection,
    readonly file: string,
    private readonly options: DatabaseOptions,
    /** The audit trail's triggers are installed (`audit.ts`): mutating requests are recorded. */
    private readonly audited = false,
  ) {}

  static async open(file: string, options: DatabaseOptions = {}): Promise<Database> {
    const writer = await Connection.open(file);
    await writer.exec(
      'PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;',
    );
    await migrate(writer, options.migrations ?? MIGRATIONS);
    const audited = (await installAuditTriggers(writer)).length > 0;
    const reader = await Connection.open(file, sqlite3.OPEN_READONLY);
    await reader.exec('PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
    return new Database(writer, reader, file, options, audited);
  }

  all<T>(sql: string, params?: SqlParams): Promise<T[]> {
    return this.timed(sql, this.reader.all<T>(sql, params));
  }

  get<T>(sql: string, params?: SqlParams): Promise<T | undefined> {
    return this.timed(sql, this.reader.get<T>(sql, params));
  }

  private async timed<T>(sql: string, query: Promise<T>): Promise<T> {
    const started = performance.now();
    const result = await query;
    const ms = performance.now() - started;
    if (this.options.onSlow && ms > (this.options.slowMs ?? 40)) this.options.onSlow(sql, Math.round(ms));
    return result;
  }

  /**
   * Runs `work` in one write transaction, after every write queued before it has finished.
   *
   * `durable`: the commit is on disk when this resolves, power cut included. The store runs with
   * `synchronous=NORMAL` (a commit may be lost on power loss, never corrupted); a transaction
   * that hands out numbers which must never be issued twice (SSCCs) is committed with FULL.
   * Writes are queued one at a time on this connection, so the switch affects only this one.
   *
   * Inside a mutating command's request scope, the first transaction that commits also records
   * the request id (`request-log.ts`): the change and its id are stored together or not at all.
   *
   * `urgent`: runs before writes queued earlier (after the one in progress): the router stores a
   * request's answer this way, so the gap between a commit and its answer stays as short as can be.
   */
  write<T>(work: (tx: Tx) => Promise<T>, options: { durable?: boolean; urgent?: boolean } = {}): Promise<T> {
    if (this.closed) return Promise.reject(new Error('database is closed'));
    const request = currentRequest();
    const transaction = async (): Promise<T> => {
      if (options.durable) await this.writer.exec('PRAGMA synchronous = FULL');
      const outboxIdUsed = request?.outboxIdUsed ?? false;
      try {
        await this.writer.exec('BEGIN IMMEDIATE');
        let auditEntry: number | undefined;
        try {
          if (request && this.audited) auditEntry = await beginAudit(this.writer, request);
          const result = await work(this.writer);
          if (auditEntry !== undefined) await endAudit(this.writer);
          const records = request !== undefined && !request.recorded;
          if (request) await recordRequestInTx(this.writer, request, result);
          await this.writer.exec('COMMIT');
          if (records) request.recorded = true;
          if (request && auditEntry !== undefined) request.auditEntryId = auditEntry;
          return result;
        } catch (err) {
          await this.writer.exec('ROLLBACK').catch(() => undefined);
          if (auditEntry !== undefined) await endAudit(this.writer).catch(() => undefined);
          if (request) request.outboxIdUsed = outboxIdUsed;
          throw err;
        }
      } finally {
        if (options.durable) await this.writer.exec('PRAGMA synchronous = NORMAL');
      }
    };
    return new Promise<T>((resolve, reject) => {
      // The queue only orders work; a failed transaction must not block the ones after it. The
      // work runs in its caller's async context (its request scope), not the queue's.
      const run = AsyncResource.bind(() => transaction().then(resolve, reject));
      if (options.urgent) this.waiting.unshift({ urgent: true, run });
      else this.waiting.push({ urgent: false, run });
      this.pumping ??= this.pump();
    });
  }

  /** Runs waiting transactions one at a time on the writer connection. */
  private async pump(): Promise<void> {
    for (let next = this.waiting.shift(); next; next = this.waiting.shift()) await next.run();
    this.pumping = null;
  }

  async userVersion(): Promise<number> {
    const row = await this.writer.get<{ user_version: number }>('PRAGMA user_version');
    return row?.user_version ?? 0;
  }

  async integrityCheck(): Promise<string> {
    const row = await this.reader.get<{ integrity_check: string }>('PRAGMA integrity_check');
    return row?.integrity_check ?? 'unknown';
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pumping;
    await this.reader.close();
    await this.writer.close();
  }
}
