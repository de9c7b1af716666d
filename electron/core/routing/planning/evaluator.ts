/**
 * Plan evaluation off the core's main thread: one long-lived worker thread
 * (`evaluate-worker.ts`) evaluates every plan the Routes screen shows or edits, keeping its caches
 * between edits. If the worker dies, the calls waiting on it fail with a clear error and the
 * next call starts a fresh one.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { AppError, isErrorCode } from '@shared/contract/errors';
import type { Logger } from '../../log';
import { startWorker } from '../solve-in-worker';
import type { EvaluateInput, Evaluated } from './evaluate';
import type { EvalReply, EvalRequest } from './evaluate-worker';

export interface PlanEvaluator {
  evaluate(input: EvaluateInput, timeZone: string): Promise<Evaluated>;
  close(): Promise<void>;
}

export class WorkerEvaluator implements PlanEvaluator {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (e: Evaluated) => void; reject: (e: Error) => void }
  >();

  constructor(
    private readonly logger: Logger,
    /** Worker entry; defaults to the bundled evaluate-worker.js, or the .ts beside this file. */
    private readonly workerUrl: URL | string = defaultWorkerUrl(),
  ) {}

  evaluate(input: EvaluateInput, timeZone: string): Promise<Evaluated> {
    const w = this.start();
    const id = this.nextId++;
    return new Promise<Evaluated>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      w.postMessage({ id, input, timeZone } satisfies EvalRequest);
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    this.failAll('The plan evaluator was shut down.');
    if (w) await w.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = startWorker(this.workerUrl);
    // The core can exit while the worker is idle.
    w.unref();
    w.on('message', (m: EvalReply) => {
      for (const [level, msg, fields] of m.logs) this.logger[level](msg, fields);
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.result);
      else
        p.reject(
          new AppError(
            isErrorCode(m.error.code) ? m.error.code : 'internal',
            m.error.message,
            m.error.details,
          ),
        );
    });
    const lost = (why: string) => {
      if (this.worker !== w) return;
      this.worker = null;
      this.logger.error('plan evaluator worker stopped', { why });
      this.failAll(`The plan could not be evaluated (${why}). Try again.`);
    };
    w.on('error', (e) => lost(e.message));
    w.on('exit', (code) => lost(`exit ${code}`));
    this.worker = w;
    return w;
  }

  private failAll(message: string): void {
    for (const p of this.pending.values()) p.reject(new AppError('unavailable', message));
    this.pending.clear();
  }
}

/** In a bundled build the worker is its own entry file next to the core's chunks. */
function defaultWorkerUrl(): URL {
  if (!import.meta.url.endsWith('.ts')) {
    for (const rel of ['./evaluate-worker.js', '../evaluate-worker.js']) {
      const url = new URL(rel, import.meta.url);
      if (existsSync(fileURLToPath(url))) return url;
    }
  }
  return new URL('./evaluate-worker.ts', import.meta.url);
}
