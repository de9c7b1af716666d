/**
 * After heal and drain: every client equals the server; every local mutation reached the server
 * (applied, or refused and in its author's inbox); no door is double-booked anywhere; mutation
 * ids per client are gapless on both sides.
 */
import pg from 'pg';
import { sameData } from '../../electron/core/sync/rebase';
import type { ClientDump } from './dump';

export interface CheckResult {
  operations: number;
  /** Rows per entity on the server after the run (so a run shows what it exercised). */
  serverRows: Record<string, number>;
  lost: number;
  doubleBooked: number;
  diverged: number;
  rejectionsShown: number;
  problems: string[];
}

type Rows = Record<string, Record<string, Record<string, unknown>>>;

interface Booking {
  id: string;
  doorId: string;
  startAt: number;
  endAt: number;
  status: string;
}

/** Pairs of booked appointments on one door whose times overlap. */
export function overlaps(appointments: Iterable<Record<string, unknown>>): number {
  const byDoor = new Map<string, Booking[]>();
  for (const a of appointments as Iterable<Booking>) {
    if (a.status !== 'booked') continue;
    byDoor.set(a.doorId, [...(byDoor.get(a.doorId) ?? []), a]);
  }
  let n = 0;
  for (const list of byDoor.values()) {
    list.sort((x, y) => x.startAt - y.startAt);
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length && list[j]!.startAt < list[i]!.endAt; j++) n++;
  }
  return n;
}

export async function check(databaseUrl: string, tenantId: string, dumps: ClientDump[]): Promise<CheckResult> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const problems: string[] = [];
  try {
    const server: Rows = {};
    const { rows } = await db.query<{ entity: string; id: string; data: Record<string, unknown> }>(
      'SELECT entity, id, data FROM entities WHERE tenant_id = $1 AND data IS NOT NULL',
      [tenantId],
    );
    for (const r of rows) (server[r.entity] ??= {})[r.id] = r.data;

    let doubleBooked = overlaps(Object.values(server.appointment ?? {}));
    let diverged = 0;
    let lost = 0;
    let rejectionsShown = 0;
    let operations = 0;
    for (const [i, d] of dumps.entries()) {
      doubleBooked += overlaps(Object.values(d.rows.appointment ?? {}));
      for (const entity of new Set([...Object.keys(server), ...Object.keys(d.rows)])) {
        const mine = d.rows[entity] ?? {};
        const theirs = server[entity] ?? {};
        for (const id of new Set([...Object.keys(mine), ...Object.keys(theirs)])) {
          if (!sameData(mine[id], theirs[id])) {
            diverged++;
            if (problems.length < 20) problems.push(`client ${i} ${entity} ${id} differs from the server`);
          }
        }
      }
      const done = await db.query<{ id: number; status: string }>(
        'SELECT id, status FROM mutations WHERE tenant_id = $1 AND client_id = $2 ORDER BY id',
        [tenantId, d.clientId],
      );
      const onServer = new Map(done.rows.map((r) => [r.id, r.status]));
      const shown = new Set(d.inboxRejected);
      operations += d.outbox.length;
      d.outbox.forEach((m, k) => {
        if (m.syncId !== k + 1) problems.push(`client ${i}: outbox sync id ${m.syncId} where ${k + 1} was due`);
        const status = onServer.get(m.syncId);
        if (!status || !m.acked) {
          lost++;
          problems.push(`client ${i}: mutation ${m.syncId} ${status ? 'not acknowledged' : 'never reached the server'}`);
        } else if (status === 'rejected') {
          if (shown.has(m.syncId)) rejectionsShown++;
          else {
            lost++;
            problems.push(`client ${i}: refusal of mutation ${m.syncId} is not in the author's inbox`);
          }
        }
      });
      done.rows.forEach((r, k) => {
        if (r.id !== k + 1) {
          lost++;
          problems.push(`client ${i}: server mutation ids skip from ${k} to ${r.id}`);
        }
      });
      if (done.rows.length > d.outbox.length) problems.push(`client ${i}: the server has more mutations than the client made`);
    }
    const serverRows = Object.fromEntries(Object.entries(server).map(([e, r]) => [e, Object.keys(r).length]));
    return { operations, serverRows, lost, doubleBooked, diverged, rejectionsShown, problems };
  } finally {
    await db.end();
  }
}
