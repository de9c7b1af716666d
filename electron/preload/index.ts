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
  port.start();
  for (const message of queued.splice(0)) port.postMessage(JSON.parse(message));
  connectionListeners.forEach((l) => l(true));
});

contextBridge.exposeInMainWorld('loadstar', {
  invoke(name: unknown, input: unknown): Promise<ServerMessage> {
    if (!isCommandName(name)) return Promise.reject(new Error(`"${String(name)}" is not a Loadstar command`));
    const id = nextId++;
    const request = { id, name, input: input ?? {} };
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
