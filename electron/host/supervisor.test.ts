import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BookingLedger,
  checkStore,
  createBookableDoor,
  storeProblems,
} from '../../e2e/support/booking-ledger';
import { startHostProcess } from '../../e2e/support/host-process';
import { WsClient } from '../../e2e/support/ws-client';
import { createLogger } from '../core/log';
import { useTempDirs } from '../core/testing';
import { superviseCore } from './supervisor';

const tempDir = useTempDirs();

describe('supervised core', () => {
  it('restarts a core SIGKILLed under load; the host stays up and nothing acknowledged is lost', async () => {
    const dataDir = tempDir();
    const host = await startHostProcess({ dataDir, demo: false, fromSource: true });
    let ledger!: BookingLedger;
    try {
      const client = await WsClient.connect(host.url);
      ledger = new BookingLedger(await createBookableDoor(client));
      const closed = new Promise<number>((resolve) => client.socket.once('close', (code) => resolve(code)));
      const firstCore = host.corePid()!;
      let killed = false;
      const load = ledger.burst(client, 4, () => killed);
      await expect.poll(() => ledger.acknowledged.size, { timeout: 30_000 }).toBeGreaterThanOrEqual(60);
      process.kill(firstCore, 'SIGKILL');
      killed = true;
      await load;
      // The screens are told why the link dropped: core restarted (4503), not a network fault.
      expect(await closed).toBe(4503);
      await expect
        .poll(() => host.output(), { timeout: 30_000 })
        .toMatch(/Loadstar core restarted \(pid \d+\)/);
      expect(host.output()).toMatch(/core stopped unexpectedly \(signal SIGKILL\); restarting it/);
      expect(host.child.exitCode).toBeNull();
      expect(host.corePid()).not.toBe(firstCore);

      // The client comes back and sends what was never answered, with the same request ids.
      const again = await WsClient.connect(host.url);
      await ledger.retryAll(again);
      expect(ledger.unacknowledged.size).toBe(0);
      expect(ledger.refused).toEqual([]);
      again.close();
    } finally {
      await host.stop();
    }
    const check = await checkStore(dataDir, ledger);
    expect(storeProblems(check)).toEqual({});
    expect(check.appointments).toBe(ledger.acknowledged.size + ledger.appliedWithoutAnswer.size);
  }, 90_000);

  it('kills and replaces a core that stops answering; waiting requests are served by the next one', async () => {
    const dataDir = tempDir();
    const said: string[] = [];
    const core = superviseCore({
      args: ['--data-dir', dataDir, '--no-demo'],
      logger: createLogger(join(dataDir, 'logs'), { fileName: 'host.log' }),
      say: (line) => said.push(line),
      hangMs: 1500,
      pingEveryMs: 100,
    });
    try {
      await core.ready;
      const hung = core.pid()!;
      process.kill(hung, 'SIGSTOP');
      const during = core.call({ id: 7, name: 'app.info', input: {} });
      // The stuck core had the request: it is answered "outcome unknown", never left hanging.
      expect(await during).toMatchObject({
        id: 7,
        ok: false,
        error: { code: 'unavailable', details: { outcome: 'unknown' } },
      });
      expect(said.join('\n')).toMatch(/stopped answering for 2 s; restarting it/);
      // A request made while the next core starts waits for it.
      expect(await core.call({ id: 8, name: 'app.info', input: {} })).toMatchObject({ id: 8, ok: true });
      expect(core.pid()).not.toBe(hung);
      expect(core.restarts()).toBe(1);
    } finally {
      await core.stop();
    }
  }, 60_000);
});
