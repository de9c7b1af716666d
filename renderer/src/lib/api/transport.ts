import type { ServerMessage } from '@shared/contract';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

/** How requests reach core: Electron's MessagePort (through preload) or the host's WebSocket. */
export interface Transport {
  invoke(name: string, input: unknown): Promise<ServerMessage>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  onState(listener: (state: ConnectionState) => void): () => void;
}

/** What the preload exposes as `window.loadstar`. */
export interface PreloadBridge {
  invoke(name: string, input: unknown): Promise<ServerMessage>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  onConnection(listener: (connected: boolean) => void): () => void;
}

declare global {
  interface Window {
    loadstar?: PreloadBridge;
  }
}

export function electronTransport(bridge: PreloadBridge): Transport {
  return {
    invoke: (name, input) => bridge.invoke(name, input),
    on: (event, listener) => bridge.on(event, listener),
    onState: (listener) => {
      listener('connecting');
      return bridge.onConnection((connected) => listener(connected ? 'connected' : 'reconnecting'));
    },
  };
}
