/**
 * A pull: the tenant's rows changed past the client's cursor (deletions as rows without data),
 * from one consistent snapshot, plus the client's last processed mutation id and the refusals
 * and overridden fields its authors have not yet been shown.
 */
import type { FieldChange, FieldOverride, MutationRejection, PullRequest, PullResponse, PulledRow } from '@shared/contract';
import { AppError, PULL_PAGE_MAX } from '@shared/contract';
import type { DeviceAuth } from '../auth/accounts';
import { inTenant, type Db, type Tx } from '../db/pool';

interface Row {
  entity: string;
  id: string;
  version: number;
  data: Record<string, unknown> | null;
  changed_by: Record<string, FieldChange>;
}

export async function pull(db: Db, auth: DeviceAuth, req: PullRequest): Promise<PullResponse> {
  if (req.clientId !== auth.clientId)
    throw new AppError('forbidden', 'This pull names another workstation than the one signed in.', { reason: 'client_mismatch' });
  const limit = req.limit ?? PULL_PAGE_MAX;
  const cursor = req.cursor ?? 0;
  const ack = req.ackRejectionsUpTo ?? 0;
  return inTenant(
    db,
    auth.tenantId,
    async (tx) => {
      const tenantVersion = (await tx.query<{ v: number }>('SELECT version AS v FROM tenants WHERE id = current_tenant()')).rows[0]!.v;
      const { rows, more, upTo } = await changedRows(tx, cursor, limit, tenantVersion);
      const lastMutationId =
        (await tx.query<{ n: number }>('SELECT last_mutation_id AS n FROM devices WHERE id = $1', [auth.clientId])).rows[0]?.n ?? 0;
      return {
        cursor: upTo,
        more,
        rows: rows.map(
          (r): PulledRow => ({ entity: r.entity, id: r.id, version: r.version, data: r.data, changedBy: r.changed_by }),
        ),
        lastMutationId,
        rejections: await rejectionsFor(tx, auth.clientId, ack),
        overrides: await overridesFor(tx, auth.clientId, ack),
      };
    },
    { snapshot: true },
  );
}

/**
 * Up to `limit` rows past `cursor`, in version order, ending on a whole version (the rows of one
 * change are never split between pages; one change larger than a page comes whole).
 */
async function changedRows(tx: Tx, cursor: number, limit: number, tenantVersion: number) {
  const q = (sql: string, params: unknown[]) =>
    tx.query<Row>(
      `SELECT entity, id, version, data, changed_by FROM entities WHERE tenant_id = current_tenant() AND ${sql}`,
      params,
    );
  const { rows } = await q('version > $1 ORDER BY version, entity, id LIMIT $2', [cursor, limit + 1]);
  if (rows.length <= limit) return { rows, more: false, upTo: Math.max(cursor, tenantVersion) };
  const lastVersion = rows[limit - 1]!.version;
  if (rows[limit]!.version !== lastVersion) return { rows: rows.slice(0, limit), more: true, upTo: lastVersion };
  const whole = rows.filter((r) => r.version < lastVersion);
  if (whole.length > 0) return { rows: whole, more: true, upTo: whole.at(-1)!.version };
  const { rows: one } = await q('version = $1 ORDER BY entity, id', [lastVersion]);
  return { rows: one, more: true, upTo: lastVersion };
}

async function rejectionsFor(tx: Tx, clientId: string, ack: number): Promise<MutationRejection[]> {
  const { rows } = await tx.query<{
    id: number;
    request_id: string;
    name: string;
    actor: string | null;
    code: string;
    message: string;
    details: Record<string, unknown> | null;
    at: Date;
  }>(
    `SELECT m.id, m.request_id, m.name, u.name AS actor, m.code, m.message, m.details, m.processed_at AS at
     FROM mutations m LEFT JOIN users u ON u.tenant_id = m.tenant_id AND u.id = m.user_id
     WHERE m.client_id = $1 AND m.status = 'rejected' AND m.id > $2 ORDER BY m.id`,
    [clientId, ack],
  );
  return rows.map((r) => ({
    clientId,
    mutationId: r.id,
    requestId: r.request_id,
    name: r.name,
    actor: r.actor ?? '',
    code: r.code,
    message: r.message,
    ...(r.details ? { details: r.details } : {}),
    at: r.at.getTime(),
  }));
}

async function overridesFor(tx: Tx, clientId: string, ack: number): Promise<FieldOverride[]> {
  const { rows } = await tx.query<{
    mutation_id: number;
    name: string;
    entity: string;
    entity_id: string;
    field: string;
    yours: unknown;
    theirs: unknown;
    by_name: string;
    by_at: number;
  }>(
    `SELECT o.mutation_id, m.name, o.entity, o.entity_id, o.field, o.yours, o.theirs, o.by_name, o.by_at
     FROM overrides o JOIN mutations m ON m.tenant_id = o.tenant_id AND m.client_id = o.client_id AND m.id = o.mutation_id
     WHERE o.client_id = $1 AND o.mutation_id > $2 ORDER BY o.mutation_id, o.field`,
    [clientId, ack],
  );
  return rows.map((r) => ({
    clientId,
    mutationId: r.mutation_id,
    name: r.name,
    entity: r.entity,
    entityId: r.entity_id,
    field: r.field,
    yours: r.yours,
    theirs: r.theirs,
    by: r.by_name,
    at: r.by_at,
  }));
}
