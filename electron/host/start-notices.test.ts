import { describe, expect, it } from 'vitest';
import { startHostProcess } from '../../e2e/support/host-process';
import { WsClient } from '../../e2e/support/ws-client';
import { useTempDirs } from '../core/testing';

const tempDir = useTempDirs();

describe('start output', () => {
  it('says in one line that the simulated scanner needs socat, and starts regardless', async () => {
    const host = await startHostProcess({
      dataDir: tempDir(),
      fromSource: true,
      env: { LOADSTAR_SOCAT: '/nonexistent/socat' },
    });
    try {
      const notes = host
        .output()
        .split('\n')
        .filter((l) => l.startsWith('Note: '));
      expect(notes).toEqual([
        expect.stringMatching(/simulated scanner needs socat \(apt-get install socat\)/),
      ]);
      // The app is up: the Devices page gets the same reason from core.
      const client = await WsClient.connect(host.url);
      const overview = await client.call('devices.overview', {});
      client.close();
      expect(overview).toMatchObject({
        ok: true,
        value: { simulated: { scannerProblem: expect.stringMatching(/socat/) } },
      });
    } finally {
      await host.stop();
    }
    // Starts a whole host from source (tsx): slow on a loaded machine, like the other host tests.
  }, 60_000);
});
