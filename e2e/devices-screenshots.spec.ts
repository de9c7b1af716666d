import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { withCheckDigit } from '@shared/domain/gs1';
import { expect, test } from './support/fixtures';
import {
  chooseLabel,
  openDevicesPage,
  printedRows,
  printerDetail,
  wedgeScan as scan,
  withWrongCheckDigit,
} from './support/devices-steps';

/**
 * The Devices page and the station screen as operators see them, empty (no devices) and full
 * (simulated devices with history), in English and Swedish. PNGs land in docs/screenshots/.
 */
const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

const words = {
  en: {
    testPrint: 'Test print',
    paperOut: 'Paper out',
    printed: 'Printed',
    scanners: 'Scanners',
    doors: 'Dock I/O',
    printers: 'Printers',
    sscc: 'Pallet SSCC',
    bad: 'Bad check digit',
    carton: 'Carton GTIN + batch',
    openDoor: 'Open door',
    engage: 'Engage restraint',
    noPrinters: 'No label printers yet',
    noDoors: 'No dock doors are wired',
    ready: 'Ready: scan a barcode',
    notPrinted: 'Nothing printed',
    typeCode: 'Barcode will not scan? Type it in',
    ioModules: 'I/O modules',
    printLabels: 'Print labels…',
    label: 'Label',
    ssccTemplate: 'SSCC pallet label',
    company: 'Company name',
    count: 'Count',
    showPreview: 'Show preview',
    cancel: 'Cancel',
  },
  sv: {
    testPrint: 'Testutskrift',
    paperOut: 'Slut på papper',
    printed: 'Utskriven',
    scanners: 'Skannrar',
    doors: 'Port-I/O',
    printers: 'Skrivare',
    sscc: 'Pall-SSCC',
    bad: 'Fel kontrollsiffra',
    carton: 'Kartong GTIN + batch',
    openDoor: 'Öppna porten',
    engage: 'Lås hjullås',
    noPrinters: 'Inga etikettskrivare ännu',
    noDoors: 'Inga portar är kopplade',
    ready: 'Redo: skanna en streckkod',
    notPrinted: 'Inget utskrivet',
    typeCode: 'Går streckkoden inte att skanna? Skriv in den',
    ioModules: 'I/O-moduler',
    printLabels: 'Skriv ut etiketter…',
    label: 'Etikett',
    ssccTemplate: 'SSCC-pallettikett',
    company: 'Företagsnamn',
    count: 'Antal artiklar',
    showPreview: 'Visa förhandsgranskning',
    cancel: 'Avbryt',
  },
} as const;

/** Like a wedge scanner: every key 4 ms apart, then Enter. */
const wedgeScan = (page: Page, code: string) => scan(page, code, 4);

for (const language of ['en', 'sv'] as const) {
  const w = words[language];
  test.describe(`devices screens in ${language}`, () => {
    test.use({ language });

    test.describe('with simulated devices', () => {
      test.use({ demo: true });

      test('devices page full, station full', async ({ page, host }) => {
        await openDevicesPage(page, host);
        await expect(page.getByTestId('simulated-banner')).toBeVisible();
        const { detail, history } = printerDetail(page);
        for (let i = 0; i < 3; i++) {
          await detail.getByRole('button', { name: w.testPrint }).click();
          await expect(printedRows(history)).toHaveCount(i + 1);
        }
        await detail.getByRole('button', { name: w.paperOut, exact: true }).click();
        await expect(detail.getByTestId('printer-status')).toContainText(w.paperOut);
        await detail.getByRole('button', { name: w.testPrint }).click();
        await expect(detail.getByTestId('job-queue').locator('tr[data-job-state="queued"]')).toHaveCount(1);
        await page.mouse.move(0, 0);
        await page.screenshot({ path: `${OUT}devices-printers-${language}.png` });
        await detail.getByRole('button', { name: w.paperOut, exact: true }).click();
        await expect(printedRows(history)).toHaveCount(4);

        await detail.getByRole('button', { name: w.printLabels }).click();
        const dialog = page.getByRole('dialog');
        await chooseLabel(dialog, w.ssccTemplate, w.label);
        await dialog.getByLabel(w.company).fill('Nordic DC Jönköping');
        await dialog.getByRole('textbox', { name: 'SSCC' }).fill(withCheckDigit('00735000000000452')!);
        await dialog.getByLabel(w.count, { exact: true }).fill('24');
        await dialog.getByRole('button', { name: w.showPreview }).click();
        await expect(dialog.locator('.label-images img')).toHaveCount(1);
        await page.screenshot({ path: `${OUT}devices-print-preview-${language}.png` });
        await dialog.getByRole('button', { name: w.cancel }).click();

        await page.getByRole('tab', { name: w.scanners }).click();
        for (const sample of [w.sscc, w.carton, w.bad]) {
          await page.getByRole('button', { name: sample }).first().click();
        }
        await expect(page.getByTestId('scan-entry')).toHaveCount(3);
        await page.screenshot({ path: `${OUT}devices-scanners-${language}.png` });

        await page.getByRole('tab', { name: w.doors }).click();
        const door = page.getByTestId('door-io').first();
        await door.getByRole('button', { name: w.openDoor }).click();
        await expect(door.getByTestId('interlock-refusal')).toBeVisible();
        const engaged = page.getByTestId('door-io').nth(1);
        await engaged.getByRole('button', { name: w.engage }).click();
        // The interlock turns the inside light green once the restraint holds the trailer.
        await expect(engaged.locator('.light-control').first().locator('.lamp-green')).toHaveCount(1);
        await page.mouse.move(0, 0);
        await page.screenshot({ path: `${OUT}devices-doors-${language}.png` });
        await page.getByRole('region', { name: w.ioModules }).scrollIntoViewIfNeeded();
        await page.screenshot({ path: `${OUT}devices-io-modules-${language}.png` });

        await page.goto(`${host.current().url}#/station`);
        await expect(page.getByTestId('station-result')).toContainText(w.ready);
        await page.screenshot({ path: `${OUT}station-ready-${language}.png` });
        await wedgeScan(page, `00${withCheckDigit('00735000000000421')}`);
        await expect(page.getByTestId('station-result')).toHaveAttribute('data-tone', 'ok');
        await wedgeScan(page, 'NOT-A-CODE-123');
        await expect(page.getByTestId('station-result')).toContainText(w.notPrinted);
        await wedgeScan(page, `00${withCheckDigit('00735000000000438')}`);
        await expect(page.getByTestId('station-result')).toHaveAttribute('data-tone', 'ok');
        await page.screenshot({ path: `${OUT}station-printed-${language}.png` });
        const sscc = withCheckDigit('00735000000000445')!;
        await wedgeScan(page, withWrongCheckDigit(sscc));
        await expect(page.getByTestId('station-result')).toHaveAttribute('data-tone', 'bad');
        await page.screenshot({ path: `${OUT}station-refused-${language}.png` });
      });
    });

    test('devices page and station with no devices', async ({ page, host }) => {
      await openDevicesPage(page, host);
      await expect(page.getByText(w.noPrinters)).toBeVisible();
      await expect(page.getByTestId('simulated-banner')).toHaveCount(0);
      await page.screenshot({ path: `${OUT}devices-empty-${language}.png` });
      await page.getByRole('tab', { name: w.scanners }).click();
      await page.screenshot({ path: `${OUT}devices-scanners-empty-${language}.png` });
      await page.getByRole('tab', { name: w.doors }).click();
      await expect(page.getByText(w.noDoors)).toBeVisible();
      await page.goto(`${host.current().url}#/station`);
      await expect(page.getByLabel(w.typeCode)).toBeVisible();
      await page.screenshot({ path: `${OUT}station-empty-${language}.png` });
    });
  });
}
