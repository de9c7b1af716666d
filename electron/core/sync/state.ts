/**
 * The workstation's sync settings and progress, one row per key in `sync_state`. The key
 * `tenant` is present exactly while the workstation is joined to a tenant: the outbox and the
 * dirty-row triggers look for it.
 */
import { randomUUID } from 'node:crypto';
import type { SyncTenant, SyncUser } from '@shared/contract';
import type { Queryable, Readable } from '../db/connection';

export interface SyncSettings {
  serverUrl: string | null;
  allowInsecure: boolean;
  /** This workstation's sync client id (made once, kept for good). */
  clientId: string;
  tenant: SyncTenant | null;
  /** The tenant of the signed-in user, before this workstation is registered with it. */
  loginTenant: SyncTenant | null;
  deviceToken: string | null;
  sessionToken: string | null;
  user: SyncUser | null;
  /** The server version the local rows are at. */
  cursor: number;
  /** Pages pulled towards a newer cursor, waiting in `sync_incoming` for the last page. */
  stagedCursor: number | null;
  /** Refusals of mutations up to this id are in the inbox; the server need not send them again. */
  ackUpTo: number;
  lastSyncAt: number | null;
  /** The sync ids up to this one the server has processed. */
  lastMutationId: number;
}

type Key =
  | 'server_url'
  | 'allow_insecure'
  | 'client_id'
  | 'tenant'
  | 'device_token'
  | 'session_token'
  | 'user'
  | 'cursor'
  | 'staged_cursor'
  | 'ack_up_to'
  | 'last_sync_at'
  | 'last_mutation_id'
  | 'applying'
  | 'login_tenant';

const json = <T>(v: string | undefined): T | null => (v === undefined ? null : (JSON.parse(v) as T));
const num = (v: string | undefined, fallback: number) => (v === undefined ? fallback : Number(v));

export async function readSettings(db: Readable): Promise<SyncSettings> {
  const rows = await db.all<{ key: Key; value: string }>('SELECT key, value FROM sync_state');
  const m = new Map(rows.map((r) => [r.key, r.value]));
  return {
    serverUrl: m.get('server_url') ?? null,
    allowInsecure: m.get('allow_insecure') === '1',
    clientId: m.get('client_id') ?? '',
    tenant: json<SyncTenant>(m.get('tenant')),
    loginTenant: json<SyncTenant>(m.get('login_tenant')),
    deviceToken: m.get('device_token') ?? null,
    sessionToken: m.get('session_token') ?? null,
    user: json<SyncUser>(m.get('user')),
    cursor: num(m.get('cursor'), 0),
    stagedCursor: m.has('staged_cursor') ? num(m.get('staged_cursor'), 0) : null,
    ackUpTo: num(m.get('ack_up_to'), 0),
    lastSyncAt: m.has('last_sync_at') ? num(m.get('last_sync_at'), 0) : null,
    lastMutationId: num(m.get('last_mutation_id'), 0),
  };
}

/** Sets (or, with null, removes) keys inside the caller's transaction. */
export async function writeSettings(tx: Queryable, values: Partial<Record<Key, string | number | object | null>>): Promise<void> {
  for (const [key, value] of Object.entries(values)) {
    if (value === null) await tx.run('DELETE FROM sync_state WHERE key = ?', [key]);
    else
      await tx.run('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [
        key,
        typeof value === 'object' ? JSON.stringify(value) : String(value),
      ]);
  }
}

/** The client id, made on first use. */
export async function ensureClientId(tx: Queryable): Promise<string> {
  const row = await tx.get<{ value: string }>("SELECT value FROM sync_state WHERE key = 'client_id'");
  if (row) return row.value;
  const id = randomUUID();
  await writeSettings(tx, { client_id: id });
  return id;
}
