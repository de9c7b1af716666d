import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { electronBinary } from '../scripts/lib/electron-binary.mjs';

const binary = electronBinary({ download: process.env.LOADSTAR_ELECTRON_DOWNLOAD !== '0' });
if (binary.path === null) console.log(`Electron smoke test skipped: ${binary.reason}`);

test.describe('desktop shell (Electron)', () => {
  test.skip(
    binary.path === null,
    `Electron smoke test skipped: ${binary.path === null ? binary.reason : ''}`,
  );

  test('launches the app sandboxed and books an appointment', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'loadstar-electron-'));
    const app = await electron.launch({
      executablePath: binary.path!,
      args: [
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        'out/main/index.js',
        `--data-dir=${dataDir}`,
      ],
    });
    try {
      const window = await app.firstWindow();
      // The renderer sees only the preload's two functions, never Node or ipcRenderer.
      expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe(
        'undefined',
      );
      expect(
        await window.evaluate(() => Object.keys((window as unknown as { loadstar: object }).loadstar).sort()),
      ).toEqual(['invoke', 'on', 'onConnection']);
      await expect(window.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
      await window.getByRole('button', { name: 'Book appointment' }).click();
      const dialog = window.getByRole('dialog');
      await dialog.getByLabel('Door').selectOption({ index: 5 });
      await dialog.getByLabel('Carrier').fill('PostNord');
      await dialog.getByLabel('Reference / PO').fill('EL-1');
      await dialog.getByLabel('Start').fill('12:00');
      await dialog.getByRole('button', { name: 'Book', exact: true }).click();
      await expect(window.getByText(/Booked EL-1 on/)).toBeVisible();
      const refused = await window.evaluate(() =>
        (window as unknown as { loadstar: { invoke(n: string, i: unknown): Promise<unknown> } }).loadstar
          .invoke('fs.readFile', {})
          .then(
            () => 'accepted',
            (e: Error) => e.message,
          ),
      );
      expect(refused).toMatch(/not a Loadstar command/);
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
