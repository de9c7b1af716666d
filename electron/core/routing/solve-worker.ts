/**
 * worker_threads entry: solves one problem per message and reports progress. Cancellation comes
 * through a shared flag, because the search loop is synchronous and never yields to messages.
 */
import { parentPort } from 'node:worker_threads';
import { AppError } from '@shared/contract/errors';
import { solve, type SolveRequest } from './solve';

export interface WorkerRequest {
  problem: unknown;
  opts: SolveRequest;
  /** Int32Array over a SharedArrayBuffer; [0] = 1 means stop and return the best plan so far. */
  cancel: SharedArrayBuffer;
  progressSolutions?: boolean;
}

export type WorkerMessage =
  | { type: 'progress'; progress: unknown }
  | { type: 'result'; result: unknown }
  | { type: 'error'; error: { code: string; message: string; details?: unknown } };

const port = parentPort;
if (port) {
  port.on('message', (req: WorkerRequest) => {
    const flag = new Int32Array(req.cancel);
    const signal = {
      get aborted() {
        return Atomics.load(flag, 0) === 1;
      },
    } as AbortSignal;
    solve(req.problem, req.opts, {
      signal,
      progressSolutions: req.progressSolutions,
      onProgress: (progress) => port.postMessage({ type: 'progress', progress } satisfies WorkerMessage),
    })
      .then((result) => port.postMessage({ type: 'result', result } satisfies WorkerMessage))
      .catch((e: unknown) => {
        const error =
          e instanceof AppError
            ? e.toBody()
            : { code: 'internal', message: `The route solver failed: ${(e as Error)?.message ?? String(e)}` };
        port.postMessage({ type: 'error', error } satisfies WorkerMessage);
      });
  });
}
