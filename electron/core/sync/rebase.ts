/**
 * Makes the local view "server state + my pending changes" again, in one SQLite transaction:
 *
 *   1. every row a local change touched since the last rebase (`sync_dirty`) goes back to its
 *      last server copy (`sync_rows`), or away if the server never had it;
 *   2. the pulled rows are written over the local ones and become the new server copies;
 *   3. the changes the server has processed leave the pending set (applied ones are now in the
 *      server rows; a refused one's effect is gone with step 1);
 *   4. the still-pending changes run again, in order, through their client mutators.
 *
 * The dirty-row triggers (one set per synced table) record what step 4 and every later local
 * change touch; while steps 1–2 write server data they stand aside.
 */
import type { Queryable } from '../db/connection';
import type { Logger } from '../log';
import type { CallContext } from '../router';
import type { ClientMutator, EntityAdapter, SyncedDomain, WireData } from './types';

export interface SyncDomains {
  adapters: Map<string, EntityAdapter>;
  mutators: Map<string, ClientMutator>;
  domains: SyncedDomain[];
}

export function collectDomains(domains: SyncedDomain[]): SyncDomains {
  const adapters = new Map<string, EntityAdapter>();
  const mutators = new Map<string, ClientMutator>();
  for (const d of domains) {
    for (const a of d.entities) {
      if (adapters.has(a.entity)) throw new Error(`two domains sync the entity ${a.entity}`);
      adapters.set(a.entity, a);
    }
    for (const [name, m] of Object.entries(d.mutators)) {
      if (mutators.has(name)) throw new Error(`two domains replay the mutation ${name}`);
      mutators.set(name, m!);
    }
  }
  return { adapters, mutators, domains };
}

/** Triggers that note each local change to a synced row while the workstation is joined. */
export async function installDirtyTriggers(tx: Queryable, adapters: Iterable<EntityAdapter>): Promise<void> {
  const when = `EXISTS (SELECT 1 FROM sync_state WHERE key = 'tenant') AND NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'applying')`;
  for (const a of adapters) {
    const entity = a.entity.replace(/'/g, "''");
    for (const [op, row] of [
      ['INSERT', 'NEW'],
      ['UPDATE', 'NEW'],
      ['DELETE', 'OLD'],
    ] as const) {
      await tx.run(
        `CREATE TRIGGER IF NOT EXISTS sync_dirty_${a.table}_${op.toLowerCase()} AFTER ${op} ON ${a.table}
         WHEN ${when}
         BEGIN INSERT OR IGNORE INTO sync_dirty (entity, id) VALUES ('${entity}', ${a.key(row)}); END`,
      );
    }
  }
}

export interface RebaseOutcome {
  /** Pending changes that no longer apply locally (the server will most likely refuse them too). */
  failedReplays: { syncId: number; name: string; message: string }[];
  replayed: number;
}

/**
 * Steps 1–4 above. `lastMutationId`: the server has processed the sync ids up to it. `now`:
 * the acknowledgement time written on those outbox rows.
 */
export async function applyAndRebase(
  tx: Queryable,
  d: SyncDomains,
  options: { lastMutationId: number; now: number; contextOf: (actor: string, userId: string | null) => CallContext; logger: Logger },
): Promise<RebaseOutcome> {
  await tx.run('PRAGMA defer_foreign_keys = ON');
  await tx.run("INSERT OR REPLACE INTO sync_state (key, value) VALUES ('applying', '1')");

  // 1. back to the server copies (local-only rows first go, then changed ones are restored)
  for (const a of d.adapters.values()) {
    const e = `'${a.entity}'`;
    await a.deleteWhere(
      tx,
      `SELECT d.id FROM sync_dirty d LEFT JOIN sync_rows r ON r.entity = d.entity AND r.id = d.id
       WHERE d.entity = ${e} AND r.id IS NULL`,
    );
    await a.upsertFrom(
      tx,
      `SELECT r.id, r.data FROM sync_dirty d JOIN sync_rows r ON r.entity = d.entity AND r.id = d.id WHERE d.entity = ${e}`,
    );
  }
  await tx.run('DELETE FROM sync_dirty');

  // 2. the pulled rows, over the local ones and as the new server copies
  for (const a of d.adapters.values()) {
    const e = `'${a.entity}'`;
    await a.deleteWhere(tx, `SELECT id FROM sync_incoming WHERE entity = ${e} AND data IS NULL`);
    await a.upsertFrom(tx, `SELECT id, data FROM sync_incoming WHERE entity = ${e} AND data IS NOT NULL`);
  }
  const unknown = await tx.all<{ entity: string }>(
    `SELECT DISTINCT entity FROM sync_incoming WHERE entity NOT IN (${[...d.adapters.keys()].map((k) => `'${k}'`).join(', ') || "''"})`,
  );
  if (unknown.length) options.logger.warn('pulled rows of unknown kinds', { entities: unknown.map((u) => u.entity) });
  await tx.run(
    'DELETE FROM sync_rows WHERE (entity, id) IN (SELECT entity, id FROM sync_incoming WHERE data IS NULL)',
  );
  await tx.run(
    `INSERT INTO sync_rows (entity, id, version, data, changed_by)
     SELECT entity, id, version, data, changed_by FROM sync_incoming WHERE data IS NOT NULL
     ON CONFLICT (entity, id) DO UPDATE SET version = excluded.version, data = excluded.data, changed_by = excluded.changed_by`,
  );
  await tx.run('DELETE FROM sync_incoming');

  // 3. processed changes leave the pending set
  await tx.run('UPDATE outbox SET pushed_at = ? WHERE sync_id <= ? AND pushed_at IS NULL', [
    options.now,
    options.lastMutationId,
  ]);
  await tx.run("DELETE FROM sync_state WHERE key = 'applying'");

  // 4. the rest again, on top
  const pending = await tx.all<{ sync_id: number; name: string; args: string; actor: string; user_id: string | null }>(
    'SELECT sync_id, name, args, actor, user_id FROM outbox WHERE sync_id > ? ORDER BY sync_id',
    [options.lastMutationId],
  );
  const failedReplays: RebaseOutcome['failedReplays'] = [];
  for (const p of pending) {
    const mutator = d.mutators.get(p.name);
    if (!mutator) continue;
    await tx.run('SAVEPOINT replay');
    try {
      await mutator(tx, JSON.parse(p.args), options.contextOf(p.actor, p.user_id));
      await tx.run('RELEASE replay');
    } catch (err) {
      await tx.run('ROLLBACK TO replay');
      await tx.run('RELEASE replay');
      failedReplays.push({ syncId: p.sync_id, name: p.name, message: (err as Error).message });
    }
  }
  for (const domain of d.domains) await domain.afterApply?.(tx);
  return { failedReplays, replayed: pending.length - failedReplays.length };
}

/** The local synced rows in wire form that differ from the server copies (empty when in step). */
export async function divergence(tx: Queryable, d: SyncDomains): Promise<{ entity: string; id: string }[]> {
  const out: { entity: string; id: string }[] = [];
  for (const a of d.adapters.values()) {
    const local = await a.readAll(tx);
    const server = new Map(
      (await tx.all<{ id: string; data: string }>('SELECT id, data FROM sync_rows WHERE entity = ?', [a.entity])).map((r) => [
        r.id,
        JSON.parse(r.data) as WireData,
      ]),
    );
    for (const id of new Set([...local.keys(), ...server.keys()])) {
      if (!sameData(local.get(id), server.get(id))) out.push({ entity: a.entity, id });
    }
  }
  return out;
}

export function sameData(a: WireData | undefined, b: WireData | undefined): boolean {
  if (!a || !b) return a === b;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (JSON.stringify(a[k] ?? null) !== JSON.stringify(b[k] ?? null)) return false;
  return true;
}
