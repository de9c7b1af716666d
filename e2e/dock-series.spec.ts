import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import type { AppInfo, Door, ResponseMessage } from '@shared/contract';
import { addDays, atMinuteOfDay, isoDate, wallTime } from '@shared/domain/time';
import { expect, openApp, test } from './support/fixtures';
import { WsClient } from './support/ws-client';

/**
 * Standing appointments from the booking dialog: a weekly series, one occurrence the door cannot
 * take listed with the reason, one occurrence moved on its own, then a series edit that leaves
 * it alone and says so. Screens in English and Swedish, the empty dialog and the full outcome.
 */
const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

const words = {
  en: {
    book: 'Book appointment',
    carrier: 'Carrier',
    reference: 'Reference / PO',
    repeat: 'Repeat',
    weekly: 'Every week on this weekday',
    count: 'Number of appointments',
    bookButton: 'Book',
    nextDay: 'Next day',
    save: 'Save changes',
    only: 'only this appointment',
    all: 'every appointment in the series',
    taken: 'The door is taken then',
    ownEdit: 'Changed on its own; keeps that change',
    close: 'Close',
  },
  sv: {
    book: 'Boka tid',
    carrier: 'Transportör',
    reference: 'Referens / ordernr',
    repeat: 'Upprepa',
    weekly: 'Varje vecka samma veckodag',
    count: 'Antal tider',
    bookButton: 'Boka',
    nextDay: 'Nästa dag',
    save: 'Spara ändringar',
    only: 'bara den här tiden',
    all: 'alla tider i serien',
    taken: 'Porten är upptagen då',
    ownEdit: 'Ändrad för sig; behåller sin ändring',
    close: 'Stäng',
  },
} as const;

async function must<T>(client: WsClient, name: string, input: unknown): Promise<T> {
  const r = (await client.call(name, input)) as ResponseMessage & { ok: boolean; value?: T; error?: unknown };
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

async function nextDays(page: Page, label: string, n: number) {
  for (let i = 0; i < n; i++) await page.getByRole('button', { name: label }).click();
}

for (const language of ['en', 'sv'] as const) {
  test.describe(language, () => {
    test.use({ language });
    test(`a weekly series: book it, see the occurrence the door cannot take, move one, edit the rest (${language})`, async ({
      page,
      host,
    }) => {
      const w = words[language];
      const client = await WsClient.connect(host.current().url);
      const info = await must<AppInfo>(client, 'app.info', {});
      const zone = info.timeZone;
      const door = await must<Door>(client, 'dock.createDoor', {
        name: 'Door 1',
        direction: 'both',
        opensAt: '06:00',
        closesAt: '18:00',
      });
      // The series starts on tomorrow's date; its third week is already taken at 09:30.
      const today = isoDate(Date.now(), zone);
      const first = addDays(today, 1);
      await must(client, 'dock.bookAppointment', {
        doorId: door.id,
        carrierName: 'DHL Freight',
        reference: 'PO-CLASH',
        startAt: atMinuteOfDay(addDays(first, 14), 9 * 60 + 30, zone),
        durationMin: 30,
        loadType: 'palletized',
        pallets: 4,
      });
      client.close();

      await openApp(page, host);
      await page.getByRole('button', { name: w.book }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(w.carrier).fill('PostNord');
      await dialog.getByLabel(w.reference).fill('STANDING-1');
      await dialog.getByLabel('Start').fill('09:00');
      // The date field shows the board's day (today); the series starts tomorrow.
      const dateInput = dialog.locator('input[inputmode="numeric"]').first();
      const shown = await dateInput.inputValue();
      const d = wallTime(atMinuteOfDay(first, 0, zone), zone);
      const typed = shown.includes('/')
        ? `${String(d.day).padStart(2, '0')}/${String(d.month).padStart(2, '0')}/${d.year}`
        : first;
      await dateInput.fill(typed);
      await dialog.getByLabel(w.repeat).selectOption('weekly');
      await dialog.getByLabel(w.count).fill('4');
      await page.screenshot({ path: `${OUT}series-new-${language}.png` });
      await dialog.getByRole('button', { name: w.bookButton, exact: true }).click();

      // Three booked, the third week listed with the reason, nothing silently dropped.
      const outcome = dialog.getByTestId('series-outcome');
      await expect(outcome).toBeVisible();
      await expect(outcome.getByTestId('unbookable-row')).toHaveCount(1);
      await expect(outcome.getByTestId('unbookable-row')).toContainText(w.taken);
      await expect(outcome.getByTestId('unbookable-row')).toContainText('09:00');
      await page.screenshot({ path: `${OUT}series-unbookable-${language}.png` });
      await outcome.getByRole('button', { name: w.close }).click();
      await expect(dialog).toBeHidden();

      // Tomorrow: the first occurrence, marked as part of a series.
      await nextDays(page, w.nextDay, 1);
      const occurrence = page.locator('[data-reference="STANDING-1"]');
      await expect(occurrence).toHaveCount(1);
      await expect(occurrence).toContainText('↻');

      // A week later: move only that occurrence to 11:00.
      await nextDays(page, w.nextDay, 7);
      await page.locator('[data-reference="STANDING-1"]').click();
      const edit = page.getByRole('dialog');
      await edit.getByLabel('Start').fill('11:00');
      await expect(edit.getByLabel(w.only)).toBeChecked();
      await page.screenshot({ path: `${OUT}series-scope-${language}.png` });
      await edit.getByRole('button', { name: w.save }).click();
      await expect(edit).toBeHidden();
      await expect(page.locator('[data-reference="STANDING-1"]')).toHaveAttribute('aria-label', /11:00–/);

      // Back to the first: move the whole series to 13:00. The moved one keeps 11:00 and is listed;
      // the week that was taken at 09:30 now fits at 13:00 and is booked.
      for (let i = 0; i < 7; i++)
        await page
          .getByRole('button', { name: language === 'en' ? 'Previous day' : 'Föregående dag' })
          .click();
      await page.locator('[data-reference="STANDING-1"]').click();
      const all = page.getByRole('dialog');
      await all.getByLabel('Start').fill('13:00');
      await all.getByLabel(w.all).check();
      await all.getByRole('button', { name: w.save }).click();
      const after = all.getByTestId('series-outcome');
      await expect(after.getByTestId('unbookable-row')).toHaveCount(1);
      await expect(after.getByTestId('unbookable-row')).toContainText(w.ownEdit);
      await after.getByRole('button', { name: w.close }).click();
      await expect(page.locator('[data-reference="STANDING-1"]')).toHaveAttribute('aria-label', /13:00–/);
      await nextDays(page, w.nextDay, 7);
      await expect(page.locator('[data-reference="STANDING-1"]')).toHaveAttribute('aria-label', /11:00–/);
      await nextDays(page, w.nextDay, 7);
      await expect(page.locator('[data-reference="STANDING-1"]')).toHaveAttribute('aria-label', /13:00–/);
      await expect(page.locator('[data-reference="PO-CLASH"]')).toHaveCount(1);
      await page.screenshot({ path: `${OUT}series-board-${language}.png` });
    });
  });
}
