import { fileURLToPath } from 'node:url';
import { expect, openApp, test } from './support/fixtures';

/**
 * The fleet screens as a fleet manager sees them — the demo fleet (a week of driving, service due,
 * fuel logs) and a site with no tracked vehicle — in English and Swedish. PNGs land in
 * docs/screenshots/ for review; the assertions check what each picture must show.
 */
const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

for (const language of ['en', 'sv'] as const) {
  test.describe(`fleet screens in ${language}`, () => {
    test.use({ language, demo: true });

    test('the demo fleet: live, replay, alerts, trips, maintenance, fuel, vehicles', async ({
      page,
      host,
    }) => {
      await openApp(page, host);
      const go = async (tab: string) => {
        await page.goto(`${host.current().url}#/fleet/${tab}`);
        await expect(page.getByTestId('fleet-page')).toBeVisible();
      };
      await go('live');
      await expect(page.getByTestId('fleet-list').locator('[data-vehicle]').first()).toBeVisible();
      await page.getByTestId('fleet-list').locator('[data-vehicle]').nth(3).click();
      await page.waitForTimeout(1500);
      await page.screenshot({ path: `${OUT}fleet-live-${language}.png` });

      await go('replay');
      const picker = page.getByTestId('vehicle-picker');
      await picker.getByRole('checkbox').nth(0).check();
      await picker.getByRole('checkbox').nth(1).check();
      await picker.getByRole('checkbox').nth(2).check();
      // Last Friday: a working day of the demo week whatever today is.
      const friday = await page.evaluate(() => {
        const d = new Date();
        d.setDate(d.getDate() - ((d.getDay() + 2) % 7 || 7));
        return d.toISOString().slice(0, 10);
      });
      // From/To are the app's date and 24-hour time boxes.
      for (const [id, time] of [
        ['replay-from', '06:00'],
        ['replay-to', '18:00'],
      ] as const) {
        const field = page.getByTestId(id);
        await field.locator('input.date-field').fill(friday);
        await field.locator('input.date-field').blur();
        await field.getByPlaceholder('HH:MM').fill(time);
        await field.getByPlaceholder('HH:MM').blur();
      }
      await page.getByRole('button', { name: language === 'en' ? 'Show tracks' : 'Visa spår' }).click();
      await expect(page.getByTestId('replay-legend').locator('li')).toHaveCount(3);
      await page.getByRole('slider').fill(String(Date.parse(`${friday}T09:30:00`)));
      await page.waitForTimeout(1000);
      await page.screenshot({ path: `${OUT}fleet-replay-${language}.png` });

      await go('alerts');
      await expect(page.getByTestId('fence-list').locator('li')).toHaveCount(2);
      await page.waitForTimeout(800);
      await page.screenshot({ path: `${OUT}fleet-alerts-${language}.png` });

      await go('trips');
      await page.locator('input[type="date"]').fill(friday);
      await expect(page.getByTestId('trips-table')).toBeVisible();
      await page.getByTestId('trips-table').locator('tr.clickable').first().click();
      await page.screenshot({ path: `${OUT}fleet-trips-${language}.png` });

      await go('maintenance');
      await expect(page.getByTestId('maint-table')).toBeVisible();
      await page.screenshot({ path: `${OUT}fleet-maintenance-${language}.png` });

      await go('fuel');
      await page.getByRole('combobox').first().selectOption({ index: 2 });
      await expect(page.getByTestId('fuel-table')).toBeVisible();
      await page.screenshot({ path: `${OUT}fleet-fuel-${language}.png` });

      await go('vehicles');
      await expect(page.getByTestId('vehicles-table')).toBeVisible();
      await page.screenshot({ path: `${OUT}fleet-vehicles-${language}.png` });
    });
  });

  test.describe(`empty fleet in ${language}`, () => {
    test.use({ language, demo: false });
    test('a site with no tracked vehicle yet', async ({ page, host }) => {
      await openApp(page, host);
      await page.goto(`${host.current().url}#/fleet/live`);
      await expect(page.getByTestId('fleet-empty')).toBeVisible();
      await page.screenshot({ path: `${OUT}fleet-empty-${language}.png` });
    });
  });
}
