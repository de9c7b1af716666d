import { fileURLToPath } from 'node:url';
import { atMinuteOfDay, isoDate } from '@shared/domain/time';
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
        // The demo day at 10:00 on the site's clock, so the "now" line is in the picture.
        const zone = 'Europe/Stockholm';
        await page.clock.setFixedTime(atMinuteOfDay(isoDate(Date.now(), zone), 10 * 60, zone));
        await openApp(page, host);
        await expect(page.locator('[data-door]')).toHaveCount(12);
        await expect(page.locator('[data-reference]')).toHaveCount(26);
        await expect(page.getByText(language === 'en' ? 'Dock schedule' : 'Portschema')).toBeVisible();
        await expect(page.getByTestId('now-tag')).toHaveAttribute(
          'aria-label',
          language === 'en' ? 'Now 10:00' : 'Nu 10:00',
        );
        await page.screenshot({ path: `${OUT}board-demo-${language}.png` });

        // The next day has no bookings yet: the same doors and hours, empty lanes.
        await page.getByRole('button', { name: language === 'en' ? 'Next day' : 'Nästa dag' }).click();
        await expect(page.locator('[data-reference]')).toHaveCount(0);
        await expect(page.locator('[data-door]')).toHaveCount(12);
        await page.screenshot({ path: `${OUT}board-empty-day-${language}.png` });
        await page
          .getByRole('button', { name: language === 'en' ? 'Previous day' : 'Föregående dag' })
          .click();
        await expect(page.locator('[data-reference]')).toHaveCount(26);

        // A short block in full on hover.
        await page.locator('[data-reference="RET-2291"]').hover();
        await expect(page.getByTestId('board-tip')).toContainText('DSV Road');
        await page.screenshot({ path: `${OUT}board-hover-${language}.png` });
        await page.mouse.move(5, 5);

        // A reference already booked: a warning to confirm or fix, not a silent second booking.
        await page.getByRole('button', { name: language === 'en' ? 'Book appointment' : 'Boka tid' }).click();
        const booking = page.getByRole('dialog');
        await booking.getByLabel(language === 'en' ? 'Carrier' : 'Transportör').fill('PostNord');
        await booking
          .getByLabel(language === 'en' ? 'Reference / PO' : 'Referens / ordernr')
          .fill('PO-48213');
        await booking.getByLabel('Start').fill('21:00');
        await booking.getByRole('button', { name: language === 'en' ? 'Book' : 'Boka', exact: true }).click();
        await expect(booking.getByTestId('duplicate-warning')).toContainText(
          language === 'en' ? 'Book anyway' : 'Boka ändå',
        );
        await page.screenshot({ path: `${OUT}booking-duplicate-${language}.png` });
        await booking
          .getByRole('button', { name: language === 'en' ? 'Close' : 'Stäng' })
          .last()
          .click();

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

      test('settings with the change log', async ({ page, host }) => {
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
        // The claims screens have their own screenshots (claims.spec.ts).
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
