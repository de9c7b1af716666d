/** Messages between the host's supervisor and the core it runs in a child process (Node IPC). */
import type { EventMessage, ResponseMessage } from '@shared/contract';

export type ToCore =
  { type: 'request'; seq: number; request: unknown } | { type: 'ping'; seq: number } | { type: 'stop' };

export type FromCore =
  | { type: 'ready'; pid: number; notices: string[] }
  | { type: 'failed'; message: string }
  | { type: 'response'; seq: number; response: ResponseMessage }
  | { type: 'event'; message: EventMessage }
  | { type: 'pong'; seq: number };
