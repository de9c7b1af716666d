import { fileURLToPath } from 'node:url';
import { expect, openApp, test } from './support/fixtures';

/**
 * The board as operators see it, empty and with the demo day, in English and Swedish. The PNGs
 * land in docs/screenshots/ for review; the assertions check what each picture must show.
 */
const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

for (const language of ['en', 'sv'] as const) {
  test.describe(`screens in ${language}`, () => {
    test.use({ language });

    test.describe('with the demo day', () => {
      test.use({ demo: true });
      test('board, list and booking refusal', async ({ page, host }) => {
        await openApp(page, host);
        await expect(page.locator('[data-door]')).toHaveCount(12);
        await expect(page.locator('[data-reference]')).toHaveCount(26);
        await expect(page.getByText(language === 'en' ? 'Dock schedule' : 'Portschema')).toBeVisible();
        await page.screenshot({ path: `${OUT}board-demo-${language}.png` });

        await page.getByRole('tab', { name: language === 'en' ? 'List' : 'Lista' }).click();
        await expect(page.getByTestId('appointment-list').locator('tbody tr')).toHaveCount(26);
        await page.screenshot({ path: `${OUT}list-demo-${language}.png` });

        await page.getByRole('tab', { name: language === 'en' ? 'Board' : 'Tavla' }).click();
        await page.locator('[data-reference="PO-48213"]').click();
        const dialog = page.getByRole('dialog');
        await dialog.getByLabel(language === 'en' ? 'Start' : 'Start').fill('07:45');
        await dialog
          .getByRole('button', { name: language === 'en' ? 'Save changes' : 'Spara ändringar' })
          .click();
        await expect(dialog.getByTestId('refusal')).toContainText(
          language === 'en' ? 'Next free slot' : 'Nästa lediga tid',
        );
        await page.screenshot({ path: `${OUT}refusal-demo-${language}.png` });
        await dialog
          .getByRole('button', { name: language === 'en' ? 'Close' : 'Stäng' })
          .last()
          .click();

        await page.getByRole('tab', { name: language === 'en' ? 'Doors' : 'Portar' }).click();
        await expect(page.getByTestId('doors-table').locator('tbody tr')).toHaveCount(12);
        await page.screenshot({ path: `${OUT}doors-demo-${language}.png` });
      });

      test('settings with the change log, and a feature still to come', async ({ page, host }) => {
        await openApp(page, host);
        await page.locator('[data-reference="SO-99120"]').click();
        await page
          .getByRole('button', { name: language === 'en' ? 'Cancel appointment…' : 'Avboka…' })
          .click();
        await page
          .getByLabel(language === 'en' ? 'Reason for cancelling' : 'Orsak till avbokning')
          .fill('Carrier rescheduled');
        await page
          .getByRole('button', { name: language === 'en' ? 'Cancel appointment' : 'Avboka', exact: true })
          .click();
        await page.getByRole('link', { name: language === 'en' ? 'Settings' : 'Inställningar' }).click();
        await expect(page.getByTestId('audit-table')).toContainText('dock.cancelAppointment');
        await expect(page.getByTestId('audit-table')).toContainText('Carrier rescheduled');
        await page.screenshot({ path: `${OUT}settings-${language}.png` });
        await page.getByRole('link', { name: language === 'en' ? 'Fleet' : 'Fordon' }).click();
        await expect(page.getByText(language === 'en' ? 'Not built yet' : 'Inte byggt ännu')).toBeVisible();
        await page.screenshot({ path: `${OUT}fleet-placeholder-${language}.png` });
      });
    });

    test('board with no doors yet', async ({ page, host }) => {
      await openApp(page, host);
      await expect(
        page.getByText(language === 'en' ? 'No dock doors yet' : 'Inga portar ännu'),
      ).toBeVisible();
      await page.screenshot({ path: `${OUT}board-empty-${language}.png` });
    });
  });
}
