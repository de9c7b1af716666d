/**
 * Applies a workstation's pushed mutations in order, idempotent by (client id, mutation id): one
 * already processed is skipped, one past the next expected id is refused (a gap), a domain
 * refusal is recorded with its code and message and still advances the client's last mutation
 * id, so nothing is dropped silently and nothing runs twice.
 *
 * A push batch is one PostgreSQL transaction holding the tenant's version lock: a mutation takes
 * effect whole or not at all, and a refused one undoes only itself. Most refusals come from the
 * rules before anything was written, so the batch first runs without savepoints and with its
 * writes sent together (`EntityStore.deferWrites`: one upsert when a query needs them, or at the
 * end); if a mutation fails after writing, or the database refuses a statement (a guard such as
 * the no-overlap constraint), the batch starts over with immediate writes and one savepoint
 * (subtransaction) per mutation, which undoes exactly the refused one. Committing each mutation on its own cost about eight
 * round trips more per mutation, far from the 10,000-in-5-seconds drain the workstations need;
 * the batch commits (and waits for the disk) before the workstation hears anything.
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
import { isSyncedMutator, syncedMutators, type FieldEdit, type SyncedMutatorSpec } from '@shared/contract/sync-mutators';
import type { z } from 'zod';
import type { DeviceAuth } from '../auth/accounts';
import { inTenant, type Db, type Tx } from '../db/pool';
import { batchPrefetchers, serverMutators } from '../mutators';
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
  id: number;
  m: PushedMutation;
  userId: string | null;
  refusal: AppError | null;
  overrides: FieldOverride[];
}

export async function push(deps: PushDeps, auth: DeviceAuth, req: PushRequest): Promise<PushResponse> {
  if (req.clientId !== auth.clientId)
    throw new AppError('forbidden', 'This push names another workstation than the one signed in.', {
      reason: 'client_mismatch',
    });
  const result = await inTenant(deps.db, auth.tenantId, (tx) => applyBatch(deps, auth, tx, req.mutations));
  if (result.changedVersion) deps.onChanged(auth.tenantId, result.changedVersion);
  return { lastMutationId: result.lastMutationId, rejections: result.rejections, overrides: result.overrides };
}

async function applyBatch(deps: PushDeps, auth: DeviceAuth, tx: Tx, mutations: PushedMutation[]) {
  // The device row's lock orders two pushes of the same workstation (a retry racing the original).
  const lmid =
    (await tx.query<{ n: number }>('SELECT last_mutation_id AS n FROM devices WHERE id = $1 FOR UPDATE', [auth.clientId])).rows[0]
      ?.n ?? 0;
  const fresh = mutations.filter((m) => m.id > lmid).sort((a, b) => a.id - b.id);
  const none = { lastMutationId: lmid, rejections: [], overrides: [], changedVersion: 0 };
  if (fresh.length === 0) return none;
  if (fresh[0]!.id !== lmid + 1)
    throw new AppError('conflict', `Mutation ${fresh[0]!.id} arrived before ${lmid + 1}.`, {
      reason: 'mutation_gap',
      lastMutationId: lmid,
    });
  // Stop at a hole inside the batch: the rest is pushed again after the answer.
  const run = fresh.filter((m, i) => m.id === lmid + 1 + i);

  // The tenant row's lock: this tenant's changes happen one batch at a time, versions in order.
  const version = (
    await tx.query<{ v: number }>('UPDATE tenants SET version = version + 1 WHERE id = current_tenant() RETURNING version AS v')
  ).rows[0]!.v;
  const now = deps.now();
  const authors = await authorsOf(tx, auth, run);
  const store = new EntityStore(tx, version, { clientId: auth.clientId, userId: '', name: '', at: now });
  await prefetchRefs(store, run);
  for (const prefetch of batchPrefetchers) await prefetch(store, run);

  // Most batches apply without a database error and their refusals come from the rules before
  // anything is written: then no mutation needs a savepoint of its own. When one fails after it
  // wrote, or the database refused a statement, the batch starts over with one savepoint per
  // mutation, which undoes exactly that mutation.
  await tx.query('SAVEPOINT batch');
  store.deferWrites = true;
  let outcomes = await applyEach(deps, auth, store, run, authors, now, false);
  if (outcomes)
    try {
      await store.flush();
    } catch {
      outcomes = null;
    }
  if (!outcomes) {
    await tx.query('ROLLBACK TO SAVEPOINT batch');
    store.rolledBack();
    store.deferWrites = false;
    store.changed = 0;
    outcomes = (await applyEach(deps, auth, store, run, authors, now, true))!;
  }
  await recordOutcomes(tx, auth, outcomes, version);
  const last = run.at(-1)!.id;
  await tx.query('UPDATE devices SET last_mutation_id = $2 WHERE id = $1', [auth.clientId, last]);
  return {
    lastMutationId: last,
    rejections: outcomes.filter((o) => o.refusal).map((o) => rejectionOf(o, auth, authors, now)),
    overrides: outcomes.flatMap((o) => o.overrides),
    changedVersion: store.changed > 0 ? version : 0,
  };
}

/**
 * Runs the batch's mutations in order. With `savepoints`, each runs in its own subtransaction and
 * a refused one is rolled back alone. Without, a refusal is only possible before the mutation
 * wrote anything; any other failure answers `null` (start over with savepoints).
 */
async function applyEach(
  deps: PushDeps,
  auth: DeviceAuth,
  store: EntityStore,
  run: PushedMutation[],
  authors: Map<string, { name: string; role: Role }>,
  now: number,
  savepoints: boolean,
): Promise<Outcome[] | null> {
  const tx = store.tx;
  const outcomes: Outcome[] = [];
  if (savepoints) await tx.query('SAVEPOINT mutation');
  for (const m of run) {
    const author = authors.get(m.userId);
    store.author = { clientId: auth.clientId, userId: m.userId, name: author?.name ?? m.actor, at: now };
    const out: Outcome = { id: m.id, m, userId: author ? m.userId : null, refusal: null, overrides: [] };
    const written = store.changed;
    const failedQueries = store.failedQueries;
    try {
      await applyOne(store, auth, m, author, out.overrides);
      if (savepoints) await tx.query('RELEASE SAVEPOINT mutation; SAVEPOINT mutation');
    } catch (err) {
      if (!savepoints && (!(err instanceof AppError) || store.changed !== written || store.failedQueries !== failedQueries))
        return null;
      if (savepoints) {
        await tx.query('ROLLBACK TO SAVEPOINT mutation');
        store.rolledBack();
      }
      out.overrides = [];
      out.refusal =
        err instanceof AppError
          ? err
          : new AppError('internal', `The server failed on this change (reference ${deps.onError(err, m)}).`);
    }
    outcomes.push(out);
  }
  if (savepoints) await tx.query('RELEASE SAVEPOINT mutation');
  return outcomes;
}

async function applyOne(
  store: EntityStore,
  auth: DeviceAuth,
  m: PushedMutation,
  author: { name: string; role: Role } | undefined,
  overrides: FieldOverride[],
): Promise<void> {
  if (!isSyncedMutator(m.name))
    throw new AppError('invalid_input', `The server does not know the change "${m.name}". Update the server.`, {
      reason: 'unknown_mutator',
    });
  const spec: SyncedMutatorSpec = syncedMutators[m.name];
  if (!author) throw new AppError('forbidden', `${m.actor} has not signed in on this workstation with the server.`);
  if (!spec.roles.includes(author.role))
    throw new AppError('forbidden', `${author.name}'s role (${author.role}) may not do this (${m.name}).`, { reason: 'role' });
  const parsed = (spec.args as z.ZodType).safeParse(m.args);
  if (!parsed.success)
    throw new AppError('invalid_input', `The change "${m.name}" has values the server cannot accept.`, {
      issues: parsed.error.issues.map(inputIssue),
    });
  let args = parsed.data as Record<string, unknown>;
  if (spec.edits) args = await dropStaleFields(store, spec.edits, args, m, auth.clientId, overrides);
  const mutator = serverMutators[m.name] as ServerMutator<typeof m.name>;
  await mutator({ store, timeZone: auth.timeZone, now: store.author.at }, args as never);
}

/** Reads every record the batch's mutations name, in one query per kind. */
async function prefetchRefs(store: EntityStore, mutations: PushedMutation[]): Promise<void> {
  const ids = new Map<string, Set<string>>();
  for (const m of mutations) {
    if (!isSyncedMutator(m.name)) continue;
    const refs = (syncedMutators[m.name] as SyncedMutatorSpec).refs ?? {};
    for (const [arg, entity] of Object.entries(refs)) {
      const id = (m.args as Record<string, unknown> | null)?.[arg];
      if (typeof id === 'string' && id.length <= 200) ids.set(entity, (ids.get(entity) ?? new Set()).add(id));
    }
  }
  for (const [entity, set] of ids) await store.prefetch(entity, [...set]);
}

/** The batch's authors who have signed in on this workstation; their current role guards each change. */
async function authorsOf(tx: Tx, auth: DeviceAuth, mutations: PushedMutation[]) {
  const ids = [...new Set(mutations.map((m) => m.userId))];
  const { rows } = await tx.query<{ id: string; name: string; role: Role }>(
    `SELECT u.id, u.name, u.role FROM device_users du JOIN users u ON u.id = du.user_id
     WHERE du.device_id = $1 AND du.user_id = ANY($2::uuid[]) AND NOT u.disabled`,
    [auth.clientId, ids],
  );
  return new Map(rows.map((r) => [r.id, { name: r.name, role: r.role }]));
}

async function recordOutcomes(tx: Tx, auth: DeviceAuth, outcomes: Outcome[], version: number): Promise<void> {
  const rows = outcomes.map((o) => ({
    id: o.id,
    request_id: o.m.requestId,
    name: o.m.name,
    user_id: o.userId,
    at: o.m.at,
    status: o.refusal ? 'rejected' : 'applied',
    code: o.refusal?.code ?? null,
    message: o.refusal?.message ?? null,
    details: o.refusal?.details ?? null,
  }));
  await tx.query(
    `INSERT INTO mutations (tenant_id, client_id, id, request_id, name, user_id, at, status, code, message, details, version)
     SELECT current_tenant(), $1, x.id, x.request_id, x.name, x.user_id, x."at", x.status, x.code, x.message, x.details, $3
     FROM jsonb_to_recordset($2) AS x(id bigint, request_id uuid, name text, user_id uuid, "at" bigint, status text,
       code text, message text, details jsonb)`,
    [auth.clientId, JSON.stringify(rows), version],
  );
  const overrides = outcomes.flatMap((o) => o.overrides);
  if (overrides.length === 0) return;
  await tx.query(
    `INSERT INTO overrides (tenant_id, client_id, mutation_id, entity, entity_id, field, yours, theirs, by_name, by_at)
     SELECT current_tenant(), $1, x."mutationId", x.entity, x."entityId", x.field, x.yours, x.theirs, x."by", x."at"
     FROM jsonb_to_recordset($2) AS x("mutationId" bigint, entity text, "entityId" text, field text, yours jsonb,
       theirs jsonb, "by" text, "at" bigint)`,
    [auth.clientId, JSON.stringify(overrides)],
  );
}

function rejectionOf(
  o: Outcome,
  auth: DeviceAuth,
  authors: Map<string, { name: string }>,
  now: number,
): MutationRejection {
  const refusal = o.refusal!;
  return {
    clientId: auth.clientId,
    mutationId: o.id,
    requestId: o.m.requestId,
    name: o.m.name,
    actor: authors.get(o.m.userId)?.name ?? o.m.actor,
    code: refusal.code,
    message: refusal.message,
    ...(refusal.details !== undefined ? { details: refusal.details as Record<string, unknown> } : {}),
    at: now,
  };
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
