/**
 * The synced records of one tenant inside one mutation's transaction: read, write (stamped with
 * the mutation's tenant version, and per field with who changed it), delete (a tombstone).
 * Domain stores build on it; the SQL of domain queries stays in the domain's store.
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

export class EntityStore {
  /** Rows read or written in this transaction: the previous value a write is compared with. */
  private readonly seen = new Map<string, Data | null>();
  changed = 0;

  constructor(
    readonly tx: Tx,
    readonly version: number,
    readonly author: Author,
  ) {}

  async get<T extends object>(entity: string, id: string): Promise<T | undefined> {
    const key = `${entity}\u0000${id}`;
    if (this.seen.has(key)) return (this.seen.get(key) ?? undefined) as T | undefined;
    const { rows } = await this.tx.query<{ data: Data | null }>(
      'SELECT data FROM entities WHERE tenant_id = current_tenant() AND entity = $1 AND id = $2',
      [entity, id],
    );
    const data = rows[0]?.data ?? null;
    this.seen.set(key, data);
    return (data ?? undefined) as T | undefined;
  }

  /** Who last changed each field of a record. */
  async changedBy(entity: string, id: string): Promise<Record<string, FieldChange>> {
    const { rows } = await this.tx.query<{ changed_by: Record<string, FieldChange> }>(
      'SELECT changed_by FROM entities WHERE tenant_id = current_tenant() AND entity = $1 AND id = $2',
      [entity, id],
    );
    return rows[0]?.changed_by ?? {};
  }

  /** Records a domain query's rows as read, so a later write compares with them. */
  remember(entity: string, id: string, data: Data): void {
    this.seen.set(`${entity}\u0000${id}`, data);
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
      throw guardError(err);
    }
    this.seen.set(`${entity}\u0000${id}`, data);
    this.changed++;
  }

  async remove(entity: string, id: string): Promise<void> {
    await this.tx.query(
      `UPDATE entities SET data = NULL, version = $3, changed_by = '{}'
       WHERE tenant_id = current_tenant() AND entity = $1 AND id = $2`,
      [entity, id, this.version],
    );
    this.seen.set(`${entity}\u0000${id}`, null);
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
