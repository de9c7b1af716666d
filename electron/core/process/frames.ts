/**
 * The edge of every transport: turns what arrived (a WebSocket text frame, a MessagePort object,
 * an IPC message) into a request for the router, or into the answer that refuses it. Nothing
 * that arrives can throw past here; a frame over `MAX_FRAME_BYTES` never reaches the router.
 */
import { AppError, MAX_FRAME_BYTES, type ResponseMessage, type UndeliveredDetails } from '@shared/contract';

export type Decoded = { request: unknown; id: number } | { refusal: ResponseMessage };

/** The request's numeric id if it has a usable one, else 0 (the answer then carries id 0). */
export function requestIdOf(raw: unknown): number {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'number' && Number.isSafeInteger(id) ? id : 0;
}

function refuse(id: number, error: AppError): { refusal: ResponseMessage } {
  return { refusal: { id, ok: false, error: error.toBody() } };
}

const tooLarge = (bytes: number) =>
  new AppError(
    'invalid_input',
    `This request is ${Math.ceil(bytes / 1024)} KB; at most ${MAX_FRAME_BYTES / 1024} KB fit in one message. Files go through the upload commands.`,
    { reason: 'too_large', bytes, limit: MAX_FRAME_BYTES },
  );

/** A text or binary frame from a socket: JSON of one request. */
export function decodeFrame(data: Buffer | string): Decoded {
  const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  if (bytes > MAX_FRAME_BYTES) return refuse(0, tooLarge(bytes));
  let request: unknown;
  try {
    request = JSON.parse(typeof data === 'string' ? data : data.toString('utf8'));
  } catch {
    return refuse(
      0,
      new AppError('invalid_input', 'A request must be one JSON object: this message is not JSON.'),
    );
  }
  return { request, id: requestIdOf(request) };
}

/**
 * An already-structured request (MessagePort, IPC): measured as the JSON it would be on a socket,
 * so every transport has the same limit. Cycles and values JSON cannot carry are refused.
 */
export function decodeMessage(message: unknown): Decoded {
  const id = requestIdOf(message);
  let text: string | undefined;
  try {
    text = JSON.stringify(message);
  } catch {
    text = undefined;
  }
  if (text === undefined)
    return refuse(
      id,
      new AppError('invalid_input', 'A request must be plain JSON data (no cycles, no functions).'),
    );
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_FRAME_BYTES) return refuse(id, tooLarge(bytes));
  // Re-read from the text: what reaches the router is exactly what a socket would have carried.
  return { request: JSON.parse(text) as unknown, id };
}

/** The answer a transport gives for a request core did not answer itself. */
export function undelivered(id: number, details: UndeliveredDetails): ResponseMessage {
  const message =
    details.outcome === 'unknown'
      ? 'Loadstar restarted before it answered. The change may or may not have been saved: it is checked again automatically.'
      : 'Loadstar is starting up; nothing was changed. Try again in a moment.';
  return { id, ok: false, error: { code: 'unavailable', message, details } };
}
