import { expect, test } from './support/fixtures';
import { csvUpload, leaveApp, openImportDialog, openRoutesWithFleet } from './support/routes-setup';

const OUT = 'docs/screenshots/';

test.afterEach(leaveApp);

test('a 1.5 MB order file goes up in chunks and previews like any other', async ({ page, host }) => {
  await openRoutesWithFleet(page, host);
  // More than one message could ever carry: the dialog sends it to the attachment store in parts.
  const header = 'Reference,Customer,Address,Latitude,Longitude,Notes';
  const rows = Array.from(
    { length: 4500 },
    (_, i) =>
      `L-${i},Kund ${i},"Storgatan ${i}, Jönköping",57.7${i % 10},14.1${i % 7},"${'Ring på. '.repeat(30)}"`,
  );
  const csv = [header, ...rows].join('\n');
  expect(Buffer.byteLength(csv)).toBeGreaterThan(1_200_000);
  const frames: number[] = [];
  page.on('websocket', (ws) => ws.on('framesent', (f) => frames.push(String(f.payload).length)));
  const dialog = await openImportDialog(page);
  await dialog.getByLabel('CSV or Excel (.xlsx) file').setInputFiles(csvUpload(csv));
  await expect(dialog.getByTestId('import-summary')).toContainText('4500 of 4500 rows can be imported', {
    timeout: 30_000,
  });
  expect(Math.max(...frames)).toBeLessThan(512 * 1024);
  await dialog.getByRole('button', { name: 'Import 4500 orders' }).click();
  await expect(page.getByText('Imported 4500 orders')).toBeVisible({ timeout: 30_000 });
});

for (const language of ['en', 'sv'] as const) {
  test.describe(`core restart (${language})`, () => {
    test.use({ language });

    test('the status bar says core is restarting, a toast says when it is back, and work goes on', async ({
      page,
      host,
    }) => {
      await page.goto(host.current().url);
      const state = page.getByTestId('connection-state');
      await expect(state).toHaveAttribute('data-state', 'connected');
      // The page may not reconnect until the picture of the "restarting" state is taken: its
      // session request waits here (no race with how fast the host brings core back).
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      await page.route('**/api/session', async (route) => {
        await held;
        await route.continue();
      });
      process.kill(host.current().corePid()!, 'SIGKILL');
      await expect(state).toHaveAttribute('data-reason', 'core_restarted');
      await expect(state).toHaveAttribute('role', 'alert');
      await expect(state).toContainText(language === 'en' ? 'restarting' : 'startar om');
      await page.screenshot({ path: `${OUT}core-restarting-${language}.png` });
      release();
      await expect(state).toHaveAttribute('data-state', 'connected', { timeout: 30_000 });
      const toast = page.locator('.toast').filter({
        hasText:
          language === 'en' ? 'Loadstar restarted after a fault' : 'Loadstar startade om efter ett fel',
      });
      await expect(toast).toBeVisible();
      await page.screenshot({ path: `${OUT}core-restarted-${language}.png` });
      expect(host.current().output()).toMatch(/core stopped unexpectedly \(signal SIGKILL\)/);
      // The app works on with the new core.
      await page.getByRole('link', { name: language === 'en' ? 'Settings' : 'Inställningar' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    });
  });
}
