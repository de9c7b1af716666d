import { AppError } from '@shared/contract/errors';
import type { Database, Tx } from '../../db/database';
import { recordMutation } from '../../db/outbox';
import { TypedEmitter } from '../typed-emitter';
import { ZebraPrinter } from '../zebra/zebra-printer';
import {
  batchProgress,
  findJob,
  insertBatch,
  insertJob,
  jobZpl,
  listJobs,
  markInterruptedUncertain,
  printersWithQueuedJobs,
  transition,
  type BatchProgress,
  type JobState,
  type PrintJob,
} from './print-jobs-repo';
import {
  DEFAULT_TIMINGS,
  PrinterWorker,
  type PrinterLike,
  type PrinterRuntime,
  type WorkerTimings,
} from './printer-worker';
import { getPrinter, type PrinterConfig } from './printers-repo';

export interface SpoolerEvents extends Record<string, unknown> {
  /** A job was created or changed state. */
  job: PrintJob;
  /** A printer's queue activity changed (idle, printing, held + reason, offline + reason). */
  printer: PrinterRuntime;
  /** A batch's counts changed. */
  batch: BatchProgress;
}

export interface SpoolerOptions {
  timings?: Partial<WorkerTimings>;
  /** Builds the driver for a configured printer; defaults to a ZebraPrinter on its transport. */
  /** How long to wait for a `~HS`/`~HQES` reply before treating the printer as silent. */
  queryTimeoutMs?: number;
  driverFor?: (printer: PrinterConfig) => PrinterLike;
}

export interface LabelInput {
  title: string;
  zpl: string;
  template?: string | null;
}

/**
 * Labels made inside the batch's write transaction, for data that must be taken in the same
 * commit as the job rows (SSCC serials): a throw rolls back both.
 */
export type LabelsInTx = (tx: Tx) => Promise<readonly LabelInput[]>;

const MAX_JOB_BYTES = 8 * 1024 * 1024;
const MAX_BATCH = 5000;
const BATCH_REPORT_MS = 100;

/**
 * The durable print queue service: one worker per printer, jobs in SQLite, every user action
 * (queue, cancel, reprint) recorded in the outbox in the same transaction as the change.
 */
export class PrintSpooler extends TypedEmitter<SpoolerEvents> {
  private readonly workers = new Map<string, Promise<PrinterWorker>>();
  private readonly timings: WorkerTimings;
  private readonly batchReports = new Set<string>();
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly options: SpoolerOptions = {},
  ) {
    super();
    this.timings = { ...DEFAULT_TIMINGS, ...options.timings };
  }

  /** Marks jobs interrupted by a crash `uncertain` and resumes printers with queued jobs. */
  async start(): Promise<void> {
    const interrupted = await this.db.write((tx) => markInterruptedUncertain(tx));
    for (const id of interrupted) await this.emitJob(id);
    for (const printerId of await printersWithQueuedJobs(this.db)) await this.worker(printerId);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const workers = await Promise.all([...this.workers.values()].map((w) => w.catch(() => null)));
    await Promise.all(workers.map((w) => w?.stop()));
  }

  async enqueue(input: { printerId: string; actor: string } & LabelInput): Promise<PrintJob> {
    checkLabel(input);
    const job = await this.db.write(async (tx) => {
      await getPrinter(tx, input.printerId);
      const created = await insertJob(tx, { ...input, createdBy: input.actor });
      await recordMutation(tx, {
        name: 'print.enqueue',
        args: {
          jobId: created.id,
          printerId: input.printerId,
          title: input.title,
          template: input.template ?? null,
        },
        actor: input.actor,
      });
      return created;
    });
    this.emit('job', job);
    (await this.worker(input.printerId)).wake();
    return job;
  }

  /** Queues many labels as one batch (all rows commit together, in order). */
  async enqueueBatch(input: {
    printerId: string;
    title: string;
    labels: readonly LabelInput[] | LabelsInTx;
    actor: string;
    /** On disk before any label can be sent (labels carrying numbers never to be reused). */
    durable?: boolean;
  }): Promise<BatchProgress> {
    if (typeof input.labels !== 'function') checkBatch(input.labels);
    const batchId = await this.db.write(
      async (tx) => {
        await getPrinter(tx, input.printerId);
        const labels = typeof input.labels === 'function' ? await input.labels(tx) : input.labels;
        if (typeof input.labels === 'function') checkBatch(labels);
        const id = await insertBatch(tx, {
          printerId: input.printerId,
          title: input.title,
          total: labels.length,
          createdBy: input.actor,
        });
        for (const label of labels)
          await insertJob(tx, { ...label, printerId: input.printerId, batchId: id, createdBy: input.actor });
        await recordMutation(tx, {
          name: 'print.enqueueBatch',
          args: { batchId: id, printerId: input.printerId, title: input.title, count: labels.length },
          actor: input.actor,
        });
        return id;
      },
      { durable: input.durable },
    );
    const progress = (await batchProgress(this.db, batchId))!;
    this.emit('batch', progress);
    (await this.worker(input.printerId)).wake();
    return progress;
  }

  async cancel(jobId: string, actor: string): Promise<PrintJob> {
    const job = await this.db.write(async (tx) => {
      const cancelled = await transition(tx, jobId, ['queued'], 'cancelled', {
        reason: `cancelled by ${actor}`,
        reasonCode: 'cancelled',
      });
      if (!cancelled) throw await this.cannotChange(jobId, 'cancel');
      await recordMutation(tx, { name: 'print.cancel', args: { jobId }, actor });
      return cancelled;
    });
    await this.afterChange(job);
    return job;
  }

  /** Cancels every job of a batch not yet sent; returns how many were cancelled. */
  async cancelBatch(batchId: string, actor: string): Promise<BatchProgress> {
    const ids = await this.db.write(async (tx) => {
      const batch = await tx.get('SELECT 1 FROM print_batches WHERE id = ?', [batchId]);
      if (!batch) throw new AppError('not_found', 'That print batch no longer exists.', { batchId });
      const rows = await tx.all<{ id: string }>(
        `SELECT id FROM print_jobs WHERE batch_id = ? AND state = 'queued'`,
        [batchId],
      );
      for (const r of rows)
        await transition(tx, r.id, ['queued'], 'cancelled', {
          reason: `batch cancelled by ${actor}`,
          reasonCode: 'cancelled',
        });
      await recordMutation(tx, {
        name: 'print.cancelBatch',
        args: { batchId, cancelled: rows.length },
        actor,
      });
      return rows.map((r) => r.id);
    });
    for (const id of ids) await this.emitJob(id, false);
    const progress = (await batchProgress(this.db, batchId))!;
    this.emit('batch', progress);
    return progress;
  }

  /** A new job with the same label, linked to the original. The original is never resent. */
  async reprint(jobId: string, actor: string): Promise<PrintJob> {
    const job = await this.db.write(async (tx) => {
      const original = await findJob(tx, jobId);
      if (!original) throw new AppError('not_found', 'That print job no longer exists.', { jobId });
      if (original.state === 'queued' || original.state === 'sending') {
        throw new AppError(
          'conflict',
          `"${original.title}" has not finished printing yet; wait for it or cancel it first`,
        );
      }
      const zpl = (await jobZpl(tx, jobId)) ?? '';
      const created = await insertJob(tx, {
        printerId: original.printerId,
        title: original.title,
        zpl,
        template: original.template,
        reprintOf: original.id,
        createdBy: actor,
      });
      await recordMutation(tx, {
        name: 'print.reprint',
        args: { jobId: created.id, reprintOf: original.id },
        actor,
      });
      return created;
    });
    this.emit('job', job);
    (await this.worker(job.printerId)).wake();
    return job;
  }

  async job(jobId: string): Promise<PrintJob> {
    const job = await findJob(this.db, jobId);
    if (!job) throw new AppError('not_found', 'That print job no longer exists.', { jobId });
    return job;
  }

  jobs(filter: {
    printerId?: string;
    batchId?: string;
    states?: JobState[];
    beforeSeq?: number;
    limit?: number;
  }): Promise<PrintJob[]> {
    return listJobs(this.db, { ...filter, limit: Math.min(filter.limit ?? 200, 1000) });
  }

  async batch(batchId: string): Promise<BatchProgress> {
    const progress = await batchProgress(this.db, batchId);
    if (!progress) throw new AppError('not_found', 'That print batch no longer exists.', { batchId });
    return progress;
  }

  /** The printer's queue activity as last seen (idle when no worker has run yet). */
  async runtime(printerId: string): Promise<PrinterRuntime> {
    return (await this.worker(printerId)).state;
  }

  /**
   * The printer's settings changed: the old worker finishes the job in hand and stops, then a new
   * one (with the new connection) takes over the queue. Never two workers for one printer.
   */
  async reload(printerId: string): Promise<void> {
    const old = this.workers.get(printerId);
    if (!old) return;
    const next = old
      .then(
        (w) => w.stop(),
        () => undefined,
      )
      .then(() => {
        if (this.stopped) throw new AppError('unavailable', 'The print queue is shutting down');
        return this.createWorker(printerId);
      });
    this.workers.set(printerId, next);
    next.catch(() => this.workers.delete(printerId));
    await next.catch(() => undefined);
  }

  /** Wakes the printer's worker (if any) so it re-checks the printer now. */
  poke(printerId: string): void {
    void this.workers.get(printerId)?.then(
      (w) => w.wake(),
      () => undefined,
    );
  }

  /** Whether a worker runs for the printer, and its last activity (without starting one). */
  async knownRuntime(printerId: string): Promise<PrinterRuntime | null> {
    const w = this.workers.get(printerId);
    return w
      ? w.then(
          (x) => x.state,
          () => null,
        )
      : null;
  }

  private worker(printerId: string): Promise<PrinterWorker> {
    if (this.stopped) return Promise.reject(new AppError('unavailable', 'The print queue is shutting down'));
    let found = this.workers.get(printerId);
    if (!found) {
      found = this.createWorker(printerId);
      this.workers.set(printerId, found);
      found.catch(() => this.workers.delete(printerId));
    }
    return found;
  }

  private async createWorker(printerId: string): Promise<PrinterWorker> {
    const config = await getPrinter(this.db, printerId);
    const driver =
      this.options.driverFor?.(config) ??
      new ZebraPrinter(config.transport, { queryTimeoutMs: this.options.queryTimeoutMs ?? 1500 });
    const worker = new PrinterWorker(
      printerId,
      driver,
      this.db,
      {
        job: (job) => void this.afterChange(job),
        runtime: (r) => this.emit('printer', r),
      },
      this.timings,
    );
    worker.start();
    return worker;
  }

  private async afterChange(job: PrintJob): Promise<void> {
    this.emit('job', job);
    if (job.batchId) this.scheduleBatchReport(job.batchId);
  }

  /**
   * Batch progress is a COUNT over the batch's jobs; doing it on every job change would cost more
   * than printing. Reports are coalesced (at most one per batch per interval), the last one always
   * sent, so the UI still sees every batch end as `done`.
   */
  private scheduleBatchReport(batchId: string): void {
    if (this.batchReports.has(batchId)) return;
    this.batchReports.add(batchId);
    setTimeout(() => {
      this.batchReports.delete(batchId);
      void batchProgress(this.db, batchId).then(
        (progress) => {
          if (progress) this.emit('batch', progress);
        },
        () => undefined,
      );
    }, BATCH_REPORT_MS);
  }

  private async emitJob(id: string, withBatch = true): Promise<void> {
    const job = await findJob(this.db, id);
    if (job) {
      if (withBatch) await this.afterChange(job);
      else this.emit('job', job);
    }
  }

  private async cannotChange(jobId: string, verb: string): Promise<AppError> {
    const job = await findJob(this.db, jobId);
    if (!job) return new AppError('not_found', 'That print job no longer exists.', { jobId });
    const why =
      job.state === 'sending' ? 'it is being sent to the printer right now' : `it is already ${job.state}`;
    return new AppError('conflict', `Cannot ${verb} "${job.title}": ${why}`, { jobId, state: job.state });
  }
}

function checkBatch(labels: readonly LabelInput[]): void {
  if (labels.length === 0 || labels.length > MAX_BATCH) {
    throw new AppError(
      'invalid_input',
      `A batch holds 1 to ${MAX_BATCH} labels; this one has ${labels.length}`,
    );
  }
  labels.forEach(checkLabel);
}

function checkLabel(label: LabelInput): void {
  if (!label.title.trim()) throw new AppError('invalid_input', 'A print job needs a title');
  if (!label.zpl.startsWith('^XA') || !label.zpl.trimEnd().endsWith('^XZ')) {
    throw new AppError(
      'invalid_input',
      `"${label.title}" is not a ZPL label (must start with ^XA and end with ^XZ)`,
    );
  }
  if (label.zpl.length > MAX_JOB_BYTES)
    throw new AppError('invalid_input', `"${label.title}" is larger than ${MAX_JOB_BYTES / 1024 / 1024} MB`);
}
