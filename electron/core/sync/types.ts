/** What a domain gives sync: its mutators for replay and how its synced rows are read and written. */
import type { SyncedMutatorName } from '@shared/contract/sync-mutators';
import type { Queryable, Readable } from '../db/connection';
import type { CallContext } from '../router';

export type WireData = Record<string, unknown>;

/**
 * A synced mutation's effect on this workstation: the same code the command runs, called with
 * the recorded arguments on a transaction, recording nothing (sync replays pending changes with
 * it over fresh server rows).
 */
export type ClientMutator = (tx: Queryable, args: any, ctx: CallContext) => Promise<unknown>;

/** One kind of synced row: a local table and its wire form (the JSON the server stores). */
export interface EntityAdapter {
  entity: string;
  table: string;
  /** SQL for the synced id of the row called `alias` (`NEW.id`, `t.date || '#' || t.version`…). */
  key(alias: string): string;
  /** Every row in wire form, by id (to compare with the server). */
  readAll(db: Readable): Promise<Map<string, WireData>>;
  /** Makes the local rows equal the wire rows `source` yields (SQL with columns id, data), in one go. */
  upsertFrom(tx: Queryable, source: string): Promise<void>;
  /** Deletes the local rows whose ids `ids` (SQL with one column) yields. */
  deleteWhere(tx: Queryable, ids: string): Promise<void>;
}

export interface SyncedDomain {
  mutators: Partial<Record<SyncedMutatorName, ClientMutator>>;
  entities: EntityAdapter[];
  /** Told after a pull changed this domain's rows, so screens refresh. */
  changed(): void;
  /**
   * Run at the end of each rebase, in its transaction: puts right this domain's local rows that
   * point at synced rows of another domain that went (fleet's history of a vehicle no longer in
   * the register), so the rebase's deferred foreign keys hold when it commits.
   */
  afterApply?(tx: Queryable): Promise<void>;
}
