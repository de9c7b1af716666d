import {
  CLOSE_CORE_RESTARTED,
  CLOSE_UNAUTHORIZED,
  type ServerMessage,
  type UndeliveredDetails,
} from '@shared/contract';
import type { ConnectionState, DropReason, Transport } from './transport';

const WAIT_FOR_CONNECTION_MS = 15_000;

interface Pending {
  resolve: (m: ServerMessage) => void;
  timer?: ReturnType<typeof setTimeout>;
}

function undelivered(id: number, message: string, details: UndeliveredDetails): ServerMessage {
  return { id, ok: false, error: { code: 'unavailable', message, details } };
}

/**
 * The host's WebSocket, kept open: it fetches a session token, connects, and after any drop
 * (host or core restarted, laptop asleep) reconnects with back-off, fetching a fresh token when
 * the old one is refused. Requests made while disconnected wait a little for the connection to
 * return. A request on the wire when the link drops is answered "outcome unknown": the client
 * (`client.ts`) retries it with its request id once connected again, so it is applied once.
 */
export function webSocketTransport(base: URL = new URL(window.location.href)): Transport {
  let socket: WebSocket | null = null;
  let state: ConnectionState = 'connecting';
  let reason: DropReason | undefined;
  let nextId = 1;
  let attempt = 0;
  const inFlight = new Map<number, Pending>();
  const waiting: Array<{ id: number; text: string }> = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const stateListeners = new Set<(s: ConnectionState, r?: DropReason) => void>();

  const setState = (s: ConnectionState, r?: DropReason) => {
    state = s;
    reason = r;
    stateListeners.forEach((l) => l(s, r));
  };

  async function connect(): Promise<void> {
    let token: string;
    try {
      const res = await fetch(new URL('/api/session', base), { cache: 'no-store' });
      if (!res.ok) throw new Error(`session ${res.status}`);
      token = ((await res.json()) as { token: string }).token;
    } catch {
      return retry(reason ?? 'connection_lost');
    }
    const url = new URL(`/api/ws?token=${encodeURIComponent(token)}`, base);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      setState('connected', reason);
      for (const { id, text } of waiting.splice(0)) {
        clearTimeout(inFlight.get(id)?.timer);
        ws.send(text);
      }
    };
    ws.onmessage = (e) => {
      let message: ServerMessage;
      try {
        message = JSON.parse(String(e.data)) as ServerMessage;
      } catch {
        return;
      }
      if ('event' in message) listeners.get(message.event)?.forEach((l) => l(message.payload));
      else {
        inFlight.get(message.id)?.resolve(message);
        inFlight.delete(message.id);
      }
    };
    ws.onclose = (e) => {
      if (socket !== ws) return;
      socket = null;
      const why: DropReason = e.code === CLOSE_CORE_RESTARTED ? 'core_restarted' : 'connection_lost';
      // Requests on the wire when the link dropped have an unknown outcome: say so, never guess.
      for (const [id, p] of inFlight) {
        if (waiting.some((w) => w.id === id)) continue;
        p.resolve(
          undelivered(
            id,
            'The connection to Loadstar was lost before it answered. The change may or may not have been saved.',
            { outcome: 'unknown', reason: why },
          ),
        );
        inFlight.delete(id);
      }
      if (e.code === CLOSE_UNAUTHORIZED || e.code === CLOSE_CORE_RESTARTED) attempt = 0;
      retry(why);
    };
  }

  function retry(why: DropReason): void {
    setState('reconnecting', why);
    const delay = Math.min(5_000, 250 * 2 ** attempt++);
    setTimeout(() => void connect(), delay);
  }

  void connect();

  return {
    invoke(name, input, requestId) {
      const id = nextId++;
      const text = JSON.stringify({ id, name, input: input ?? {}, ...(requestId ? { requestId } : {}) });
      return new Promise<ServerMessage>((resolve) => {
        const pending: Pending = { resolve };
        inFlight.set(id, pending);
        if (socket && socket.readyState === WebSocket.OPEN) {
          socket.send(text);
          return;
        }
        waiting.push({ id, text });
        pending.timer = setTimeout(() => {
          const i = waiting.findIndex((w) => w.id === id);
          if (i >= 0) waiting.splice(i, 1);
          inFlight.delete(id);
          resolve(
            undelivered(
              id,
              'Loadstar is not reachable right now. Nothing was changed; try again in a moment.',
              {
                outcome: 'not_applied',
                reason: reason ?? 'connection_lost',
              },
            ),
          );
        }, WAIT_FOR_CONNECTION_MS);
      });
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
    onState(listener) {
      stateListeners.add(listener);
      listener(state, reason);
      return () => stateListeners.delete(listener);
    },
  };
}
