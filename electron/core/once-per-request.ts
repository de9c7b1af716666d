/**
 * The router's side of idempotent mutations (the store's side is `db/request-log.ts`): a
 * mutation runs at most once per client request id. A retry is answered with the first answer;
 * one that arrives while the first still runs waits for it; an id reused for another command or
 * input is refused. A refusal before anything was written is not remembered (nothing applied).
 */
import { createHash } from 'node:crypto';
import { AppError, type CommandName, type ErrorBody } from '@shared/contract';
import { finishAudit } from './db/audit';
import type { Database } from './db/database';
import {
  answerText,
  attachResponse,
  findRequest,
  runInRequestScope,
  type RequestScope,
} from './db/request-log';
import type { Logger } from './log';

export type Answer = { ok: true; value: unknown } | { ok: false; error: ErrorBody };

export class OncePerRequest {
  private readonly running = new Map<
    string,
    { command: string; inputHash: string; answer: Promise<Answer> }
  >();
  private readonly answeredByWrite = new Set<string>();
  readonly mismatches: string[] = [];

  constructor(
    private readonly db: Database,
    private readonly log: Logger,
    private readonly errorBody: (err: unknown, command: string) => ErrorBody,
  ) {}

  markAnsweredByWrite(names: readonly CommandName[]): void {
    for (const n of names) this.answeredByWrite.add(n);
  }

  run(
    requestId: string,
    command: string,
    input: unknown,
    handler: () => Promise<unknown>,
    who: RequestScope['who'] = { actor: 'system', role: 'admin' },
  ): Promise<Answer> {
    const inputHash = createHash('sha256')
      .update(JSON.stringify(input ?? null))
      .digest('hex');
    const running = this.running.get(requestId);
    if (running) {
      if (running.command !== command || running.inputHash !== inputHash) throw reused(requestId);
      return running.answer;
    }
    // Registered before the first await, so a retry arriving meanwhile finds it.
    const answer = this.lookUpOrRun({ requestId, command, inputHash, who, input }, handler).finally(() =>
      this.running.delete(requestId),
    );
    this.running.set(requestId, { command, inputHash, answer });
    return answer;
  }

  private async lookUpOrRun(
    request: Pick<RequestScope, 'requestId' | 'command' | 'inputHash' | 'who' | 'input'>,
    handler: () => Promise<unknown>,
  ): Promise<Answer> {
    const prior = await findRequest(this.db, request.requestId);
    if (prior) {
      if (prior.command !== request.command || prior.inputHash !== request.inputHash)
        return { ok: false, error: reused(request.requestId).toBody() };
      if (prior.response) return JSON.parse(prior.response) as Answer;
      return {
        ok: false,
        error: new AppError(
          'conflict',
          'This change was already saved, but Loadstar stopped before it could answer. Refresh to see it.',
          { reason: 'already_applied', requestId: request.requestId },
        ).toBody(),
      };
    }
    const scope: RequestScope = {
      ...request,
      at: Date.now(),
      answeredByWrite: this.answeredByWrite.has(request.command),
      recorded: false,
      outboxIdUsed: false,
      ended: false,
    };
    let result: Answer;
    try {
      result = { ok: true, value: (await runInRequestScope(scope, handler)) ?? null };
    } catch (err) {
      result = { ok: false, error: this.errorBody(err, request.command) };
    } finally {
      scope.ended = true;
    }
    if (result.ok || scope.recorded) await this.keepAnswer(scope, result);
    return result;
  }

  /**
   * Stores the answer, ahead of queued writes so the gap after the commit stays short. Nothing
   * to do when the write transaction already stored exactly this answer (`answeredByWrite`).
   */
  private async keepAnswer(scope: RequestScope, result: Answer): Promise<void> {
    const text = answerText(result);
    if (scope.recorded && scope.provisional !== undefined && text === scope.provisional) return;
    if (scope.answeredByWrite && scope.recorded && result.ok) {
      this.mismatches.push(scope.command);
      this.log.error('a mutation marked answered-by-write answered something else', {
        command: scope.command,
      });
    }
    try {
      await this.db.write(
        async (tx) => {
          await attachResponse(tx, scope, text);
          await finishAudit(tx, scope, result.ok ? 'ok' : result.error.code);
        },
        { urgent: true },
      );
    } catch (err) {
      // The change itself is committed (or was a device action); only the replay is lost.
      this.log.warn('could not keep the answer of a request', {
        requestId: scope.requestId,
        error: String(err),
      });
    }
  }
}

function reused(requestId: string): AppError {
  return new AppError(
    'conflict',
    'This request id was already used for a different change; send the change again as a new request.',
    { reason: 'request_id_reused', requestId },
  );
}
