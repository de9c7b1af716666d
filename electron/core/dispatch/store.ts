/**
 * Dispatch's tables on the workstation: each row is the synced JSON (`data`) plus the columns the
 * board and the expiry sweep look up. SQL only; the rules are in `shared/domain/dispatch`.
 */
import type { DispatchJob, DispatchOffer, DriverStatus } from '@shared/contract';
import type { DispatchStore } from '@shared/domain/dispatch/rules';
import type { Queryable, Readable } from '../db/connection';

const parse = <T>(row: { data: string } | undefined): T | undefined => (row ? (JSON.parse(row.data) as T) : undefined);
const parseAll = <T>(rows: { data: string }[]): T[] => rows.map((r) => JSON.parse(r.data) as T);

export function sqliteDispatchStore(tx: Queryable): DispatchStore {
  return {
    getJob: async (id) => parse(await tx.get('SELECT data FROM dispatch_jobs WHERE id = ?', [id])),
    putJob: async (j) => {
      await tx.run(
        `INSERT INTO dispatch_jobs (id, date, state, data) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET date = excluded.date, state = excluded.state, data = excluded.data`,
        [j.id, j.date, j.state, JSON.stringify(j)],
      );
    },
    getOffer: async (id) => parse(await tx.get('SELECT data FROM dispatch_offers WHERE id = ?', [id])),
    putOffer: async (o) => {
      await tx.run(
        `INSERT INTO dispatch_offers (id, job_id, state, expires_at, data) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET job_id = excluded.job_id, state = excluded.state,
           expires_at = excluded.expires_at, data = excluded.data`,
        [o.id, o.jobId, o.state, o.expiresAt, JSON.stringify(o)],
      );
    },
    getDriverStatus: async (id) => parse(await tx.get('SELECT data FROM dispatch_driver_states WHERE id = ?', [id])),
    putDriverStatus: async (d) => {
      await tx.run(
        `INSERT INTO dispatch_driver_states (id, state, data) VALUES (?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET state = excluded.state, data = excluded.data`,
        [d.id, d.state, JSON.stringify(d)],
      );
    },
  };
}

export async function jobsOf(db: Readable, date: string): Promise<DispatchJob[]> {
  return parseAll(await db.all('SELECT data FROM dispatch_jobs WHERE date = ? ORDER BY rowid', [date]));
}

export async function job(db: Readable, id: string): Promise<DispatchJob | undefined> {
  return parse(await db.get('SELECT data FROM dispatch_jobs WHERE id = ?', [id]));
}

export async function offer(db: Readable, id: string): Promise<DispatchOffer | undefined> {
  return parse(await db.get('SELECT data FROM dispatch_offers WHERE id = ?', [id]));
}

export async function offersOf(db: Readable, jobId: string): Promise<DispatchOffer[]> {
  return parseAll(await db.all('SELECT data FROM dispatch_offers WHERE job_id = ? ORDER BY rowid', [jobId]));
}

export async function openOffers(db: Readable, jobIds: string[]): Promise<DispatchOffer[]> {
  if (jobIds.length === 0) return [];
  return parseAll(
    await db.all(
      `SELECT data FROM dispatch_offers WHERE state = 'open' AND job_id IN (SELECT value FROM json_each(?))`,
      [JSON.stringify(jobIds)],
    ),
  );
}

/** Open offers whose time is up. */
export async function dueOffers(db: Readable, now: number): Promise<DispatchOffer[]> {
  return parseAll(
    await db.all(`SELECT data FROM dispatch_offers WHERE state = 'open' AND expires_at <= ? ORDER BY expires_at`, [now]),
  );
}

export async function offeredJobs(db: Readable): Promise<DispatchJob[]> {
  return parseAll(await db.all(`SELECT data FROM dispatch_jobs WHERE state = 'offered'`));
}

/** Drivers with an open offer on any job: they are asked one thing at a time. */
export async function driversWithOpenOffers(db: Readable): Promise<Set<string>> {
  const rows = await db.all<{ id: string }>(
    `SELECT json_extract(data, '$.candidate.id') AS id FROM dispatch_offers
     WHERE state = 'open' AND json_extract(data, '$.candidate.kind') = 'driver'`,
  );
  return new Set(rows.map((r) => r.id));
}

export async function driverStates(db: Readable): Promise<Map<string, DriverStatus>> {
  const rows = parseAll<DriverStatus>(await db.all('SELECT data FROM dispatch_driver_states'));
  return new Map(rows.map((d) => [d.id, d]));
}
