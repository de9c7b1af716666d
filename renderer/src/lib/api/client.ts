import {
  commands,
  jsonBytes,
  MAX_INPUT_BYTES,
  type CommandInput,
  type CommandName,
  type CommandOutput,
  type ErrorBody,
  type ErrorCode,
  type EventName,
  type EventPayload,
  type UndeliveredDetails,
} from '@shared/contract';
import { electronTransport, type ConnectionState, type DropReason, type Transport } from './transport';
import { webSocketTransport } from './ws-transport';

/** Sends of one call at most: the first and two retries after the link comes back. */
const MAX_SENDS = 3;
/** How long a retry waits for the link to come back. */
const RECONNECT_WAIT_MS = 30_000;

/** A v4 UUID; `crypto.randomUUID` exists only on secure origins, a LAN station may not be one. */
export function newRequestId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Core did not answer (it restarted, or the link dropped): sending again is safe by design. */
function undelivered(error: ErrorBody): UndeliveredDetails | null {
  const d = error.details as Partial<UndeliveredDetails> | undefined;
  return error.code === 'unavailable' && (d?.outcome === 'unknown' || d?.outcome === 'not_applied')
    ? (d as UndeliveredDetails)
    : null;
}

/** A refused command, with the code and operator message core sent. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(body: ErrorBody) {
    super(body.message);
    this.code = body.code;
    this.details = body.details;
  }
}

/**
 * The typed client: the renderer's only way to core, whatever carries the messages. Each call of
 * a mutating command gets a request id; when core did not answer (it restarted, the link dropped)
 * the call waits for the link and is sent again with the SAME id, so core applies it once and
 * answers the retry with its first answer. The operator sees a refusal only if it stays down.
 */
export class ApiClient {
  private state: ConnectionState = 'connecting';

  constructor(private readonly transport: Transport) {
    transport.onState((s) => (this.state = s));
  }

  async call<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandOutput<N>> {
    if (jsonBytes(input ?? {}) > MAX_INPUT_BYTES)
      throw new ApiError({
        code: 'invalid_input',
        message: `This is too large to send in one go (over ${MAX_INPUT_BYTES >> 10} KB).`,
        details: { reason: 'too_large' },
      });
    const requestId = commands[name]?.mutates ? newRequestId() : undefined;
    for (let send = 1; ; send++) {
      const response = await this.transport.invoke(name, input, requestId);
      if ('event' in response) throw new Error('unexpected event in place of a response');
      if (response.ok) return response.value as CommandOutput<N>;
      if (!undelivered(response.error) || send >= MAX_SENDS || !(await this.connected()))
        throw new ApiError(response.error);
    }
  }

  /** Resolves true once the link is up (at once if it is), false if it stays down too long. */
  private connected(): Promise<boolean> {
    if (this.state === 'connected') return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        off();
        resolve(false);
      }, RECONNECT_WAIT_MS);
      const off = this.transport.onState((s) => {
        if (s !== 'connected') return;
        clearTimeout(timer);
        queueMicrotask(() => off());
        resolve(true);
      });
    });
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    return this.transport.on(event, listener as (p: unknown) => void);
  }

  onState(listener: (state: ConnectionState, reason?: DropReason) => void): () => void {
    return this.transport.onState(listener);
  }
}

export function createApiClient(): ApiClient {
  return new ApiClient(window.loadstar ? electronTransport(window.loadstar) : webSocketTransport());
}
