/**
 * The live map under load: a real host (core + renderer over WebSocket), 5,000 trackers on the
 * allow-list, the fleet simulator posting OsmAnd for all of them once a second over HTTP, and the
 * Fleet page open in Debian's Chromium at city zoom (every vehicle drawn, none clustered). Frames
 * are counted with requestAnimationFrame over 10 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { freePort, startHostProcess } from '../../e2e/support/host-process';
import { WsClient } from '../../e2e/support/ws-client';
import { OsmandFleetSim, simDeviceId } from '../../electron/core/fleet/sim/osmand-fleet';

export async function benchMap(
  vehicles: number,
  log: (line: string) => void,
): Promise<{ fps: number; zoomedOutFps: number; fixesPerSecond: number }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'loadstar-bench-map-'));
  const host = await startHostProcess({ dataDir, demo: false, env: { LOADSTAR_SIMULATED_DEVICES: '0' } });
  const ws = await WsClient.connect(host.url);
  const call = async (name: string, input: unknown) => {
    const r = await ws.call(name, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    return r.value;
  };
  const port = await freePort();
  await call('fleet.updateSettings', { listener: { port } });
  const t = performance.now();
  for (let n = 1; n <= vehicles; n += 50)
    await Promise.all(
      Array.from({ length: Math.min(50, vehicles - n + 1) }, (_, k) =>
        call('fleet.saveTracker', { uid: simDeviceId('sim-', n + k), name: `Vehicle ${n + k}` }),
      ),
    );
  log(`map: ${vehicles} trackers allowed in ${Math.round((performance.now() - t) / 1000)} s`);
  const sim = new OsmandFleetSim({ vehicles, port, seed: 3 });
  sim.start();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.addInitScript(`localStorage.setItem('loadstar.language', 'en')`);
    await page.goto(`${host.url}#/fleet/live`);
    await page.getByTestId('fleet-list').locator('[data-vehicle]').first().waitFor({ timeout: 60_000 });
    const total = async () =>
      page
        .getByTestId('fleet-counts')
        .evaluate((el) =>
          [...el.querySelectorAll('.fleet-count')].reduce(
            (n, c) => n + Number(/\d+$/.exec(c.textContent ?? '')?.[0] ?? 0),
            0,
          ),
        );
    const deadline = Date.now() + 60_000;
    while ((await total()) < vehicles && Date.now() < deadline) await page.waitForTimeout(500);
    log(`map: ${await total()} vehicles on the page`);
    const sentBefore = sim.stats.ok;
    // Runs in the page (a string: this file is compiled without the DOM's types).
    const fps = () =>
      page.evaluate(`new Promise((resolve) => {
        let frames = 0;
        const start = performance.now();
        const tick = () => {
          frames++;
          const elapsed = performance.now() - start;
          if (elapsed < 10000) requestAnimationFrame(tick);
          else resolve(frames / (elapsed / 1000));
        };
        requestAnimationFrame(tick);
      })`) as Promise<number>;
    const cityFps = await fps();
    const fixesPerSecond = (sim.stats.ok - sentBefore) / 10;
    // Zoomed out to the clusters.
    await page.getByRole('button', { name: 'Zoom out' }).click();
    await page.getByRole('button', { name: 'Zoom out' }).click();
    const zoomedOutFps = await fps();
    return {
      fps: Math.round(cityFps * 10) / 10,
      zoomedOutFps: Math.round(zoomedOutFps * 10) / 10,
      fixesPerSecond: Math.round(fixesPerSecond),
    };
  } finally {
    await browser.close();
    await sim.stop();
    ws.close();
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
