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

  /** Forgets everything cached: the current mutation was rolled back. */
  rolledBack(): void {
    this.seen = new Map();
    this.memos = new Map();
    this.batch = new Map();
  }

  private touched(entity: string): void {
    for (const k of this.memos.keys()) if (k.startsWith(`${entity}:`)) this.memos.delete(k);
  }

  /** Who last changed each field of a record. */
  async changedBy(entity: string, id: string): Promise<Record<string, FieldChange>> {
    const { rows } = await this.tx.query<{ changed_by: Record<string, FieldChange> }>(
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
