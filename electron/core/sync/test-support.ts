/** Workstation cores joined to a real sync server, for sync tests (and the partition test's checks). */
import type { SyncStatus } from '@shared/contract';
import type { Core } from '../core';
import { requestIdFor } from '../testing';

/** Calls a command as the workstation's current user; throws on a refusal. */
export async function call<T = any>(core: Core, name: string, input: unknown = {}): Promise<T> {
  const r = await core.router.dispatch({ id: 1, name, input, ...requestIdFor(name) }, core.localContext);
  if (!r.ok) throw Object.assign(new Error(`${name}: ${r.error.code} ${r.error.message}`), { body: r.error });
  return r.value as T;
}

/** Resolves once the sync status satisfies `ok`, re-checking on every event the core emits. */
export function waitForStatus(core: Core, ok: (s: SyncStatus) => boolean, limitMs = 30_000): Promise<SyncStatus> {
  return new Promise((resolve, reject) => {
    let done = false;
    const check = () =>
      void call<SyncStatus>(core, 'sync.status').then((s) => {
        if (!done && ok(s)) {
          done = true;
          off();
          clearTimeout(timer);
          resolve(s);
        }
      });
    const off = core.events.subscribe(() => check());
    // A bound so a broken test fails instead of hanging; the condition itself is event-driven.
    const timer = setTimeout(() => {
      done = true;
      off();
      void call<SyncStatus>(core, 'sync.status').then((s) => reject(new Error(`sync status never matched: ${JSON.stringify(s)}`)));
    }, limitMs);
    check();
  });
}

/** Nothing pending and the data at least at server version `cursor` (default: any). */
export async function settled(core: Core, cursor = 0): Promise<SyncStatus> {
  await call(core, 'sync.now');
  return waitForStatus(core, (s) => s.state === 'upToDate' && s.pending === 0 && s.cursor >= cursor);
}

/** Points a core at `serverUrl`, signs in and registers it (its data becomes the tenant's). */
export async function join(
  core: Core,
  serverUrl: string,
  login: { tenant: string; email: string; password: string },
  name = 'Test workstation',
): Promise<SyncStatus> {
  await call(core, 'sync.configure', { serverUrl });
  await call(core, 'sync.signIn', login);
  await call(core, 'sync.register', { name });
  return waitForStatus(core, (s) => s.state === 'upToDate' && s.lastSyncAt !== null);
}
