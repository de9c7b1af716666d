import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { commands, isCommandName, type ResponseMessage, type ServerMessage } from '@shared/contract';

/** A minimal client of the host's protocol, for tests that talk to core without a browser. */
export class WsClient {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (m: ResponseMessage) => void; reject: (e: Error) => void }
  >();

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const m = JSON.parse(String(data)) as ServerMessage;
      if (!('event' in m)) {
        this.pending.get(m.id)?.resolve(m);
        this.pending.delete(m.id);
      }
    });
    socket.on('close', () => {
      for (const p of this.pending.values()) p.reject(new Error('socket closed'));
      this.pending.clear();
    });
  }

  static async connect(baseUrl: string, headers: Record<string, string> = {}): Promise<WsClient> {
    const res = await fetch(new URL('/api/session', baseUrl));
    const { token } = (await res.json()) as { token: string };
    const url = new URL(`/api/ws?token=${token}`, baseUrl);
    url.protocol = 'ws:';
    const socket = new WebSocket(url, { headers });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new WsClient(socket);
  }

  /** Sends one request; a mutation gets a fresh request id unless the caller repeats one. */
  call(name: string, input: unknown, requestId?: string): Promise<ResponseMessage> {
    const id = this.nextId++;
    if (this.socket.readyState !== WebSocket.OPEN) return Promise.reject(new Error('socket is not open'));
    const mutates = isCommandName(name) && commands[name].mutates;
    const message = {
      id,
      name,
      input,
      ...(mutates || requestId ? { requestId: requestId ?? randomUUID() } : {}),
    };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.socket.send(JSON.stringify(message), (err) => err && reject(err));
    });
  }

  close(): void {
    this.socket.close();
  }
}
