import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AppInfo, Appointment, Door, ResponseMessage } from '../shared/contract';
import { gateCode } from '../shared/domain/dock/timeline';
import { addDays, atMinuteOfDay, isoDate } from '../shared/domain/time';
import { expect, openApp, test } from './support/fixtures';
import { WsClient } from './support/ws-client';

/**
 * The gate pass on the demo site: its code in the appointment, printed on the (simulated) label
 * printer and saved as a PDF; the truck checked in by scanning the pass on the real serial
 * scanner (a socat pty), the timeline showing who did it; then marked on by hand. En and sv.
 */
const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

const words = {
  en: {
    next: 'Next day',
    print: 'Print gate pass',
    pdf: 'Gate pass as PDF',
    arrived: 'Arrived',
    mark: 'Mark: At door',
    atDoor: 'At door',
    close: 'Close',
  },
  sv: {
    next: 'Nästa dag',
    print: 'Skriv ut grindpass',
    pdf: 'Grindpass som PDF',
    arrived: 'Anländ',
    mark: 'Markera: Vid porten',
    atDoor: 'Vid porten',
    close: 'Stäng',
  },
} as const;

async function must<T>(client: WsClient, name: string, input: unknown): Promise<T> {
  const r = (await client.call(name, input)) as ResponseMessage & { ok: boolean; value?: T; error?: unknown };
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

for (const language of ['en', 'sv'] as const) {
  test.describe(language, () => {
    test.use({ language, demo: true });
    test(`gate pass: print, PDF, check in by scanning on the serial scanner, timeline (${language})`, async ({
      page,
      host,
    }) => {
      const w = words[language];
      const client = await WsClient.connect(host.current().url);
      const { timeZone: zone } = await must<AppInfo>(client, 'app.info', {});
      const doors = await must<Door[]>(client, 'dock.listDoors', {});
      const tomorrow = addDays(isoDate(Date.now(), zone), 1);
      const appt = await must<Appointment>(client, 'dock.bookAppointment', {
        doorId: doors[0]!.id,
        carrierName: 'Gate Test AB',
        reference: 'GATE-42',
        startAt: atMinuteOfDay(tomorrow, 6 * 60, zone),
        durationMin: 60,
        loadType: 'palletized',
        pallets: 8,
      });
      const code = gateCode(appt);

      await openApp(page, host);
      await page.getByRole('button', { name: w.next }).click();
      await page.locator('[data-reference="GATE-42"]').click();
      const dialog = page.getByRole('dialog');
      await expect(dialog.getByTestId('gate-code')).toHaveText(code);
      await page.screenshot({ path: `${OUT}gate-pass-scheduled-${language}.png` });

      // Printed on the station printer (the simulated Zebra) and saved as a PDF of the same label.
      await dialog.getByRole('button', { name: w.print }).click();
      await expect(
        page.getByText(
          language === 'en' ? 'Gate pass for GATE-42 sent to' : 'Grindpass för GATE-42 skickat till',
        ),
      ).toBeVisible();
      const download = page.waitForEvent('download');
      await dialog.getByRole('button', { name: w.pdf }).click();
      const file = await (await download).path();
      expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
      await dialog.getByRole('button', { name: w.close }).first().click();

      // The driver's pass scanned on the serial scanner (real driver on a socat pty).
      await must(client, 'devices.simulateScan', { data: code });
      await expect(page.getByText(`GATE-42: ${w.arrived}`)).toBeVisible();
      await page.locator('[data-reference="GATE-42"]').click();
      await expect(dialog.getByTestId('stage')).toHaveText(w.arrived);
      await expect(dialog.getByTestId('timeline')).toContainText(/scanner/i);
      await dialog.getByRole('button', { name: w.mark }).click();
      await expect(dialog.getByTestId('stage')).toHaveText(w.atDoor);
      await page.screenshot({ path: `${OUT}gate-pass-timeline-${language}.png` });
      client.close();
    });
  });
}
