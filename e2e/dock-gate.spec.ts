import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AppInfo, Appointment, DevicesOverview, ResponseMessage } from '@shared/contract';
import { gateCode } from '@shared/domain/dock/timeline';
import { addDays, isoDate } from '@shared/domain/time';
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
    ack: 'Acknowledge',
  },
  sv: {
    next: 'Nästa dag',
    print: 'Skriv ut grindpass',
    pdf: 'Grindpass som PDF',
    arrived: 'Anländ',
    mark: 'Markera: Vid porten',
    atDoor: 'Vid porten',
    close: 'Stäng',
    ack: 'Kvittera',
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
      // A door wired to the simulated Modbus door controller, its first free hour from now.
      const wired = (await must<DevicesOverview>(client, 'devices.overview', {})).doors[0]!;
      const slot = await must<{ startAt: number }>(client, 'dock.findFreeSlot', {
        doorId: wired.doorId,
        durationMin: 60,
        after: Math.ceil(Date.now() / 900_000) * 900_000,
      });
      const appt = await must<Appointment>(client, 'dock.bookAppointment', {
        doorId: wired.doorId,
        carrierName: 'Gate Test AB',
        reference: 'GATE-42',
        startAt: slot.startAt,
        durationMin: 60,
        loadType: 'palletized',
        pallets: 8,
      });
      const today = isoDate(Date.now(), zone);
      let days = 0;
      while (addDays(today, days) < isoDate(slot.startAt, zone)) days++;
      const code = gateCode(appt);

      await openApp(page, host);
      for (let i = 0; i < days; i++) await page.getByRole('button', { name: w.next }).click();
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
      await dialog.getByRole('button', { name: w.close }).first().click();

      // The trailer backs onto the door and the door opens: the sensors put it "at door". The
      // simulator's restraint is not engaged, so the board raises that alert.
      for (const input of ['trailerPresent', 'doorOpen'] as const)
        await must(client, 'devices.simulateDoorInput', { doorId: wired.doorId, input, value: true });
      const alerts = page.getByTestId('dock-alerts');
      await expect(alerts.locator('[data-kind="restraint_open"]')).toContainText(wired.doorName);
      await page.locator('[data-reference="GATE-42"]').click();
      await expect(dialog.getByTestId('stage')).toHaveText(w.atDoor);
      await expect(dialog.getByTestId('timeline')).toContainText(`${wired.doorName} sensors`);
      await page.screenshot({ path: `${OUT}gate-pass-timeline-${language}.png` });
      await dialog.getByRole('button', { name: w.close }).first().click();
      await page.screenshot({ path: `${OUT}dock-alerts-${language}.png` });
      await alerts.locator('[data-kind="restraint_open"]').getByRole('button', { name: w.ack }).click();
      await expect(alerts.locator('[data-kind="restraint_open"]')).toHaveCount(0);
      client.close();
    });
  });
}
