/**
 * Runs a solve in a worker thread so no UI path ever waits on the CPU-heavy search.
 * Cancelling returns the best plan found so far; if the worker does not answer soon after,
 * it is terminated and the promise rejects.
 */
import { Worker } from 'node:worker_threads';
import { AppError, isErrorCode } from '@shared/contract/errors';
import type { SolveRequest, SolveResult } from './solve';
import type { Progress } from './solver/index';
import type { WorkerMessage, WorkerRequest } from './solve-worker';

export interface WorkerHooks {
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
  /** Include the best plan in each progress report. */
  progressSolutions?: boolean;
  /**
   * Worker entry file. Defaults to solve-worker.ts next to this file (run through tsx); a bundled
   * build points this at its compiled solve-worker.js.
   */
  workerUrl?: URL | string;
}

const DEFAULT_WORKER = new URL('./solve-worker.ts', import.meta.url);
const CANCEL_GRACE_MS = 5_000;

/**
 * TypeScript entries (tests, tsx scripts) start through this bootstrap: on Node 20 a worker given
 * `execArgv: ['--import', 'tsx']` still refuses a .ts entry, so tsx is registered first, in-thread.
 */
const TS_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import('tsx/esm/api')
  .then(({ register }) => { register(); return import(workerData.entry); })
  .catch((e) => setImmediate(() => { throw e; }));
`;

/** Starts a worker thread from a bundled .js entry, or a .ts one through tsx (tests, scripts). */
export function startWorker(url: URL | string): Worker {
  const href = String(url);
  if (!href.endsWith('.ts')) return new Worker(url);
  return new Worker(TS_BOOTSTRAP, { eval: true, workerData: { entry: href } });
}

export function solveInWorker(
  problem: unknown,
  opts: SolveRequest = {},
  hooks: WorkerHooks = {},
): Promise<SolveResult> {
  if (hooks.signal?.aborted)
    return Promise.reject(
      new AppError('invalid_input', 'Route optimisation was cancelled before it started.'),
    );
  const worker = startWorker(hooks.workerUrl ?? DEFAULT_WORKER);
  const cancel = new SharedArrayBuffer(4);
  const flag = new Int32Array(cancel);
  return new Promise<SolveResult>((resolve, reject) => {
    let done = false;
    let grace: NodeJS.Timeout | undefined;
    const finish = (f: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(grace);
      hooks.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      f();
    };
    const onAbort = () => {
      Atomics.store(flag, 0, 1);
      grace = setTimeout(
        () =>
          finish(() =>
            reject(
              new AppError('unavailable', 'The route solver did not stop when cancelled; it was shut down.'),
            ),
          ),
        CANCEL_GRACE_MS,
      );
    };
    hooks.signal?.addEventListener('abort', onAbort);
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') hooks.onProgress?.(m.progress as Progress);
      else if (m.type === 'result') finish(() => resolve(m.result as SolveResult));
      else
        finish(() =>
          reject(
            new AppError(
              isErrorCode(m.error.code) ? m.error.code : 'internal',
              m.error.message,
              m.error.details,
            ),
          ),
        );
    });
    worker.on('error', (e) =>
      finish(() => reject(new AppError('internal', `The route solver crashed: ${e.message}`))),
    );
    worker.on('exit', (code) =>
      finish(() => reject(new AppError('internal', `The route solver stopped unexpectedly (exit ${code}).`))),
    );
    const req: WorkerRequest = { problem, opts, cancel, progressSolutions: hooks.progressSolutions };
    worker.postMessage(req);
  });
}
