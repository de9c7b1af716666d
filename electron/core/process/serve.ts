import type { ResponseMessage } from '@shared/contract';
import type { Core } from '../core';
import { decodeMessage } from './frames';

/** One structured request from a port or IPC channel, answered by the router. */
export async function answerMessage(core: Core, message: unknown): Promise<ResponseMessage> {
  const decoded = decodeMessage(message);
  if ('refusal' in decoded) return decoded.refusal;
  return core.router.dispatch(decoded.request, core.localContext);
}
