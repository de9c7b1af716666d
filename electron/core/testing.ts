import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { commands, isCommandName, type StoredFile } from '@shared/contract';
import { uploadFile } from '@shared/files/upload';
import { startCore, type Core, type CoreOptions } from './core';
import { createLogger } from './log';

/** A fresh data folder per test, removed afterwards. */
export function useTempDirs(): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'loadstar-test-'));
    dirs.push(dir);
    return dir;
  };
}

/** A real core on a real SQLite file in a temp folder; closed after the test. */
export function useTestCore(): (options?: Partial<CoreOptions>) => Promise<Core> {
  const tempDir = useTempDirs();
  const cores: Core[] = [];
  afterEach(async () => {
    const mismatches = cores.flatMap((c) => c.router.answerMismatches);
    for (const c of cores.splice(0)) await c.close();
    // A retry after a crash replays what the write returned: for a marked command that must be
    // exactly its answer.
    if (mismatches.length)
      throw new Error(
        `answeredByWrite commands that answered something else: ${[...new Set(mismatches)].join(', ')}`,
      );
  });
  return async (options = {}) => {
    const dir = tempDir();
    const core = await startCore({
      dataDir: dir,
      demo: false,
      logger: createLogger(join(dir, 'logs')),
      ...options,
    });
    cores.push(core);
    return core;
  };
}

/** A request id for a mutating command, as the renderer's client makes one per call. */
export function requestIdFor(name: string): { requestId?: string } {
  return isCommandName(name) && commands[name].mutates ? { requestId: randomUUID() } : {};
}

/** Calls a command as the local operator and returns the response message. */
export function caller(core: Core) {
  let id = 1;
  return (name: string, input: unknown) =>
    core.router.dispatch({ id: id++, name, input, ...requestIdFor(name) }, core.localContext);
}

/** Puts bytes into the attachment store through its commands, as a client does. */
export function upload(core: Core, name: string, bytes: string | Uint8Array): Promise<StoredFile> {
  const must = ok(core);
  return uploadFile(
    (command, input) => must(command, input),
    name,
    typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes,
  );
}

/** Calls a command that must succeed and returns its value. */
export function ok(core: Core) {
  const call = caller(core);
  return async <T = any>(name: string, input: unknown): Promise<T> => {
    const r = await call(name, input);
    if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
}

/** Reads until the value passes `test` (polling every 50 ms), or fails with the last value seen. */
export async function until<T>(read: () => Promise<T>, test: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (test(v)) return v;
    if (Date.now() > deadline) throw new Error(`condition not met; last value ${JSON.stringify(v).slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
