import type { Locator, Page } from '@playwright/test';
import { withCheckDigit } from '@shared/domain/gs1';
import { expect, openApp, type HostControl } from './fixtures';

/**
 * Steps the Devices and station E2E suites share: opening the screens, the printer detail's parts,
 * and scans typed the way a keyboard-wedge scanner types them.
 */

/** How far ahead of now a burst's timestamps start (more than a loaded machine takes to deliver it). */
const DELIVERY_ALLOWANCE_MS = 1_000;

/**
 * Types like a keyboard-wedge scanner: a few ms per key, then Enter. The wedge tells a scanner
 * from a person by key timing (`event.timeStamp`), so the keys go to the browser in one burst
 * with their timestamps set `gapMs` apart: a loaded test machine that is slow to send each key
 * must not turn a scan into typing. The timestamps start a little ahead of now: the wedge's
 * stall timer compares the clock with the last key's time, and a browser slow to deliver the
 * queued keys must not read as a scanner that stopped half-way. The keys are still real (trusted)
 * input events.
 */
export async function wedgeScan(page: Page, code: string, gapMs = 5): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const start = (Date.now() + DELIVERY_ALLOWANCE_MS) / 1000;
  const keys = [...code].map((ch) => ({ key: ch, text: ch }));
  keys.push({ key: 'Enter', text: '\r' });
  const sent = keys.flatMap(({ key, text }, i) => {
    const timestamp = start + (i * gapMs) / 1000;
    const enter = key === 'Enter' ? { code: 'Enter', windowsVirtualKeyCode: 13 } : {};
    return [
      cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key, text, timestamp, ...enter }),
      cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key, timestamp, ...enter }),
    ];
  });
  await Promise.all(sent);
  await cdp.detach();
}

/** A valid SSCC from the demo company prefix with the given serial. */
export const sscc = (serial: string): string => withCheckDigit(`0073500000${serial.padStart(7, '0')}`)!;

/** The scanned form of an SSCC with its check digit changed, so it is not valid GS1. */
export const withWrongCheckDigit = (code: string): string =>
  `]C100${code.slice(0, -1)}${(Number(code.slice(-1)) + 1) % 10}`;

/** The printed rows of a printer's job history. */
export const printedRows = (history: Locator): Locator => history.locator('tr[data-job-state="printed"]');

/** Opens the app and then the Devices page. */
export async function openDevicesPage(page: Page, host: HostControl): Promise<void> {
  await openApp(page, host);
  await page.goto(`${host.current().url}#/devices`);
}

/** Opens the Devices page and waits for the simulated-devices banner. */
export async function openSimulatedDevices(page: Page, host: HostControl): Promise<void> {
  await openDevicesPage(page, host);
  await expect(page.getByTestId('simulated-banner')).toContainText('Simulated devices');
}

/** Opens the Devices page on the tab whose name matches. */
export async function openDevicesTab(page: Page, host: HostControl, tab: RegExp | string): Promise<void> {
  await openDevicesPage(page, host);
  await page.getByRole('tab', { name: tab }).click();
}

/** Opens the app and then the scan-to-print station. */
export async function openStation(page: Page, host: HostControl): Promise<void> {
  await openApp(page, host);
  await page.goto(`${host.current().url}#/station`);
}

/** The selected printer's detail panel and its job history table. */
export function printerDetail(page: Page): { detail: Locator; history: Locator } {
  const detail = page.getByTestId('printer-detail');
  return { detail, history: detail.getByTestId('job-history') };
}

/** Picks a label template by its visible name in the print dialog. */
export async function chooseLabel(dialog: Locator, template: string, field = 'Label'): Promise<void> {
  await dialog.getByRole('combobox', { name: field, exact: true }).selectOption({ label: template });
}
