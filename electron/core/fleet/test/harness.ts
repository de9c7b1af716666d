/** A real core with the fleet listener on a free loopback port, and helpers to post like a phone. */
import { ok as okOf, useTestCore } from '../../testing';
import type { Core, CoreOptions } from '../../core';

export function useFleetCore() {
  const start = useTestCore();
  return async (options: Partial<CoreOptions> = {}) => {
    const core = await start({ fleet: { listenerPort: 0, publishMs: 50, tickMs: 60_000 }, ...options });
    const ok = okOf(core);
    const status = await ok('fleet.sourceStatus', {});
    const port = status.listener.port as number;
    const post = async (query: string, init: RequestInit = {}) => {
      const res = await fetch(`http://127.0.0.1:${port}/?${query}`, { method: 'POST', ...init });
      return { status: res.status, text: await res.text() };
    };
    return { core, ok, port, post };
  };
}

/** Waits until `check` passes (the ingestor writes in batches a moment later); the bound only
 * turns a broken test into a failure, so it is generous for a loaded machine. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

export type { Core };
