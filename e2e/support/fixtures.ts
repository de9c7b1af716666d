import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, type Page } from '@playwright/test';
import { startHostProcess, type HostProcess } from './host-process';

export interface HostControl {
  current(): HostProcess;
  dataDir: string;
  /** Stops the host (gracefully or by signal) and starts it again on the same port and data. */
  restart(signal?: NodeJS.Signals): Promise<HostProcess>;
}

/** Each test gets its own host process on a fresh data folder, without demo data unless asked. */
export const test = base.extend<{ demo: boolean; host: HostControl; language: 'en' | 'sv' }>({
  demo: [false, { option: true }],
  language: ['en', { option: true }],
  host: async ({ demo }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'loadstar-e2e-'));
    let running = await startHostProcess({ dataDir, demo });
    await use({
      current: () => running,
      dataDir,
      restart: async (signal) => {
        await running.stop(signal);
        running = await startHostProcess({ dataDir, demo, port: running.port });
        return running;
      },
    });
    await running.stop();
    rmSync(dataDir, { recursive: true, force: true });
  },
  // Date and time inputs follow the browser's locale: a Swedish station shows 24-hour times.
  locale: async ({ language }, use) => use(language === 'sv' ? 'sv-SE' : 'en-GB'),
  page: async ({ page, language }, use) => {
    await page.addInitScript(`localStorage.setItem('loadstar.language', ${JSON.stringify(language)})`);
    await use(page);
  },
});

export { expect } from '@playwright/test';

export async function openApp(page: Page, host: HostControl): Promise<void> {
  await page.goto(host.current().url);
  await page.getByTestId('connection-state').and(page.locator('[data-state="connected"]')).waitFor();
}
