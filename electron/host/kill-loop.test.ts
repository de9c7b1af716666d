import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BookingLedger,
  checkStore,
  createBookableDoor,
  storeProblems,
} from '../../e2e/support/booking-ledger';
import { startHostProcess, type HostProcess } from '../../e2e/support/host-process';
import { WsClient } from '../../e2e/support/ws-client';
import { Rng } from '../../scripts/lib/fuzz/rng';
import { useTempDirs } from '../core/testing';

const tempDir = useTempDirs();
const CYCLES = Number(process.env.LOADSTAR_KILL_CYCLES ?? 100);

// The loop restarts core a hundred times: from the build (what operators run) a start takes about
// a third of what compiling the sources on the fly does. Build first, so it tests this code.
beforeAll(() => {
  const build = spawnSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], {
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`);
}, 180_000);

/** A client once the host's core answers again (after a restart the first tries are refused). */
async function connectWhenReady(host: HostProcess): Promise<WsClient> {
  for (;;) {
    const client = await WsClient.connect(host.url).catch(() => null);
    const info = await client?.call('app.info', {}).catch(() => null);
    if (client && info?.ok) return client;
    client?.close();
    await new Promise((r) => setImmediate(r));
  }
}

async function coreReplaced(host: HostProcess, killed: number): Promise<void> {
  await expect
    .poll(() => host.corePid() !== null && host.corePid() !== killed, { timeout: 30_000, interval: 20 })
    .toBe(true);
}

describe('kill -9 loop', () => {
  it(`${CYCLES} cycles of a booking burst, SIGKILL at a random moment, restart and retry: nothing lost or doubled`, async () => {
    const dataDir = tempDir();
    const rng = new Rng(9);
    let host = await startHostProcess({ dataDir, demo: false });
    let ledger!: BookingLedger;
    try {
      const first = await connectWhenReady(host);
      ledger = new BookingLedger(await createBookableDoor(first));
      first.close();

      for (let cycle = 0; cycle < CYCLES; cycle++) {
        const client = await connectWhenReady(host);
        // Whatever the last kill left unanswered goes again, with the same request ids.
        await ledger.retryAll(client);
        const before = ledger.acknowledged.size;
        const killAfter = rng.int(0, 12);
        let stopped = false;
        let burstDone = false;
        const burst = ledger.burst(client, 4, () => stopped, 24).finally(() => (burstDone = true));
        // The moment is chosen by progress (0–12 more answers), not by the clock.
        while (!burstDone && ledger.acknowledged.size - before < killAfter)
          await new Promise((r) => setTimeout(r, 1));
        const core = host.corePid()!;
        const wholeHost = cycle % 10 === 9;
        process.kill(core, 'SIGKILL');
        if (wholeHost) await host.stop('SIGKILL');
        stopped = true;
        await burst;
        client.close();
        if (wholeHost) host = await startHostProcess({ dataDir, demo: false, port: host.port });
        else await coreReplaced(host, core);
      }
      const last = await connectWhenReady(host);
      await ledger.retryAll(last);
      last.close();
      expect(ledger.unacknowledged.size).toBe(0);
      expect(ledger.refused).toEqual([]);
      expect(host.output()).not.toMatch(/could not start/);
    } finally {
      await host.stop();
    }
    const check = await checkStore(dataDir, ledger);
    console.log(
      `kill -9 loop: ${CYCLES} cycles, ${check.appointments} bookings stored, ${ledger.acknowledged.size} answered, ` +
        `${ledger.appliedWithoutAnswer.size} applied before a kill and answered "already applied" on retry`,
    );
    expect(storeProblems(check)).toEqual({});
    // A booking's answer is stored in its own transaction: every retry got the first answer.
    expect(ledger.appliedWithoutAnswer.size).toBe(0);
    expect(check.appointments).toBe(ledger.acknowledged.size);
  }, 900_000);
});
