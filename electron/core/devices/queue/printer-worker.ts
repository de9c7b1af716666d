import type { Database } from '../../db/database';
import { Backoff, Waker } from '../../backoff';
import type { PrinterActivity, PrinterRuntime } from '@shared/contract/devices-types';
import { holdReason, type PrinterStatus } from '../zebra/status-parse';
import type { PrintOutcome, StatusReport } from '../zebra/zebra-printer';
import { nextQueued, transition, type PrintJob } from './print-jobs-repo';

/** What the worker needs from a printer driver (ZebraPrinter fits). */
export type { PrinterActivity, PrinterRuntime };

export interface PrinterLike {
  status(): Promise<StatusReport>;
  checkAndPrint(
    data: string,
    gate: (report: StatusReport) => Promise<boolean>,
  ): Promise<{ report: StatusReport; outcome: PrintOutcome | null }>;
}

export interface WorkerTimings {
  /** Status poll interval while the printer is held (paper out, paused, head open). */
  holdPollMs: number;
  backoffInitialMs: number;
  backoffMaxMs: number;
}

export const DEFAULT_TIMINGS: WorkerTimings = {
  holdPollMs: 2000,
  backoffInitialMs: 1000,
  backoffMaxMs: 30_000,
};

/**
 * Drains one printer's queue, oldest job first. Before each job it asks the printer's status:
 * held states wait and poll, an unreachable printer backs off. A job is claimed (`sending`) in
 * the database before its first byte goes out, and only a clean close marks it `printed`.
 */
export class PrinterWorker {
  private readonly waker = new Waker();
  private readonly backoff: Backoff;
  private stopped = false;
  private running: Promise<void> | null = null;
  private runtime: PrinterRuntime;

  constructor(
    readonly printerId: string,
    private readonly printer: PrinterLike,
    private readonly db: Database,
    private readonly hooks: { job(job: PrintJob): void; runtime(r: PrinterRuntime): void },
    private readonly timings: WorkerTimings = DEFAULT_TIMINGS,
  ) {
    this.backoff = new Backoff(timings.backoffInitialMs, timings.backoffMaxMs);
    this.runtime = { printerId, activity: 'idle', reason: null, status: null, at: Date.now() };
  }

  get state(): PrinterRuntime {
    return this.runtime;
  }

  start(): void {
    this.running ??= this.loop().catch((err: Error) => {
      this.setRuntime(
        'error',
        `The print queue stopped: ${err.message}. Restart Loadstar; queued labels are kept.`,
        null,
      );
    });
  }

  /** New work or a cancel: re-check now instead of at the end of the current wait. */
  wake(): void {
    this.waker.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.waker.wake();
    await this.running;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      const job = await nextQueued(this.db, this.printerId);
      if (!job) {
        this.setRuntime('idle', null, this.runtime.status);
        await this.waker.sleep(60_000);
        continue;
      }
      let waitMs = 0;
      const { outcome } = await this.printer.checkAndPrint(job.zpl, async (report) => {
        const verdict = this.judge(report);
        if ('waitMs' in verdict) {
          this.setRuntime(verdict.activity, verdict.reason, verdict.status);
          waitMs = verdict.waitMs;
          return false;
        }
        this.setRuntime('printing', null, verdict.status);
        // The job is a `sending` row before its first byte leaves; a cancel that won the race stops it here.
        const claimed = await this.db.write((tx) =>
          transition(tx, job.id, ['queued'], 'sending', { attempt: true }),
        );
        if (claimed) this.hooks.job(claimed);
        return claimed !== undefined;
      });
      if (outcome === null) {
        if (waitMs > 0) await this.waker.sleep(waitMs);
        continue;
      }
      const finished = await this.db.write((tx) =>
        outcome.outcome === 'printed'
          ? transition(tx, job.id, ['sending'], 'printed')
          : outcome.outcome === 'uncertain' || outcome.outcome === 'failed'
            ? transition(tx, job.id, ['sending'], outcome.outcome, {
                reason: outcome.reason,
                reasonCode: outcome.outcome === 'uncertain' ? 'connection_lost' : 'printer_refused',
              })
            : // Nothing reached the printer: back in the queue, same place, retried after back-off.
              transition(tx, job.id, ['sending'], 'queued', {
                reason: outcome.reason,
                reasonCode: 'not_sent',
              }),
      );
      if (finished) this.hooks.job(finished);
      if (outcome.outcome === 'not-sent') {
        this.setRuntime('offline', outcome.reason, null);
        await this.waker.sleep(this.backoff.next());
      }
    }
  }

  /** The status gate: send now, or what to show and how long to wait before asking again. */
  private judge(
    report: StatusReport,
  ):
    | { status: PrinterStatus | null }
    | { activity: PrinterActivity; reason: string; status: PrinterStatus | null; waitMs: number } {
    if (this.stopped) return { activity: this.runtime.activity, reason: 'stopping', status: null, waitMs: 1 };
    if (!report.reachable)
      return { activity: 'offline', reason: report.reason, status: null, waitMs: this.backoff.next() };
    this.backoff.reset();
    if (report.status === null) {
      // No status over this link (device file, CUPS): send. Both ~HS and ~HQES silent: unknown,
      // possibly in error, so hold rather than print blind.
      if (!report.queryable) return { status: null };
      return { activity: 'held', reason: report.reason, status: null, waitMs: this.timings.holdPollMs };
    }
    const hold = holdReason(report.status);
    if (hold)
      return { activity: 'held', reason: hold, status: report.status, waitMs: this.timings.holdPollMs };
    return { status: report.status };
  }

  private setRuntime(activity: PrinterActivity, reason: string | null, status: PrinterStatus | null): void {
    const changed = activity !== this.runtime.activity || reason !== this.runtime.reason;
    this.runtime = { printerId: this.printerId, activity, reason, status, at: Date.now() };
    if (changed) this.hooks.runtime(this.runtime);
  }
}
