/**
 * Test harness: a real core on a real SQLite file plus a Zebra simulator on a real TCP port,
 * torn down in the safe order (core, then simulator, then the folder), so a printer connection
 * closing at shutdown never writes into a folder already removed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { startCore, type Core, type CoreOptions } from '../../core';
import { createLogger } from '../../log';
import { ZebraSim } from '../sim/zebra-sim';

export interface CoreWithSim {
  /** A fresh data folder with its own simulator (the core is not started yet). */
  dataDir: string;
  sim: ZebraSim;
  /** Starts a core on `dataDir`; call again after `core.close()` to simulate a restart. */
  open(options?: Partial<CoreOptions>): Promise<Core>;
}

export function useCoreWithSim(): () => Promise<CoreWithSim> {
  const envs: Array<{ dir: string; sim: ZebraSim; cores: Core[] }> = [];
  afterEach(async () => {
    for (const env of envs.splice(0)) {
      for (const core of env.cores) await core.close();
      await env.sim.stop();
      rmSync(env.dir, { recursive: true, force: true });
    }
  });
  return async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'loadstar-devices-'));
    const sim = new ZebraSim({ jobDir: path.join(dir, 'printer-jobs') });
    const env = { dir, sim, cores: [] as Core[] };
    envs.push(env);
    await sim.start();
    return {
      dataDir: path.join(dir, 'data'),
      sim,
      open: async (options = {}) => {
        const dataDir = path.join(dir, 'data');
        const core = await startCore({
          dataDir,
          demo: false,
          logger: createLogger(path.join(dataDir, 'logs')),
          ...options,
        });
        // Closing twice (a test restarting the core, then the teardown) closes once.
        let closing: Promise<void> | null = null;
        const once: Core = { ...core, close: () => (closing ??= core.close()) };
        env.cores.push(once);
        return once;
      },
    };
  };
}
