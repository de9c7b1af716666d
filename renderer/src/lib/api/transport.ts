import type { ServerMessage, UndeliveredDetails } from '@shared/contract';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';
/** Why the link went down: core stopped and is being restarted, or the connection dropped. */
export type DropReason = UndeliveredDetails['reason'];

/** How requests reach core: Electron's MessagePort (through preload) or the host's WebSocket. */
export interface Transport {
  /** `requestId`: the mutation's client request id (kept the same when the call is retried). */
  invoke(name: string, input: unknown, requestId?: string): Promise<ServerMessage>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  onState(listener: (state: ConnectionState, reason?: DropReason) => void): () => void;
}

/** What the preload exposes as `window.loadstar`. */
export interface PreloadBridge {
  invoke(name: string, input: unknown, requestId?: string): Promise<ServerMessage>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  /** `false` when the port closed: in Electron that always means core stopped. */
  onConnection(listener: (connected: boolean) => void): () => void;
}

declare global {
  interface Window {
    loadstar?: PreloadBridge;
  }
}

export function electronTransport(bridge: PreloadBridge): Transport {
  return {
    invoke: (name, input, requestId) => bridge.invoke(name, input, requestId),
    on: (event, listener) => bridge.on(event, listener),
    onState: (listener) => {
      listener('connecting');
      return bridge.onConnection((connected) =>
        connected ? listener('connected') : listener('reconnecting', 'core_restarted'),
      );
    },
  };
}
