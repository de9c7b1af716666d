import { countFrames } from './status-parse';
import type { Transport } from '../transport/transport';

/**
 * Sends one query and reads until `frames` ETX-terminated frames arrived or `timeoutMs` passed.
 * Resolves with the reply text, or null on timeout / link closed without a full reply (the
 * printer may be in an error state where newer firmware stays silent). Closes the link unless
 * `keepOpen` (status check and job on one connection).
 */
export async function queryFrames(
  transport: Transport,
  command: string,
  frames: number,
  timeoutMs: number,
  options: { keepOpen?: boolean } = {},
): Promise<string | null> {
  let reply = '';
  let done: (value: string | null) => void = () => undefined;
  const result = new Promise<string | null>((resolve) => {
    done = resolve;
  });
  const timer = setTimeout(() => done(null), timeoutMs);
  const offData = transport.onData((chunk) => {
    reply += chunk.toString('latin1');
    if (countFrames(reply) >= frames) done(reply);
  });
  const offClose = transport.onClose(() => done(countFrames(reply) >= frames ? reply : null));
  try {
    await transport.write(command);
    return await result;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
    offData();
    offClose();
    // A query leaves nothing worth waiting for: end politely, never block on it.
    if (!options.keepOpen) transport.close().catch(() => undefined);
  }
}
