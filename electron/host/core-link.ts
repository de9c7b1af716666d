/**
 * How the host's transports reach core: the same interface whether core runs supervised in a
 * child process (`supervisor.ts`, what `npm run host` does) or in this process (tests).
 */
import type { EventMessage, ResponseMessage } from '@shared/contract';
import type { Core } from '../core/core';
import type { Logger } from '../core/log';
import { answerMessage } from '../core/process/serve';

export interface CoreLink {
  /** Answers one decoded request; if core dies first, the answer says "outcome unknown". */
  call(request: unknown): Promise<ResponseMessage>;
  subscribe(listener: (message: EventMessage) => void): () => void;
  /** Core stopped unexpectedly: what it had not answered is already answered "outcome unknown". */
  onCoreLost(listener: () => void): () => void;
  logger: Logger;
}

export function linkInProcess(core: Core): CoreLink {
  return {
    call: (request) => answerMessage(core, request),
    subscribe: (listener) => core.events.subscribe(listener),
    onCoreLost: () => () => undefined,
    logger: core.logger,
  };
}
