import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { testPng } from '../electron/core/claims/test-png';
import { pdfText } from '../electron/core/pdf/pdf-text';
import { en } from '../renderer/src/lib/i18n/en';
import { sv } from '../renderer/src/lib/i18n/sv';
import { sscc } from './support/devices-steps';
import { expect, openApp, test } from './support/fixtures';
import { WsClient } from './support/ws-client';

async function simulatedScan(url: string, data: string): Promise<void> {
  const client = await WsClient.connect(url);
  try {
    const r = await client.call('devices.simulateScan', { data });
    if (!r.ok) throw new Error(`simulated scan: ${r.error.message}`);
  } finally {
    client.close();
  }
}

/**
 * Claims from the dock to a paid claim, in English and Swedish, against the real host on the demo
 * warehouse: receive an appointment (scans from the simulated serial scanner), mark a damaged pallet
 * with a photo and a short one, open the claim from it with the photo attached, file, deny with a
 * reason, appeal, approve, pay, close; the packet PDF's text is checked. Screenshots of every claims
 * screen, full and empty, land in docs/screenshots/.
 */
const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const EXE = Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0xff, 0xff, 0x00, 0x00, 0xb8, 0x00]);

for (const language of ['en', 'sv'] as const) {
  const M = language === 'en' ? en : sv;
  test.describe(`claims in ${language}`, () => {
    test.use({ language, demo: true });

    test('a damaged pallet at the dock becomes a paid claim, with its evidence and packet', async ({ page, host }) => {
      test.setTimeout(120_000);
      await openApp(page, host);
      await page.goto(`${host.current().url}#/claims`);
      await expect(page.getByTestId('claims-empty')).toBeVisible();

      // Receiving: the first appointment of today at the demo dock.
      await page.getByRole('tab', { name: M['claims.tab.receiving'] }).click();
      await page.getByRole('list', { name: M['claims.receiving.appointments'] }).getByRole('button').first().click();
      await page.getByRole('button', { name: M['claims.receiving.start'] }).click();
      // The ASN: a file with a bad row is refused whole, row by row; the corrected one is taken.
      const asn = (rows: string[]) => ({ name: 'asn.csv', mimeType: 'text/csv', buffer: Buffer.from(['SSCC;Beskrivning;Antal', ...rows].join('\r\n')) });
      await page.getByTestId('asn-file').setInputFiles(asn([`${sscc('41')};Glas;1`, '12345;Glas;1']));
      await expect(page.getByTestId('asn-result')).toContainText(M['claims.asn.problem.bad_sscc'].replace('{row}', '3').replace('{value}', '12345'));
      await page.getByTestId('asn-file').setInputFiles(asn([`${sscc('41')};Glas;1`, `${sscc('42')};Glas;1`, `${sscc('43')};Glas;1`]));
      await expect(page.getByTestId('asn-result')).toHaveText(M['claims.asn.imported'].replace('{count}', '3'));
      await expect(page.getByTestId('receipt-balance')).toContainText(M['claims.balance.expected'].replace('{count}', '3'));
      const form = page.getByTestId('pallet-form');
      const ssccBox = form.getByLabel(M['claims.pallet.sscc']);
      await expect(ssccBox).toBeVisible();

      await expect(form).toHaveAttribute('data-scan-ready', 'true');
      // Pallets are scanned with the simulated serial scanner (a real pty): each scan reaches the
      // screen as a scan event, as from a scanner on the dock.
      await simulatedScan(host.current().url, `00${sscc('41')}`);
      await expect(ssccBox).toHaveValue(sscc('41'));
      await form.getByRole('button', { name: M['claims.pallet.record'] }).click();
      const pallets = page.getByTestId('pallets').locator('tbody tr');
      await expect(pallets).toHaveCount(1);
      // Recorded: the focus is back on the form, so the next scan's Enter presses no button.
      await expect(form).toBeFocused();

      await simulatedScan(host.current().url, `00${sscc('42')}`);
      await expect(ssccBox).toHaveValue(sscc('42'));
      await form.getByText(M['claims.condition.damaged'], { exact: true }).click();
      await form.getByLabel(M['claims.pallet.note']).fill(language === 'en' ? 'Corner crushed, wrap torn' : 'Hörnet intryckt, plasten trasig');
      await page.getByTestId('pallet-photo').setInputFiles({ name: 'crushed.png', mimeType: 'image/png', buffer: testPng(320, 200, [190, 120, 60]) });
      await expect(form.locator('.photo-chip')).toHaveText('crushed.png');
      await form.getByRole('button', { name: M['claims.pallet.record'] }).click();
      await expect(pallets).toHaveCount(2);

      await form.getByText(M['claims.condition.short'], { exact: true }).click();
      await form.getByRole('button', { name: M['claims.pallet.record'] }).click();
      await expect(pallets).toHaveCount(3);
      const balance = page.getByTestId('receipt-balance');
      await expect(balance).toContainText(M['claims.balance.damaged'].replace('{count}', '1'));
      await expect(balance).toContainText(M['claims.balance.short'].replace('{count}', '1'));

      await page.getByLabel(M['claims.receipt.subjectToInspectionCheck']).check();
      await page.getByRole('button', { name: M['claims.receiving.finish'] }).click();
      await expect(page.getByTestId('receipt-finished')).toHaveText(M['claims.receipt.subjectToInspection']);
      await page.screenshot({ path: `${OUT}claims-receiving-${language}.png`, fullPage: true });

      // The exception opens a claim draft with the evidence already there.
      await page.getByRole('button', { name: M['claims.receiving.draftClaim'] }).click();
      const dialog = page.getByTestId('claim-form');
      await expect(dialog).toContainText(M['claims.form.fromReceipt'].replace('{count}', '2'));
      const values = dialog.getByLabel(M['claims.line.unitValue'].replace('{currency}', 'SEK'));
      await values.nth(0).fill('12500');
      await values.nth(1).fill('8000');
      await dialog.getByLabel(M['claims.field.shipmentRef']).fill('CMR 118822');
      await page.screenshot({ path: `${OUT}claims-draft-${language}.png` });
      await dialog.getByRole('button', { name: M['claims.form.create'] }).click();

      const detail = page.getByTestId('claim-detail');
      await expect(detail).toBeVisible();
      const evidence = page.getByTestId('claim-evidence').locator('li');
      await expect(evidence).toHaveCount(1);
      await expect(evidence.locator('img')).toHaveAttribute('alt', 'crushed.png');
      await expect(page.getByTestId('claim-lines').locator('tbody tr')).toHaveCount(2);
      const number = (await detail.locator('.claim-title').innerText()).split(/\s/)[0]!;
      expect(number).toMatch(/^CLM-[0-9A-F]{8}$/);

      // A program renamed .png is refused and not kept.
      await page.getByTestId('claim-attach').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: EXE });
      await expect(detail.getByRole('alert')).toHaveText(M['claims.reason.file_kind']);
      await expect(evidence).toHaveCount(1);

      const step = async (status: keyof typeof M & `claims.action.${string}`, fill?: () => Promise<void>) => {
        await page.getByTestId('claim-actions').getByRole('button', { name: M[status], exact: true }).click();
        const t = page.getByTestId('transition-form');
        await expect(t).toBeVisible();
        await fill?.();
        await t.getByRole('button', { name: M[status], exact: true }).click();
        await expect(t).toBeHidden();
      };
      const status = detail.locator('.claim-title .claim-status');
      await step('claims.action.filed');
      await expect(status).toHaveText(M['claims.status.filed']);
      await step('claims.action.denied', async () => {
        await page.getByTestId('transition-form').getByLabel(M['claims.field.denialReason']).selectOption('insufficient_packaging');
        await page.getByTestId('transition-form').getByLabel(M['claims.field.note'], { exact: true }).fill('Carton too thin');
      });
      await expect(status).toHaveText(M['claims.status.denied']);
      await expect(detail).toContainText(M['claims.denial.insufficient_packaging']);
      await step('claims.action.appealed', async () => {
        await page
          .getByTestId('transition-form')
          .getByLabel(M['claims.field.appealNote'])
          .fill('The cartons met the shipper packaging specification; the test report is attached.');
      });
      await expect(status).toHaveText(M['claims.status.appealed']);
      await step('claims.action.approved');
      await step('claims.action.paid');
      await expect(status).toHaveText(M['claims.status.paid']);
      await expect(page.getByTestId('claim-timeline').locator('li')).toHaveCount(6);

      // The packet, read back: cover letter in the claimant's language, evidence, scan log.
      const download = page.waitForEvent('download');
      await page.getByTestId('claim-packet').click();
      const file = await (await download).path();
      const text = pdfText(readFileSync(file));
      expect(text).toContain(number);
      expect(text).toContain(language === 'en' ? 'We hereby file a claim for apparent damage' : 'Härmed reklamerar vi synlig skada');
      expect(text).toContain(sscc('42'));
      expect(text).toContain('crushed.png');
      expect(text).toContain(language === 'en' ? 'Scan log from receiving' : 'Skanningslogg från godsmottagningen');
      expect(text).toContain(language === 'en' ? 'Corner crushed, wrap torn' : 'Hörnet intryckt, plasten trasig');
      await page.screenshot({ path: `${OUT}claims-detail-${language}.png`, fullPage: true });

      await step('claims.action.closed');
      await expect(status).toHaveText(M['claims.status.closed']);
      await expect(page.getByTestId('claim-timeline').locator('li')).toHaveCount(7);
      await expect(page.getByTestId('claim-actions')).toHaveCount(0);

      // A second claim, concealed damage still open: it shows in this week's deadlines.
      await page.getByRole('button', { name: new RegExp(M['claims.back']) }).click();
      await page.getByRole('button', { name: M['claims.new'] }).click();
      const second = page.getByTestId('claim-form');
      await second.getByLabel(M['claims.field.type']).selectOption('damage_concealed');
      await second.getByLabel(M['claims.field.carrier'], { exact: true }).fill('DSV Road');
      // Delivered three days ago: its 7-day notice (Sundays and holidays excepted) falls this week.
      for (let i = 0; i < 3; i++) await second.getByTestId('claim-delivered').press('ArrowDown');
      await second.getByLabel(M['claims.line.description'], { exact: true }).fill(language === 'en' ? 'Glassware, 40 cartons' : 'Glas, 40 kartonger');
      await second.getByLabel(M['claims.line.unitValue'].replace('{currency}', 'SEK')).fill('4 800');
      await second.getByRole('button', { name: M['claims.form.create'] }).click();
      await expect(page.getByTestId('claim-deadlines')).toContainText(M['claims.deadline.notice']);
      await page.getByRole('button', { name: new RegExp(M['claims.back']) }).click();
      await expect(page.getByTestId('claims-table').locator('tbody tr')).toHaveCount(2);
      await page.screenshot({ path: `${OUT}claims-list-${language}.png` });

      const csv = page.waitForEvent('download');
      await page.getByRole('button', { name: M['claims.export.linesCsv'] }).click();
      const lines = readFileSync(await (await csv).path(), 'utf8');
      expect(lines).toContain(sscc('42'));
      expect(lines.trim().split('\n')).toHaveLength(4);

      await page.getByRole('tab', { name: M['claims.tab.deadlines'] }).click();
      await expect(page.getByTestId('deadlines-table').locator('tbody tr')).not.toHaveCount(0);
      await page.screenshot({ path: `${OUT}claims-deadlines-${language}.png` });
      await page.getByRole('tab', { name: M['claims.tab.reports'] }).click();
      await expect(page.getByTestId('claims-report')).toContainText('100');
      await page.screenshot({ path: `${OUT}claims-reports-${language}.png` });
    });
  });

  test.describe(`claims empty in ${language}`, () => {
    test.use({ language, demo: false });
    test('a site with no claims and no appointments says what to do', async ({ page, host }) => {
      await openApp(page, host);
      await page.goto(`${host.current().url}#/claims`);
      await expect(page.getByTestId('claims-empty')).toHaveText(M['claims.list.empty']);
      await page.screenshot({ path: `${OUT}claims-list-empty-${language}.png` });
      await page.getByRole('tab', { name: M['claims.tab.receiving'] }).click();
      await expect(page.getByText(M['claims.receiving.noAppointments'])).toBeVisible();
      await page.screenshot({ path: `${OUT}claims-receiving-empty-${language}.png` });
      await page.getByRole('tab', { name: M['claims.tab.deadlines'] }).click();
      await expect(page.getByTestId('deadlines-empty')).toBeVisible();
      await page.getByRole('tab', { name: M['claims.tab.reports'] }).click();
      await expect(page.getByTestId('report-empty')).toBeVisible();
    });
  });
}
