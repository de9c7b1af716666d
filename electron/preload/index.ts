/**
 * The renderer's only door to core: `invoke` and `on`, over the MessagePort main hands over.
 * Names outside the contract are refused here, before anything crosses a process boundary.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { isCommandName, isEventName, type ServerMessage } from '@shared/contract';

type Pending = { resolve: (m: ServerMessage) => void };

let port: MessagePort | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();
const listeners = new Map<string, Set<(payload: unknown) => void>>();
const connectionListeners = new Set<(connected: boolean) => void>();
const queued: string[] = [];

ipcRenderer.on('loadstar:port', (event) => {
  port?.close();
  const next = event.ports[0];
  if (!next) return;
  port = next;
  port.onmessage = ({ data }: MessageEvent<ServerMessage>) => {
    if ('event' in data) listeners.get(data.event)?.forEach((l) => l(data.payload));
    else pending.get(data.id)?.resolve(data);
  };
  // The port closes when core dies; main restarts core and sends a new port. Requests that were
  // on the old port have an unknown outcome and are answered as such; the renderer's client
  // retries them on the new port with their request ids, so core applies each at most once.
  next.addEventListener('close', () => {
    if (port !== next) return;
    port = null;
    for (const [id, p] of pending) {
      if (queued.some((q) => JSON.parse(q).id === id)) continue;
      p.resolve({
        id,
        ok: false,
        error: {
          code: 'unavailable',
          message: 'Loadstar core restarted before it answered. The change may or may not have been saved.',
          details: { outcome: 'unknown', reason: 'core_restarted' },
        },
      });
    }
    connectionListeners.forEach((l) => l(false));
  });
  port.start();
  for (const message of queued.splice(0)) port.postMessage(JSON.parse(message));
  connectionListeners.forEach((l) => l(true));
});

contextBridge.exposeInMainWorld('loadstar', {
  invoke(name: unknown, input: unknown, requestId?: unknown): Promise<ServerMessage> {
    if (!isCommandName(name)) return Promise.reject(new Error(`"${String(name)}" is not a Loadstar command`));
    const id = nextId++;
    const request = { id, name, input: input ?? {}, ...(typeof requestId === 'string' ? { requestId } : {}) };
    return new Promise<ServerMessage>((resolve) => {
      pending.set(id, {
        resolve: (m) => {
          pending.delete(id);
          resolve(m);
        },
      });
      if (port) port.postMessage(request);
      else queued.push(JSON.stringify(request));
    });
  },
  on(event: unknown, listener: (payload: unknown) => void): () => void {
    if (!isEventName(event)) throw new Error(`"${String(event)}" is not a Loadstar event`);
    if (typeof listener !== 'function') throw new Error('listener must be a function');
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  },
  onConnection(listener: (connected: boolean) => void): () => void {
    connectionListeners.add(listener);
    if (port) listener(true);
    return () => connectionListeners.delete(listener);
  },
});
