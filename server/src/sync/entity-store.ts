/**
 * The synced records of one tenant inside one transaction: read, write (stamped with the tenant
 * version, and per field with who changed it), delete (a tombstone). Domain stores build on it;
 * the SQL of domain queries stays in the domain's store.
 *
 * The transaction holds the tenant's version lock, so nobody else changes the tenant meanwhile:
 * reads are cached for the whole push batch (a mutation rolled back to its savepoint drops the
 * cache, since its writes are undone).
 */
import { AppError, type FieldChange } from '@shared/contract';
import type pg from 'pg';
import type { Tx } from '../db/pool';

export interface Author {
  clientId: string;
  userId: string;
  name: string;
  /** Server clock, epoch ms. */
  at: number;
}

type Data = Record<string, unknown>;

const key = (entity: string, id: string) => `${entity}\u0000${id}`;

export class EntityStore {
  /** Rows read or written: the previous value a write is compared with. */
  private seen = new Map<string, Data | null>();
  /** Results of domain queries, by a key that starts with the entity they read (`door:…`). */
  private memos = new Map<string, unknown>();
  /**
   * Domain caches for the whole batch that the domain keeps current under its own writes (so a
   * write does not drop them); dropped when a mutation is rolled back.
   */
  batch = new Map<string, unknown>();
  changed = 0;
  /** Statements the database refused (each aborts the transaction up to the last savepoint). */
  failedQueries = 0;
  /**
   * Keep writes here and send them in one statement (`flush`) before the next query or at the end
   * of the batch, instead of one round trip each. A database refusal then surfaces at the flush,
   * not at the write: push uses it only where it starts over with immediate writes on a failure.
   */
  deferWrites = false;
  private pending = new Map<string, { entity: string; id: string; data: Data | null; changed: Record<string, FieldChange>; reset: boolean }>();
  author: Author;

  constructor(
    readonly tx: Tx,
    readonly version: number,
    author: Author,
  ) {
    this.author = author;
  }

  /** Reads many rows at once into the cache (absent ones remembered as absent). */
  async prefetch(entity: string, ids: string[]): Promise<void> {
    const wanted = ids.filter((id) => !this.seen.has(key(entity, id)));
    if (wanted.length === 0) return;
    const { rows } = await this.tx.query<{ id: string; data: Data | null }>(
      'SELECT id, data FROM entities WHERE tenant_id = current_tenant() AND entity = $1 AND id = ANY($2)',
      [entity, wanted],
    );
    for (const id of wanted) this.seen.set(key(entity, id), null);
    for (const r of rows) this.seen.set(key(entity, r.id), r.data);
  }

  async get<T extends object>(entity: string, id: string): Promise<T | undefined> {
    const k = key(entity, id);
    if (!this.seen.has(k)) await this.prefetch(entity, [id]);
    return (this.seen.get(k) ?? undefined) as T | undefined;
  }

  /** A domain query's result, cached until a write to `entity` (the key's first part). */
  async memo<T>(memoKey: string, load: () => Promise<T>): Promise<T> {
    if (this.memos.has(memoKey)) return this.memos.get(memoKey) as T;
    const value = await load();
    this.memos.set(memoKey, value);
    return value;
  }

  /** Forgets everything cached and every write not yet sent: the current mutation was rolled back. */
  rolledBack(): void {
    this.seen = new Map();
    this.memos = new Map();
    this.batch = new Map();
    this.pending = new Map();
  }

  /** A domain query: sees every write made so far (deferred ones are sent first). */
  async query<R extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<pg.QueryResult<R>> {
    await this.flush();
    return this.tx.query<R>(sql, params);
  }

  /** Sends the deferred writes: tombstones, then every other row in one upsert, in write order. */
  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const rows = [...this.pending.values()];
    this.pending = new Map();
    const keys = (list: typeof rows) => JSON.stringify(list.map((r) => ({ entity: r.entity, id: r.id })));
    const inKeys = `(entity, id) IN (SELECT x.entity, x.id FROM jsonb_to_recordset($1) AS x(entity text, id text))`;
    try {
      // Removed, then written again: the new row's field history starts afresh, as after remove().
      const reborn = rows.filter((r) => r.reset && r.data !== null);
      if (reborn.length)
        await this.tx.query(`UPDATE entities SET changed_by = '{}' WHERE tenant_id = current_tenant() AND ${inKeys}`, [keys(reborn)]);
      const gone = rows.filter((r) => r.data === null);
      if (gone.length)
        await this.tx.query(
          `UPDATE entities SET data = NULL, version = $2, changed_by = '{}' WHERE tenant_id = current_tenant() AND ${inKeys}`,
          [keys(gone), this.version],
        );
      const live = rows.filter((r) => r.data !== null);
      if (live.length)
        await this.tx.query(
          `INSERT INTO entities (tenant_id, entity, id, version, data, changed_by)
           SELECT current_tenant(), x.entity, x.id, $2, x.data, x.changed
           FROM ROWS FROM (jsonb_to_recordset($1) AS (entity text, id text, data jsonb, changed jsonb))
             WITH ORDINALITY AS x(entity, id, data, changed, n)
           ORDER BY x.n
           ON CONFLICT (tenant_id, entity, id) DO UPDATE
             SET version = EXCLUDED.version, data = EXCLUDED.data, changed_by = entities.changed_by || EXCLUDED.changed_by`,
          [JSON.stringify(live.map((r) => ({ entity: r.entity, id: r.id, data: r.data, changed: r.changed }))), this.version],
        );
    } catch (err) {
      this.failedQueries++;
      throw guardError(err);
    }
  }

  private touched(entity: string): void {
    for (const k of this.memos.keys()) if (k.startsWith(`${entity}:`)) this.memos.delete(k);
  }

  /** Who last changed each field of a record. */
  async changedBy(entity: string, id: string): Promise<Record<string, FieldChange>> {
    const { rows } = await this.query<{ changed_by: Record<string, FieldChange> }>(
      'SELECT changed_by FROM entities WHERE tenant_id = current_tenant() AND entity = $1 AND id = $2',
      [entity, id],
    );
    return rows[0]?.changed_by ?? {};
  }

  async put(entity: string, id: string, data: Data): Promise<void> {
    const before = (await this.get<Data>(entity, id)) ?? null;
    const stamp: FieldChange = {
      actor: this.author.name,
      at: this.author.at,
      version: this.version,
      clientId: this.author.clientId,
    };
    const changed: Record<string, FieldChange> = {};
    for (const field of new Set([...Object.keys(data), ...Object.keys(before ?? {})])) {
      if (!before || JSON.stringify(before[field]) !== JSON.stringify(data[field])) changed[field] = stamp;
    }
    const k = key(entity, id);
    if (this.deferWrites) {
      const earlier = this.pending.get(k);
      this.pending.set(k, {
        entity,
        id,
        data,
        changed: { ...earlier?.changed, ...changed },
        reset: earlier?.reset ?? false,
      });
      this.seen.set(k, data);
      this.touched(entity);
      this.changed++;
      return;
    }
    // A refusal by the database aborts the mutation's savepoint; push rolls back to it.
    try {
      await this.tx.query(
        `INSERT INTO entities (tenant_id, entity, id, version, data, changed_by)
         VALUES (current_tenant(), $1, $2, $3, $4, $5)
         ON CONFLICT (tenant_id, entity, id) DO UPDATE
           SET version = EXCLUDED.version, data = EXCLUDED.data, changed_by = entities.changed_by || EXCLUDED.changed_by`,
        [entity, id, this.version, data, changed],
      );
    } catch (err) {
      this.failedQueries++;
      throw guardError(err);
    }
    this.seen.set(key(entity, id), data);
    this.touched(entity);
    this.changed++;
  }

  async remove(entity: string, id: string): Promise<void> {
    const k = key(entity, id);
    if (this.deferWrites) {
      this.pending.set(k, { entity, id, data: null, changed: {}, reset: true });
      this.seen.set(k, null);
      this.touched(entity);
      this.changed++;
      return;
    }
    await this.tx.query(
      `UPDATE entities SET data = NULL, version = $3, changed_by = '{}'
       WHERE tenant_id = current_tenant() AND entity = $1 AND id = $2`,
      [entity, id, this.version],
    );
    this.seen.set(key(entity, id), null);
    this.touched(entity);
    this.changed++;
  }
}

/** The database's own guards, worded for the operator whose change they stopped. */
function guardError(err: unknown): unknown {
  const e = err as { code?: string; constraint?: string };
  if (e.code === '23P01')
    return new AppError('conflict', 'That door is already booked for part of this time. Pick another slot.', {
      reason: 'overlap',
    });
  if (e.code === '23505')
    return new AppError('conflict', 'A record with that name already exists. Choose another name.', {
      reason: 'name_taken',
    });
  return err;
}
