/**
 * Idempotent mutations. A mutating command arrives with a client request id; the router runs its
 * handler inside a request scope (AsyncLocalStorage), and `Database.write` records the id in the
 * SAME transaction as the handler's first write. So after any crash either both the change and the
 * id are stored, or neither: a retry of the id is answered from the log and never applied twice.
 * A command whose handler answers what its transaction returned (`DomainModule.answeredByWrite`)
 * has that answer stored in the same transaction. Any other answer is stored as soon as the
 * handler returns, ahead of every queued write; only if core died in that short gap does a retry
 * learn "already applied" (`conflict`, reason `already_applied`) instead of the first answer.
 *
 * Why AsyncLocalStorage rather than passing the id through every call: a write can sit several
 * services deep under a handler (dock service → repo → db.write), and every one of those paths
 * would need the id threaded through, with a silent hole wherever one forgot it. The scope follows
 * the async call chain by itself; the handler's own code does not change.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Queryable, Readable } from './connection';

export interface RequestScope {
  readonly requestId: string;
  readonly command: string;
  readonly inputHash: string;
  readonly at: number;
  /** Who asked, from where (the audit trail's entry). */
  readonly who: { actor: string; role: string; workstation?: string };
  /** The parsed input (the audit trail keeps it with secrets blanked). */
  readonly input: unknown;
  /** The request's audit entry, once a committed transaction has made it (`audit.ts`). */
  auditEntryId?: number;
  /** A committed write transaction has recorded this request. */
  recorded: boolean;
  /** The outbox has used the request id as a row id (one row per request may). */
  outboxIdUsed: boolean;
  /** The handler has returned: writes by work it left running are no longer this request's. */
  ended: boolean;
  /** The handler answers what its write transaction returns: that is stored with the write. */
  answeredByWrite: boolean;
  /** The answer stored with the last committed write (JSON), if any. */
  provisional?: string | null;
}

const storage = new AsyncLocalStorage<RequestScope>();

export function runInRequestScope<T>(scope: RequestScope, work: () => Promise<T>): Promise<T> {
  return storage.run(scope, work);
}

/** The request whose handler is running in this async context, if any. */
export function currentRequest(): RequestScope | undefined {
  const scope = storage.getStore();
  return scope && !scope.ended ? scope : undefined;
}

/** A first answer bigger than this is not kept: a retry then learns only that it was applied. */
export const MAX_KEPT_ANSWER = 256 * 1024;

/** The answer as stored and replayed (null when it cannot be kept). */
export function answerText(answer: unknown): string | null {
  let text: string | undefined;
  try {
    text = JSON.stringify(answer);
  } catch {
    return null;
  }
  return text !== undefined && text.length <= MAX_KEPT_ANSWER ? text : null;
}

/**
 * Called by `Database.write` inside the transaction, after the work and before COMMIT: the first
 * write records the request; for a command answered by its write, every write stores its result
 * as the answer, so the last one's is what a retry gets even if core dies right after the commit.
 */
export async function recordRequestInTx(tx: Queryable, scope: RequestScope, result: unknown): Promise<void> {
  if (scope.recorded && !scope.answeredByWrite) return;
  const text = scope.answeredByWrite ? answerText({ ok: true, value: result ?? null }) : null;
  await tx.run(
    `INSERT INTO request_log (id, command, input_hash, at, response) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET response = excluded.response`,
    [scope.requestId, scope.command, scope.inputHash, scope.at, text],
  );
  if (scope.answeredByWrite) scope.provisional = text;
}

export interface LoggedRequest {
  command: string;
  inputHash: string;
  /** The first answer as sent (without the message id), or null if core stopped before it. */
  response: string | null;
}

/** How long a request id is remembered: far longer than any client keeps retrying one. */
export const REQUEST_LOG_KEEP_MS = 2 * 24 * 3600_000;

export async function findRequest(db: Readable, requestId: string): Promise<LoggedRequest | undefined> {
  const row = await db.get<{ command: string; input_hash: string; response: string | null }>(
    'SELECT command, input_hash, response FROM request_log WHERE id = ?',
    [requestId],
  );
  return row && { command: row.command, inputHash: row.input_hash, response: row.response };
}

/** Stores the first answer; records the request now if its handler wrote nothing to the store. */
export async function attachResponse(
  tx: Queryable,
  scope: RequestScope,
  response: string | null,
): Promise<void> {
  await tx.run(
    `INSERT INTO request_log (id, command, input_hash, at, response) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET response = excluded.response`,
    [scope.requestId, scope.command, scope.inputHash, scope.at, response],
  );
}

export async function pruneRequests(tx: Queryable, olderThan: number): Promise<number> {
  return (await tx.run('DELETE FROM request_log WHERE at < ?', [olderThan])).changes;
}
