/**
 * worker_threads entry for plan evaluation (`evaluator.ts` starts it): keeps the day's compiled
 * problem, travel matrices and per-route results between edits, so dragging a stop re-schedules
 * and re-checks only the routes it touched, away from the core's main thread. Requests are
 * answered one at a time, in order; log lines go back with the answer.
 */
import { parentPort } from 'node:worker_threads';
import { AppError } from '@shared/contract/errors';
import type { Logger } from '../../log';
import { evaluatePlan, EvalSession, type EvaluateInput, type Evaluated } from './evaluate';
import { MatrixCache } from './matrix-cache';

export interface EvalRequest {
  id: number;
  input: EvaluateInput;
  timeZone: string;
}

export type LogLine = ['debug' | 'info' | 'warn' | 'error', string, Record<string, unknown> | undefined];

export type EvalReply =
  | { id: number; ok: true; result: Evaluated; logs: LogLine[] }
  | { id: number; ok: false; error: { code: string; message: string; details?: unknown }; logs: LogLine[] };

const port = parentPort;
if (port) {
  const session = new EvalSession();
  const matrices = new MatrixCache();
  let queue = Promise.resolve();
  port.on('message', (req: EvalRequest) => {
    queue = queue.then(async () => {
      const logs: LogLine[] = [];
      const logger: Logger = {
        debug: (m, f) => logs.push(['debug', m, f]),
        info: (m, f) => logs.push(['info', m, f]),
        warn: (m, f) => logs.push(['warn', m, f]),
        error: (m, f) => logs.push(['error', m, f]),
      };
      let reply: EvalReply;
      try {
        const result = await evaluatePlan(req.input, { timeZone: req.timeZone, matrices, logger, session });
        reply = { id: req.id, ok: true, result, logs };
      } catch (e) {
        // A half-built session must not serve the next edit.
        session.day = null;
        session.routes.clear();
        const error =
          e instanceof AppError
            ? e.toBody()
            : { code: 'internal', message: `Plan evaluation failed: ${(e as Error)?.message ?? String(e)}` };
        reply = { id: req.id, ok: false, error, logs };
      }
      port.postMessage(reply);
    });
  });
}
