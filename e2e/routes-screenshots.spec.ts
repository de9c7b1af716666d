import { fileURLToPath } from 'node:url';
import { expect, openApp, test } from './support/fixtures';
import { csvUpload, dragWithMouse, leaveApp, ORDERS_CSV } from './support/routes-setup';

/**
 * The planning screen as dispatchers see it — the demo day optimised, a hand edit that breaks a
 * rule, and a day with no orders — in English and Swedish. PNGs land in docs/screenshots/ for
 * review; the assertions check what each picture must show.
 */
const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

// Leave the app before the host stops (a late reconnect can keep the host from exiting).
test.afterEach(leaveApp);

for (const language of ['en', 'sv'] as const) {
  test.describe(`routes screens in ${language}`, () => {
    test.use({ language, demo: true });

    test('the demo day planned, an edit that breaks a rule, and an empty day', async ({ page, host }) => {
      await openApp(page, host);
      await page.getByRole('link', { name: language === 'en' ? 'Routes' : 'Rutter' }).click();
      await expect(page.locator('[data-fact="orders"] .fact-value')).toHaveText('40');
      // No tile server is set: the bundled overview map (lakes, borders, towns) is under the
      // orders, with its sources named; no tile is an image from anywhere.
      const map = page.getByTestId('route-map');
      await expect(map.locator('canvas[data-overview="drawn"]').first()).toBeVisible();
      await expect(map.locator('canvas[data-overview="loading"]')).toHaveCount(0);
      await expect(map.locator('.leaflet-control-attribution')).toContainText('Natural Earth');
      await expect(map.locator('img')).toHaveCount(0);
      await page.waitForTimeout(500);
      await page.screenshot({ path: `${OUT}routes-map-${language}.png` });
      await page.getByTestId('time-limit').selectOption('10');
      await page
        .getByRole('button', { name: language === 'en' ? 'Optimize' : 'Optimera', exact: true })
        .click();
      // While it runs: live progress, and the plan read-only until it is done or stopped.
      const progress = page.getByTestId('optimize-progress');
      await expect(progress).toContainText(language === 'en' ? 'best so far' : 'bästa hittills', {
        timeout: 20_000,
      });
      await expect(page.getByTestId('optimize-frozen')).toBeVisible();
      // A few seconds of search before the picture and the stop: past the first plan.
      await page.waitForTimeout(3000);
      await page.screenshot({ path: `${OUT}routes-optimizing-${language}.png` });
      await progress.getByRole('button', { name: language === 'en' ? 'Stop' : 'Stoppa' }).click();
      await expect(progress).toBeHidden({ timeout: 30_000 });
      await expect(page.getByTestId('optimize-frozen')).toBeHidden();
      await expect(page.locator('[data-fact="served"] .fact-value')).not.toHaveText('0');
      // The solver's plan keeps every rule (and, after the undo below, is back to just that).
      await expect(page.locator('[data-fact="violations"] .fact-value')).toHaveText('0');
      await expect(page.getByTestId('route-map').locator('.map-stop').first()).toBeVisible();
      // Let the map finish fitting to the plan and the toast fade before the picture.
      await page.waitForTimeout(4500);
      await page.screenshot({ path: `${OUT}routes-plan-${language}.png` });

      // Cold goods onto the truck without a fridge: flagged on the stop, the map and the numbers.
      const list = page.getByTestId('route-list');
      const cold = list.locator('[data-reference="SO-24102"]');
      const truck = list.locator('section[aria-label="Truck 1"]');
      await dragWithMouse(page, cold, truck.locator('.route-card-head'), { nudge: 8, atX: 40 });
      const moved = truck.locator('[data-reference="SO-24102"]');
      await expect(moved).toHaveAttribute('data-violated', 'true');
      await expect(moved.getByTestId('violation').first()).toContainText('cold_chain');
      await moved.click();
      await page.waitForTimeout(600);
      await page.screenshot({ path: `${OUT}routes-violation-${language}.png` });

      // Undo, then dispatch: drivers per route, and the printouts once it is sent.
      await page.getByRole('button', { name: language === 'en' ? 'Undo' : 'Ångra' }).click();
      await expect(page.locator('[data-fact="violations"] .fact-value')).toHaveText('0');
      await page.getByRole('button', { name: language === 'en' ? 'Dispatch…' : 'Skicka ut…' }).click();
      const dispatch = page.getByTestId('dispatch-dialog');
      await dispatch
        .getByRole('button', { name: language === 'en' ? /^Dispatch \d/ : /^Skicka ut \d/ })
        .click();
      await expect(dispatch.getByTestId('printouts')).toBeVisible();
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${OUT}routes-dispatch-${language}.png` });
      await page
        .getByRole('dialog')
        .getByRole('button', { name: language === 'en' ? 'Close' : 'Stäng' })
        .first()
        .click();

      await page.getByRole('button', { name: language === 'en' ? 'Next day' : 'Nästa dag' }).click();
      await expect(page.getByTestId('routes-empty')).toContainText(
        language === 'en' ? 'No orders for this day' : 'Inga order den här dagen',
      );
      // Confirmations fade after a few seconds; the picture is of the screen, not of the last one.
      // A "running late" alert may stay: the demo fleet drives the dispatched routes in real time,
      // so whether one comes depends on the hour the test runs.
      await expect(page.locator('.toast:not(.toast-error)')).toHaveCount(0, { timeout: 8_000 });
      await page.screenshot({ path: `${OUT}routes-empty-${language}.png` });

      // The import's mapping step, with the row that cannot be imported shown before anything is saved.
      await page
        .getByTestId('routes-empty')
        .getByRole('button', { name: language === 'en' ? 'Import…' : 'Importera…' })
        .click();
      const dialog = page.getByTestId('import-dialog');
      await dialog.locator('input[type="file"]').setInputFiles(csvUpload(ORDERS_CSV));
      await expect(dialog.locator('tr.row-error')).toHaveCount(1);
      await page.screenshot({ path: `${OUT}routes-import-${language}.png` });
    });
  });
}
