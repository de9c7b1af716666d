/**
 * "Needs attention": the changes made here that the server refused, and the fields of changes
 * that lost to a change made elsewhere first. Each item keeps what was tried (the outbox row's
 * name and arguments) and is shown to the user who made it until they retry or discard it.
 */
import type { AttentionItem, FieldOverride, MutationRejection } from '@shared/contract';
import type { Queryable, Readable } from '../db/connection';

interface OutboxRef {
  name: string;
  args: string;
  actor: string;
  user_id: string | null;
  at: number;
}

async function outboxRow(tx: Queryable, syncId: number): Promise<OutboxRef | undefined> {
  return tx.get<OutboxRef>('SELECT name, args, actor, user_id, at FROM outbox WHERE sync_id = ?', [syncId]);
}

/** Stores refusals and overrides (each once, however often the server repeats them). */
export async function recordAttention(
  tx: Queryable,
  rejections: readonly MutationRejection[],
  overrides: readonly FieldOverride[],
  now: number,
): Promise<number> {
  let added = 0;
  for (const r of rejections) {
    const row = await outboxRow(tx, r.mutationId);
    const res = await tx.run(
      `INSERT OR IGNORE INTO sync_inbox (kind, sync_id, name, args, actor, user_id, code, message, details, created_at)
       VALUES ('rejected', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        r.mutationId,
        row?.name ?? r.name,
        row?.args ?? 'null',
        row?.actor ?? r.actor,
        row?.user_id ?? null,
        r.code,
        r.message,
        r.details ? JSON.stringify(r.details) : null,
        now,
      ],
    );
    added += res.changes;
  }
  for (const o of overrides) {
    const row = await outboxRow(tx, o.mutationId);
    const res = await tx.run(
      `INSERT OR IGNORE INTO sync_inbox (kind, sync_id, name, args, actor, user_id, message, entity, entity_id, field, yours,
         theirs, changed_by, changed_at, created_at)
       VALUES ('overridden', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        o.mutationId,
        row?.name ?? o.name,
        row?.args ?? 'null',
        row?.actor ?? '',
        row?.user_id ?? null,
        `${o.field} was changed by ${o.by} at ${new Date(o.at).toISOString()} while you were offline; that change stays.`,
        o.entity,
        o.entityId,
        o.field,
        JSON.stringify(o.yours ?? null),
        JSON.stringify(o.theirs ?? null),
        o.by,
        o.at,
        now,
      ],
    );
    added += res.changes;
  }
  return added;
}

interface InboxRow {
  id: number;
  kind: 'rejected' | 'overridden';
  name: string;
  args: string;
  actor: string;
  made_at: number | null;
  created_at: number;
  code: string | null;
  message: string;
  details: string | null;
  entity: string | null;
  entity_id: string | null;
  field: string;
  yours: string | null;
  theirs: string | null;
  changed_by: string | null;
  changed_at: number | null;
}

const parse = (v: string | null) => (v === null ? null : (JSON.parse(v) as unknown));

/**
 * The items of `userId` (or, with null, of nobody signed in: the items whose author is unknown
 * here), newest first.
 */
export async function listAttention(db: Readable, userId: string | null, includeResolved: boolean): Promise<AttentionItem[]> {
  const rows = await db.all<InboxRow>(
    `SELECT i.*, o.at AS made_at FROM sync_inbox i LEFT JOIN outbox o ON o.sync_id = i.sync_id
     WHERE (i.user_id IS ? OR i.user_id = ?) AND (? OR i.resolved_at IS NULL)
     ORDER BY i.id DESC LIMIT 200`,
    [userId, userId, includeResolved ? 1 : 0],
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    name: r.name,
    args: parse(r.args),
    actor: r.actor,
    madeAt: r.made_at ?? r.created_at,
    code: r.code,
    message: r.message,
    details: parse(r.details) as Record<string, unknown> | null,
    entity: r.entity,
    entityId: r.entity_id,
    field: r.field || null,
    yours: parse(r.yours),
    theirs: parse(r.theirs),
    changedBy: r.changed_by,
    changedAt: r.changed_at,
  }));
}

export async function countAttention(db: Readable, userId: string | null): Promise<number> {
  const row = await db.get<{ n: number }>(
    'SELECT COUNT(*) AS n FROM sync_inbox WHERE (user_id IS ? OR user_id = ?) AND resolved_at IS NULL',
    [userId, userId],
  );
  return row?.n ?? 0;
}

export async function getAttention(db: Readable, id: number) {
  return db.get<{ id: number; name: string; args: string; user_id: string | null; resolved_at: number | null }>(
    'SELECT id, name, args, user_id, resolved_at FROM sync_inbox WHERE id = ?',
    [id],
  );
}

export async function resolveAttention(tx: Queryable, id: number, resolution: 'retried' | 'discarded' | 'seen', now: number) {
  const res = await tx.run('UPDATE sync_inbox SET resolved_at = ?, resolution = ? WHERE id = ? AND resolved_at IS NULL', [
    now,
    resolution,
    id,
  ]);
  return res.changes > 0;
}
