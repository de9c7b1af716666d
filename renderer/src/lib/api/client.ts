import type {
  CommandInput,
  CommandName,
  CommandOutput,
  ErrorBody,
  ErrorCode,
  EventName,
  EventPayload,
} from '@shared/contract';
import { electronTransport, type ConnectionState, type Transport } from './transport';
import { webSocketTransport } from './ws-transport';

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

/** The typed client: the renderer's only way to core, whatever carries the messages. */
export class ApiClient {
  constructor(private readonly transport: Transport) {}

  async call<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandOutput<N>> {
    const response = await this.transport.invoke(name, input);
    if ('event' in response) throw new Error('unexpected event in place of a response');
    if (!response.ok) throw new ApiError(response.error);
    return response.value as CommandOutput<N>;
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    return this.transport.on(event, listener as (p: unknown) => void);
  }

  onState(listener: (state: ConnectionState) => void): () => void {
    return this.transport.onState(listener);
  }
}

export function createApiClient(): ApiClient {
  return new ApiClient(window.loadstar ? electronTransport(window.loadstar) : webSocketTransport());
}
