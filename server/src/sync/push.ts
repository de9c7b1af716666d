/**
 * Applies a workstation's pushed mutations in order, each in its own transaction, idempotent by
 * (client id, mutation id): one already processed is skipped, one past the next expected id is
 * refused (a gap), a domain refusal is recorded with its code and message and still advances the
 * client's last mutation id, so nothing is dropped silently and nothing runs twice.
 */
import {
  AppError,
  inputIssue,
  type FieldOverride,
  type MutationRejection,
  type PushedMutation,
  type PushRequest,
  type PushResponse,
  type Role,
} from '@shared/contract';
import { isSyncedMutator, syncedMutators, type FieldEdit } from '@shared/contract/sync-mutators';
import type { DeviceAuth } from '../auth/accounts';
import { inTenant, type Db, type Tx } from '../db/pool';
import { serverMutators } from '../mutators';
import type { ServerMutator } from '../mutators/types';
import { EntityStore } from './entity-store';

export interface PushDeps {
  db: Db;
  now: () => number;
  /** Told after commit when a tenant's data changed (pokes). */
  onChanged(tenantId: string, version: number): void;
  onError(err: unknown, m: PushedMutation): string;
}

interface Outcome {
  skipped?: boolean;
  gap?: number;
  rejection?: MutationRejection;
  overrides: FieldOverride[];
  version?: number;
}

export async function push(deps: PushDeps, auth: DeviceAuth, req: PushRequest): Promise<PushResponse> {
  if (req.clientId !== auth.clientId)
    throw new AppError('forbidden', 'This push names another workstation than the one signed in.', {
      reason: 'client_mismatch',
    });
  const rejections: MutationRejection[] = [];
  const overrides: FieldOverride[] = [];
  let changedVersion = 0;
  for (const [i, m] of req.mutations.entries()) {
    const last = i === req.mutations.length - 1;
    const out = await inTenant(deps.db, auth.tenantId, (tx) => applyOne(deps, auth, tx, m), {
      // Only the batch's last commit waits for the disk; it makes every earlier one durable too.
      deferFlush: !last,
    });
    if (out.gap !== undefined) {
      throw new AppError('conflict', `Mutation ${m.id} arrived before ${out.gap + 1}.`, {
        reason: 'mutation_gap',
        lastMutationId: out.gap,
      });
    }
    if (out.rejection) rejections.push(out.rejection);
    overrides.push(...out.overrides);
    if (out.version) changedVersion = out.version;
  }
  if (changedVersion) deps.onChanged(auth.tenantId, changedVersion);
  return { lastMutationId: await lastProcessed(deps.db, auth), rejections, overrides };
}

async function lastProcessed(db: Db, auth: DeviceAuth): Promise<number> {
  return inTenant(db, auth.tenantId, async (tx) => {
    const { rows } = await tx.query<{ n: number }>('SELECT last_mutation_id AS n FROM devices WHERE id = $1', [
      auth.clientId,
    ]);
    return rows[0]?.n ?? 0;
  });
}

async function applyOne(deps: PushDeps, auth: DeviceAuth, tx: Tx, m: PushedMutation): Promise<Outcome> {
  // The device row's lock orders two pushes of the same workstation (a retry racing the original).
  const { rows } = await tx.query<{ n: number }>('SELECT last_mutation_id AS n FROM devices WHERE id = $1 FOR UPDATE', [
    auth.clientId,
  ]);
  const lmid = rows[0]?.n ?? 0;
  if (m.id <= lmid) return { skipped: true, overrides: [] };
  if (m.id > lmid + 1) return { gap: lmid, overrides: [] };
  // The tenant row's lock: this tenant's mutations run one at a time, and versions commit in order.
  const version = (
    await tx.query<{ v: number }>('UPDATE tenants SET version = version + 1 WHERE id = current_tenant() RETURNING version AS v')
  ).rows[0]!.v;
  const now = deps.now();
  const author = await authorOf(tx, auth, m);
  const store = new EntityStore(tx, version, {
    clientId: auth.clientId,
    userId: m.userId,
    name: author?.name ?? m.actor,
    at: now,
  });
  const overrides: FieldOverride[] = [];
  let refusal: AppError | null = null;
  await tx.query('SAVEPOINT mutation');
  try {
    if (!isSyncedMutator(m.name))
      throw new AppError('invalid_input', `The server does not know the change "${m.name}". Update the server.`, {
        reason: 'unknown_mutator',
      });
    const spec = syncedMutators[m.name];
    if (!author) throw new AppError('forbidden', `${m.actor} has not signed in on this workstation with the server.`);
    if (!spec.roles.includes(author.role))
      throw new AppError('forbidden', `${author.name}'s role (${author.role}) may not do this (${m.name}).`, {
        reason: 'role',
      });
    const parsed = (spec.args as import('zod').ZodType).safeParse(m.args);
    if (!parsed.success)
      throw new AppError('invalid_input', `The change "${m.name}" has values the server cannot accept.`, {
        issues: parsed.error.issues.map(inputIssue),
      });
    let args = parsed.data as Record<string, unknown>;
    if (spec.edits) args = await dropStaleFields(store, spec.edits, args, m, auth.clientId, overrides);
    const mutator = serverMutators[m.name] as ServerMutator<typeof m.name>;
    await mutator({ store, timeZone: auth.timeZone, now }, args as never);
    await tx.query('RELEASE SAVEPOINT mutation');
  } catch (err) {
    await tx.query('ROLLBACK TO SAVEPOINT mutation');
    overrides.length = 0;
    refusal =
      err instanceof AppError
        ? err
        : new AppError('internal', `The server failed on this change (reference ${deps.onError(err, m)}).`);
  }
  await tx.query(
    `INSERT INTO mutations (tenant_id, client_id, id, request_id, name, user_id, at, status, code, message, details, version)
     VALUES (current_tenant(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      auth.clientId,
      m.id,
      m.requestId,
      m.name,
      author ? m.userId : null,
      m.at,
      refusal ? 'rejected' : 'applied',
      refusal?.code ?? null,
      refusal?.message ?? null,
      refusal ? ((refusal.details ?? null) as object | null) : null,
      version,
    ],
  );
  for (const o of overrides)
    await tx.query(
      `INSERT INTO overrides (tenant_id, client_id, mutation_id, entity, entity_id, field, yours, theirs, by_name, by_at)
       VALUES (current_tenant(), $1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [auth.clientId, m.id, o.entity, o.entityId, o.field, JSON.stringify(o.yours ?? null), JSON.stringify(o.theirs ?? null), o.by, o.at],
    );
  await tx.query('UPDATE devices SET last_mutation_id = $2 WHERE id = $1', [auth.clientId, m.id]);
  const rejection: MutationRejection | undefined = refusal
    ? {
        clientId: auth.clientId,
        mutationId: m.id,
        requestId: m.requestId,
        name: m.name,
        actor: author?.name ?? m.actor,
        code: refusal.code,
        message: refusal.message,
        ...(refusal.details !== undefined ? { details: refusal.details as Record<string, unknown> } : {}),
        at: now,
      }
    : undefined;
  return { rejection, overrides, version: store.changed > 0 ? version : undefined };
}

/** The author, if they have signed in on this workstation; their current role guards the change. */
async function authorOf(tx: Tx, auth: DeviceAuth, m: PushedMutation) {
  const { rows } = await tx.query<{ name: string; role: Role }>(
    `SELECT u.name, u.role FROM device_users du JOIN users u ON u.id = du.user_id
     WHERE du.device_id = $1 AND du.user_id = $2 AND NOT u.disabled`,
    [auth.clientId, m.userId],
  );
  return rows[0];
}

/**
 * Takes out of an edit the fields another workstation changed after the edit's base version:
 * the server's order wins per field, and the author hears who changed it.
 */
async function dropStaleFields(
  store: EntityStore,
  edit: FieldEdit,
  args: Record<string, unknown>,
  m: PushedMutation,
  clientId: string,
  overrides: FieldOverride[],
): Promise<Record<string, unknown>> {
  const id = args[edit.idArg];
  if (typeof id !== 'string') return args;
  const current = await store.get<Record<string, unknown>>(edit.entity, id);
  if (!current) return args;
  const changedBy = await store.changedBy(edit.entity, id);
  const kept = { ...args };
  for (const [arg, field] of Object.entries(edit.fields)) {
    if (args[arg] === undefined) continue;
    const change = changedBy[field];
    if (!change || change.version <= m.baseVersion || change.clientId === clientId) continue;
    delete kept[arg];
    // The same value set twice is no conflict.
    if (arg === field && JSON.stringify(args[arg]) === JSON.stringify(current[field])) continue;
    overrides.push({
      clientId,
      mutationId: m.id,
      name: m.name,
      entity: edit.entity,
      entityId: id,
      field: arg,
      yours: args[arg],
      theirs: current[field],
      by: change.actor,
      at: change.at,
    });
  }
  return kept;
}
