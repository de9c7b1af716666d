import { randomUUID } from 'node:crypto';
import type { Mutation } from '@shared/contract/app';
import { isSyncedMutator } from '@shared/contract/sync-mutators';
import type { Queryable, Readable } from './connection';
import { currentRequest } from './request-log';

export type { Mutation };

/**
 * Records a named user mutation. Call it with the same transaction handle as the change itself,
 * so the change and its outbox row commit together or not at all. The row's id is the command's
 * client request id when there is one (sync pushes it as `requestId`); a command that records
 * several mutations gives the request id to the first.
 *
 * While the workstation is joined to a sync server, a mutation that syncs also takes the next
 * sync id (1, 2, 3… never skipped: the server refuses a gap) and the pull cursor its change was
 * made on; everything else (devices, print queue, station settings) stays on this workstation.
 */
export async function recordMutation(
  tx: Queryable,
  mutation: { name: string; args: unknown; actor: string; at?: number; userId?: string },
): Promise<string> {
  const request = currentRequest();
  let id: string = randomUUID();
  if (request && !request.outboxIdUsed) {
    id = request.requestId;
    request.outboxIdUsed = true;
  }
  await tx.run(
    `INSERT INTO outbox (id, name, args, actor, at, user_id, sync_id, base_version)
     SELECT ?, ?, ?, ?, ?, ?,
       CASE WHEN ? AND EXISTS (SELECT 1 FROM sync_state WHERE key = 'tenant')
         THEN (SELECT COALESCE(MAX(sync_id), 0) + 1 FROM outbox) END,
       (SELECT CAST(value AS INTEGER) FROM sync_state WHERE key = 'cursor')`,
    [
      id,
      mutation.name,
      JSON.stringify(mutation.args ?? null),
      mutation.actor,
      mutation.at ?? Date.now(),
      mutation.userId ?? null,
      isSyncedMutator(mutation.name) ? 1 : 0,
    ],
  );
  return id;
}

interface OutboxRow {
  seq: number;
  id: string;
  name: string;
  args: string;
  actor: string;
  at: number;
  pushed_at: number | null;
}

export async function listMutations(
  db: Readable,
  filter: { limit: number; beforeSeq?: number; name?: string },
): Promise<Mutation[]> {
  const rows = await db.all<OutboxRow>(
    `SELECT seq, id, name, args, actor, at, pushed_at FROM outbox
     WHERE (? IS NULL OR seq < ?) AND (? IS NULL OR name = ?)
     ORDER BY seq DESC LIMIT ?`,
    [
      filter.beforeSeq ?? null,
      filter.beforeSeq ?? null,
      filter.name ?? null,
      filter.name ?? null,
      filter.limit,
    ],
  );
  return rows.map((r) => ({
    id: r.id,
    seq: r.seq,
    name: r.name,
    args: JSON.parse(r.args) as unknown,
    actor: r.actor,
    at: r.at,
    pushedAt: r.pushed_at,
  }));
}
