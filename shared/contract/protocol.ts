import type { ErrorBody } from './errors';

/** One message protocol for every transport (MessagePort in Electron, WebSocket in the host). */
export interface RequestMessage {
  id: number;
  name: string;
  input: unknown;
  /**
   * A UUID the client makes for one call of a mutating command and sends again, unchanged, when
   * it retries that call: core applies a request id once and answers a retry with the first
   * answer. Required on every command whose contract entry `mutates`.
   */
  requestId?: string;
}

export type ResponseMessage =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; error: ErrorBody };

export interface EventMessage {
  event: string;
  payload: unknown;
}

export type ServerMessage = ResponseMessage | EventMessage;

/**
 * The largest request frame any transport accepts (UTF-8 bytes of its JSON). Every command's
 * input fits (a contract test checks each schema's worst case); files travel in chunks
 * (`files.uploadChunk`). A bigger WebSocket frame closes that socket with 1009; a bigger request
 * on another transport is answered `invalid_input` with `details.reason = 'too_large'`.
 */
export const MAX_FRAME_BYTES = 1024 * 1024;

/**
 * What a client knows about a request core did not answer: `unknown` (it was delivered and core
 * stopped, or the link dropped, before the answer: it may have been applied; retry it with the
 * same request id) or `not_applied` (it never reached core: safe to send again). Carried in
 * `error.details` of an `unavailable` answer that the transport, not core, made.
 */
export type RequestOutcome = 'unknown' | 'not_applied';
export interface UndeliveredDetails {
  outcome: RequestOutcome;
  /** Why: core stopped and is being restarted, or the connection to it dropped. */
  reason: 'core_restarted' | 'connection_lost' | 'core_starting';
}

/** Close codes of the host's WebSocket that a client acts on. */
export const CLOSE_UNAUTHORIZED = 4401;
/** Core stopped unexpectedly and is being restarted: reconnect, then retry what was in flight. */
export const CLOSE_CORE_RESTARTED = 4503;
/** WebSocket's own "message too big" (RFC 6455). */
export const CLOSE_TOO_BIG = 1009;
