import type { ErrorBody } from './errors';

/** One message protocol for every transport (MessagePort in Electron, WebSocket in the host). */
export interface RequestMessage {
  id: number;
  name: string;
  input: unknown;
}

export type ResponseMessage =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; error: ErrorBody };

export interface EventMessage {
  event: string;
  payload: unknown;
}

export type ServerMessage = ResponseMessage | EventMessage;
