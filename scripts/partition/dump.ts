/** A client's view for the partition checks: its synced rows, outbox and inbox. */
import type { Core } from '../../electron/core/core';

export interface ClientDump {
  clientId: string;
  rows: Record<string, Record<string, Record<string, unknown>>>;
  /** Synced outbox rows: sync id and whether the server acknowledged it. */
  outbox: { syncId: number; name: string; acked: boolean }[];
  /** Sync ids of refusals in the "Needs attention" inbox. */
  inboxRejected: number[];
}

export async function dumpCore(core: Core): Promise<ClientDump> {
  const rows: ClientDump['rows'] = {};
  for (const a of core.syncedEntities) rows[a.entity] = Object.fromEntries(await a.readAll(core.db));
  const outbox = await core.db.all<{ sync_id: number; name: string; pushed_at: number | null }>(
    'SELECT sync_id, name, pushed_at FROM outbox WHERE sync_id IS NOT NULL ORDER BY sync_id',
  );
  const inbox = await core.db.all<{ sync_id: number }>("SELECT sync_id FROM sync_inbox WHERE kind = 'rejected'");
  const id = await core.db.get<{ value: string }>("SELECT value FROM sync_state WHERE key = 'client_id'");
  return {
    clientId: id?.value ?? '',
    rows,
    outbox: outbox.map((r) => ({ syncId: r.sync_id, name: r.name, acked: r.pushed_at !== null })),
    inboxRejected: inbox.map((r) => r.sync_id),
  };
}
