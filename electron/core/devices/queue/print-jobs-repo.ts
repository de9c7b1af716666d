import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../db/connection';
import {
  JOB_REASONS,
  type BatchProgress,
  type JobReason,
  type JobState,
  type PrintJob,
} from '@shared/contract/devices-types';
import type { Reader } from './printers-repo';

export type { BatchProgress, JobState, PrintJob };

interface JobRow {
  id: string;
  seq: number;
  printer_id: string;
  batch_id: string | null;
  template: string | null;
  title: string;
  state: JobState;
  reason: string | null;
  reason_code: JobReason | null;
  attempts: number;
  reprint_of: string | null;
  created_by: string;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
  finished_at: number | null;
}

const COLUMNS =
  'id, seq, printer_id, batch_id, template, title, state, reason, reason_code, attempts, reprint_of, created_by, created_at, updated_at, sent_at, finished_at';

function fromRow(r: JobRow): PrintJob {
  return {
    id: r.id,
    seq: r.seq,
    printerId: r.printer_id,
    batchId: r.batch_id,
    template: r.template,
    title: r.title,
    state: r.state,
    reason: r.reason,
    reasonCode: JOB_REASONS.find((c) => c === r.reason_code) ?? null,
    attempts: r.attempts,
    reprintOf: r.reprint_of,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    sentAt: r.sent_at,
    finishedAt: r.finished_at,
  };
}

export interface NewJob {
  printerId: string;
  title: string;
  zpl: string;
  template?: string | null;
  batchId?: string | null;
  reprintOf?: string | null;
  createdBy: string;
}

export async function insertJob(tx: Queryable, job: NewJob, now = Date.now()): Promise<PrintJob> {
  const id = randomUUID();
  await tx.run(
    `INSERT INTO print_jobs (id, printer_id, batch_id, template, title, zpl, state, reprint_of, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?)`,
    [
      id,
      job.printerId,
      job.batchId ?? null,
      job.template ?? null,
      job.title,
      job.zpl,
      job.reprintOf ?? null,
      job.createdBy,
      now,
      now,
    ],
  );
  return (await findJob(tx, id))!;
}

export async function insertBatch(
  tx: Queryable,
  b: { printerId: string; title: string; total: number; createdBy: string },
  now = Date.now(),
): Promise<string> {
  const id = randomUUID();
  await tx.run(
    'INSERT INTO print_batches (id, printer_id, title, total, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    [id, b.printerId, b.title, b.total, b.createdBy, now],
  );
  return id;
}

export async function findJob(db: Reader, id: string): Promise<PrintJob | undefined> {
  const row = await db.get<JobRow>(`SELECT ${COLUMNS} FROM print_jobs WHERE id = ?`, [id]);
  return row && fromRow(row);
}

export async function jobZpl(db: Reader, id: string): Promise<string | undefined> {
  return (await db.get<{ zpl: string }>('SELECT zpl FROM print_jobs WHERE id = ?', [id]))?.zpl;
}

/** The oldest queued job of a printer, with its data. */
export async function nextQueued(
  db: Reader,
  printerId: string,
): Promise<(PrintJob & { zpl: string }) | undefined> {
  const row = await db.get<JobRow & { zpl: string }>(
    `SELECT ${COLUMNS}, zpl FROM print_jobs WHERE printer_id = ? AND state = 'queued' ORDER BY seq LIMIT 1`,
    [printerId],
  );
  return row && { ...fromRow(row), zpl: row.zpl };
}

/**
 * Moves a job from one state to another only if it is still in `from` (compare-and-set), so a
 * cancel racing the sender can never be overwritten. Returns the updated job or undefined.
 */
export async function transition(
  tx: Queryable,
  id: string,
  from: readonly JobState[],
  to: JobState,
  extra: { reason?: string | null; reasonCode?: JobReason; attempt?: boolean } = {},
  now = Date.now(),
): Promise<PrintJob | undefined> {
  const marks = from.map(() => '?').join(', ');
  const res = await tx.run(
    `UPDATE print_jobs SET state = ?, reason = ?, reason_code = ?, updated_at = ?,
       attempts = attempts + ?,
       sent_at = CASE WHEN ? = 'sending' THEN ? ELSE sent_at END,
       finished_at = CASE WHEN ? IN ('printed', 'failed', 'cancelled', 'uncertain') THEN ? ELSE NULL END
     WHERE id = ? AND state IN (${marks})`,
    [
      to,
      extra.reason ?? null,
      extra.reasonCode ?? null,
      now,
      extra.attempt ? 1 : 0,
      to,
      now,
      to,
      now,
      id,
      ...from,
    ],
  );
  return res.changes === 1 ? findJob(tx, id) : undefined;
}

/** After a crash, a job left `sending` may or may not have printed: never resend it blindly. */
export async function markInterruptedUncertain(tx: Queryable, now = Date.now()): Promise<string[]> {
  const rows = await tx.all<{ id: string }>(`SELECT id FROM print_jobs WHERE state = 'sending'`);
  await tx.run(
    `UPDATE print_jobs SET state = 'uncertain', reason = 'Loadstar stopped while this label was being sent; check the printer before reprinting.', reason_code = 'interrupted',
       updated_at = ?, finished_at = ? WHERE state = 'sending'`,
    [now, now],
  );
  return rows.map((r) => r.id);
}

export async function listJobs(
  db: Reader,
  filter: { printerId?: string; batchId?: string; states?: JobState[]; beforeSeq?: number; limit: number },
): Promise<PrintJob[]> {
  const where: string[] = [];
  const params: Array<string | number> = [];
  if (filter.beforeSeq !== undefined) {
    where.push('seq < ?');
    params.push(filter.beforeSeq);
  }
  if (filter.printerId) {
    where.push('printer_id = ?');
    params.push(filter.printerId);
  }
  if (filter.batchId) {
    where.push('batch_id = ?');
    params.push(filter.batchId);
  }
  if (filter.states?.length) {
    where.push(`state IN (${filter.states.map(() => '?').join(', ')})`);
    params.push(...filter.states);
  }
  const rows = await db.all<JobRow>(
    `SELECT ${COLUMNS} FROM print_jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`,
    [...params, filter.limit],
  );
  return rows.map(fromRow);
}

/** Jobs still queued or being sent, per printer. */
export async function pendingCounts(db: Reader): Promise<Map<string, number>> {
  const rows = await db.all<{ printer_id: string; n: number }>(
    `SELECT printer_id, COUNT(*) AS n FROM print_jobs WHERE state IN ('queued', 'sending') GROUP BY printer_id`,
  );
  return new Map(rows.map((r) => [r.printer_id, r.n]));
}

export async function printersWithQueuedJobs(db: Reader): Promise<string[]> {
  const rows = await db.all<{ printer_id: string }>(
    `SELECT DISTINCT printer_id FROM print_jobs WHERE state = 'queued'`,
  );
  return rows.map((r) => r.printer_id);
}

export async function batchProgress(db: Reader, batchId: string): Promise<BatchProgress | undefined> {
  const batch = await db.get<{ id: string; printer_id: string; title: string; total: number }>(
    'SELECT id, printer_id, title, total FROM print_batches WHERE id = ?',
    [batchId],
  );
  if (!batch) return undefined;
  const counts: Record<JobState, number> = {
    queued: 0,
    sending: 0,
    printed: 0,
    failed: 0,
    cancelled: 0,
    uncertain: 0,
  };
  const rows = await db.all<{ state: JobState; n: number }>(
    'SELECT state, COUNT(*) AS n FROM print_jobs WHERE batch_id = ? GROUP BY state',
    [batchId],
  );
  for (const r of rows) counts[r.state] = r.n;
  return {
    batchId,
    printerId: batch.printer_id,
    title: batch.title,
    total: batch.total,
    counts,
    done: counts.queued + counts.sending === 0,
  };
}
