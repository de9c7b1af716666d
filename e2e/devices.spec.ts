import { expect, openApp, test } from './support/fixtures';
import {
  chooseLabel,
  openDevicesPage,
  openDevicesTab,
  openSimulatedDevices,
  openStation,
  printedRows,
  printerDetail,
  sscc,
  wedgeScan,
  withWrongCheckDigit,
} from './support/devices-steps';

/**
 * The Devices page and the scan-to-print station against the real host in simulated-devices
 * mode: real printer simulator over TCP, real pty scanner, real Modbus dock simulator.
 */
test.use({ demo: true });

test('a test print is printed; paper out holds the queue and clearing it finishes the job', async ({
  page,
  host,
}) => {
  await openSimulatedDevices(page, host);
  const { detail, history } = printerDetail(page);
  const status = detail.getByTestId('printer-status');
  await expect(status).toHaveText('Ready');

  await detail.getByRole('button', { name: 'Test connection' }).click();
  await expect(detail.getByTestId('connection-test')).toContainText('Connected.');

  await detail.getByRole('button', { name: 'Test print' }).click();
  await expect(printedRows(history)).toHaveCount(1);

  await detail.getByRole('button', { name: 'Paper out', exact: true }).click();
  await expect(status).toContainText('Paper out');
  await expect(page.getByTestId('printer-card')).toContainText('Paper out');
  await detail.getByRole('button', { name: 'Test print' }).click();
  const queue = detail.getByTestId('job-queue');
  await expect(queue.locator('tr[data-job-state="queued"]')).toHaveCount(1);
  // The worker has looked at the printer and holds the job: it says why, and nothing more printed.
  await expect(detail.getByRole('status').first()).toContainText(/paper/i);
  await expect(queue.locator('tr[data-job-state="queued"]')).toHaveCount(1);
  await expect(printedRows(history)).toHaveCount(1);

  await detail.getByRole('button', { name: 'Paper out', exact: true }).click();
  await expect(printedRows(history)).toHaveCount(2);
  await expect(queue).toHaveCount(0);
  await expect(status).toHaveText('Ready');
  // Printed exactly twice: the held job was not sent a second time.
  await expect(page.getByTestId('simulated-banner')).toContainText('(2 labels received)');
});

test('a print with preview, and field errors when adding a printer', async ({ page, host }) => {
  await openSimulatedDevices(page, host);
  const { detail, history } = printerDetail(page);
  await detail.getByRole('button', { name: 'Print labels…' }).click();
  const dialog = page.getByRole('dialog');
  await chooseLabel(dialog, 'Location label');
  await expect(dialog.getByRole('button', { name: 'Print 1' })).toBeDisabled();
  await expect(dialog.getByText('Still needed: Location code')).toBeVisible();
  await dialog.getByLabel('Location code').fill('A-01-02');
  await dialog.getByLabel('Zone').fill('Cold ^XZ~JR_room');
  await dialog.getByLabel('Copies').fill('3');
  await dialog.getByRole('button', { name: 'Show preview' }).click();
  await expect(dialog.locator('.label-images img')).toHaveCount(1);
  await expect(dialog.locator('.label-images img')).toHaveAttribute('src', /^data:image\/png;base64,/);
  // The operator's text is escaped in the ZPL: it cannot end the format or fire a command.
  await dialog.getByRole('button', { name: 'Show ZPL' }).click();
  await expect(dialog.locator('pre.zpl')).toContainText('_5EXZ_7EJR_5F');
  await expect(dialog.locator('pre.zpl')).not.toContainText('^XZ~JR');
  await dialog.getByRole('button', { name: 'Print 3' }).click();
  await expect(dialog).toBeHidden();
  await expect(printedRows(history)).toHaveCount(3);

  await page.getByRole('button', { name: '+ Add printer' }).click();
  const add = page.getByRole('dialog');
  await add.getByLabel('Host name or IP address').fill('bad host!');
  await add.getByLabel('Port').fill('70000');
  await add.getByLabel('Label width (mm)').fill('5');
  await add.getByRole('button', { name: 'Add printer' }).click();
  await expect(add.getByText('Fill this in.')).toBeVisible();
  await expect(add.getByText('Not a host name or IP address.')).toBeVisible();
  await expect(add.getByText('A port is a whole number from 1 to 65535.')).toBeVisible();
  await expect(add.getByText('Between 10 and 220 mm.')).toBeVisible();
  await expect(add.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await add.getByLabel('Name', { exact: true }).fill('Dock 7 printer');
  await add.getByLabel('Host name or IP address').fill('127.0.0.1');
  await add.getByLabel('Port').fill('9');
  await add.getByLabel('Label width (mm)').fill('101.6');
  await add.getByRole('button', { name: 'Add printer' }).click();
  await expect(add).toBeHidden();
  await expect(page.getByTestId('printer-card')).toHaveCount(2);
});

test('a wedge scan at the station prints the matching label, and never lands in the text box', async ({
  page,
  host,
}) => {
  await openStation(page, host);
  const result = page.getByTestId('station-result');
  await expect(result).toContainText('Ready: scan a barcode');
  await expect(page.getByLabel('Station printer')).toHaveValue(/.+/);

  // Focus is on the page body: the scan still arrives and prints.
  const first = sscc('1001');
  await wedgeScan(page, `00${first}`);
  await expect(result).toHaveAttribute('data-tone', 'ok');
  await expect(result).toContainText(`Printed Pallet ${first}`);

  // Focus in the code box: the scan prints and the box stays empty.
  const box = page.getByLabel('Barcode will not scan? Type it in');
  await box.click();
  const second = sscc('1002');
  await wedgeScan(page, `00${second}`);
  await expect(result).toContainText(`Printed Pallet ${second}`);
  await expect(box).toHaveValue('');
  await expect(box).toBeFocused();

  // A person typing in the box is not a scanner: their text stays and Enter prints it.
  const third = sscc('1003');
  await box.pressSequentially(`00${third}`, { delay: 120 });
  await expect(box).toHaveValue(`00${third}`);
  await box.press('Enter');
  await expect(result).toContainText(`Printed Pallet ${third}`);
  await expect(box).toHaveValue('');

  // A misprinted barcode: nothing prints, and the screen says why and what to do.
  await wedgeScan(page, withWrongCheckDigit(first));
  await expect(result).toHaveAttribute('data-tone', 'bad');
  await expect(result).toContainText('Nothing printed');
  await expect(result).toContainText('This barcode is not valid GS1.');
  await expect(result).toContainText('check digit');
  await expect(result).toContainText(
    'Scan it again; if it still fails, type the number printed under it in the box below.',
  );

  const history = page.getByTestId('station-history').locator('li');
  await expect(history).toHaveCount(4);
  await expect(history.first()).toContainText('Nothing printed');
  await expect(history.nth(1)).toContainText('Printed');
});

test('a serial scan from the simulated scanner prints at the station and shows in the scan log', async ({
  page,
  host,
}) => {
  await openStation(page, host);
  await page.getByRole('button', { name: 'Pallet SSCC' }).click();
  const result = page.getByTestId('station-result');
  await expect(result).toHaveAttribute('data-tone', 'ok');
  await expect(result).toContainText('Printed Pallet');

  await page.getByRole('button', { name: 'Gate pass QR' }).click();
  await expect(result).toContainText('Printed Gate pass');

  await page.goto(`${host.current().url}#/devices`);
  await page.getByRole('tab', { name: /Scanners/ }).click();
  await page.getByRole('button', { name: 'Bad check digit' }).click();
  const log = page.getByTestId('scan-log');
  await expect(log.getByTestId('scan-entry').first()).toContainText('Not valid GS1');
  await expect(log.getByTestId('scan-entry').first()).toContainText('check digit');
  await expect(log).toContainText('SSCC (pallet number)');
  await expect(log).toContainText('Count of items');
});

test('a scan on another screen is logged, told, and kept out of the focused field', async ({
  page,
  host,
}) => {
  await openDevicesPage(page, host);
  await page.getByRole('button', { name: '+ Add printer' }).click();
  const name = page.getByRole('dialog').getByLabel('Name', { exact: true });
  await name.click();
  await wedgeScan(page, `00${sscc('2001')}`);
  await expect(page.getByText(`Scanned 00${sscc('2001')}`)).toBeVisible();
  await expect(name).toHaveValue('');
  await name.pressSequentially('Zebra', { delay: 120 });
  await expect(name).toHaveValue('Zebra');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('tab', { name: /Scanners/ }).click();
  await expect(page.getByTestId('scan-log').getByTestId('scan-entry').first()).toContainText(
    'Keyboard scanner',
  );
});

test('dock I/O: the interlock refuses opening without the restraint, and the lights follow it', async ({
  page,
  host,
}) => {
  await openDevicesTab(page, host, /Dock I\/O/);
  const door = page.getByTestId('door-io').first();
  // Until the first poll answers the door is not live and its controls stay off.
  await expect(door).toContainText('OK');
  await expect(door).toContainText('Restraint released');
  await door.getByRole('button', { name: 'Open door' }).click();
  await expect(door.getByTestId('interlock-refusal')).toContainText('restraint');
  await expect(door).toContainText('Door closed');

  await door.getByRole('button', { name: 'Engage restraint' }).click();
  await expect(door).toContainText('Restraint engaged');
  await expect(door.locator('.light-control').first().locator('.lamp-green')).toHaveCount(1);
  await door.getByRole('button', { name: 'Open door' }).click();
  await expect(door).toContainText('Door open');
  await expect(door.getByTestId('interlock-refusal')).toHaveCount(0);

  await door.getByRole('button', { name: 'Trailer', exact: true }).click();
  await expect(door).toContainText('Trailer at door');
});

test.describe('in Swedish', () => {
  test.use({ language: 'sv' });

  test('core refusals are phrased in Swedish: station scans and the door interlock', async ({
    page,
    host,
  }) => {
    await openStation(page, host);
    const result = page.getByTestId('station-result');
    await expect(result).toContainText('Redo: skanna en streckkod');
    await wedgeScan(page, 'NOT-A-CODE-123');
    await expect(result).toHaveAttribute('data-tone', 'bad');
    await expect(result).toContainText('Inget utskrivet');
    await expect(result).toContainText(
      'Inget att skriva ut för ”NOT-A-CODE-123”: varken SSCC, bokning eller känd order.',
    );
    await expect(result).not.toContainText('Nothing to print');
    await wedgeScan(page, 'APT-NOPE-9');
    await expect(result).toContainText('Ingen bokning APT-NOPE-9 hittades. Kontrollera bokningen.');
    await expect(page.getByTestId('station-history').locator('li').first()).toContainText(
      'Ingen bokning APT-NOPE-9',
    );

    await page.goto(`${host.current().url}#/devices`);
    await page.getByRole('tab', { name: /Port-I\/O/ }).click();
    const door = page.getByTestId('door-io').first();
    await expect(door).toContainText('Hjullås frigjort');
    await door.getByRole('button', { name: 'Öppna porten' }).click();
    const refusal = door.getByTestId('interlock-refusal');
    await expect(refusal).toContainText('Stoppat av säkerhetsförreglingen');
    await expect(refusal).toContainText(
      'Door 01: porten kan bara öppnas när hjullåset är låst. Lås hjullåset först.',
    );
    await expect(refusal).not.toContainText('restraint');
  });
});

test('a job cut off by the printer ends uncertain, and the one-click reprint prints it once', async ({
  page,
  host,
}) => {
  await openSimulatedDevices(page, host);
  const { detail, history } = printerDetail(page);
  const banner = page.getByTestId('simulated-banner');
  const cut = detail.getByRole('button', { name: 'Cut next job', exact: true });
  await cut.click();
  await expect(cut).toHaveAttribute('aria-pressed', 'true');
  await detail.getByRole('button', { name: 'Test print' }).click();

  const attention = detail.getByTestId('jobs-attention');
  await expect(attention).toContainText('Needs checking');
  const uncertain = attention.locator('li[data-job-state="uncertain"]');
  await expect(uncertain).toHaveCount(1);
  await expect(uncertain).toContainText('Uncertain');
  await expect(uncertain).toContainText('check whether the label came out');
  await expect(history.locator('tr[data-job-state="uncertain"]')).toHaveCount(1);
  await expect(printedRows(history)).toHaveCount(0);
  // The bytes did reach the printer; the switch fired once and is off again.
  await expect(banner).toContainText('(1 labels received)');
  await expect(cut).toHaveAttribute('aria-pressed', 'false');

  await uncertain.getByRole('button', { name: 'Reprint' }).click();
  await expect(history.locator('tr[data-job-state="printed"]', { hasText: 'reprint' })).toHaveCount(1);
  // Linked to the uncertain job: it leaves "Needs checking" because a reprint now points at it.
  await expect(attention).toHaveCount(0);
  await expect(history.locator('tr[data-job-state="uncertain"]')).toHaveCount(1);
  // Exactly two labels reached the simulator: the cut one and its reprint, nothing resent.
  await expect(banner).toContainText('(2 labels received)');
  await expect(printedRows(history)).toHaveCount(1);
});

test('a batch shows progress and can be cancelled; a reprint is a new job linked to the old one', async ({
  page,
  host,
}) => {
  await openSimulatedDevices(page, host);
  const { detail, history } = printerDetail(page);
  // A slow printer keeps the batch running long enough to watch and cancel it.
  await detail.getByRole('button', { name: 'Slow', exact: true }).click();
  await detail.getByRole('button', { name: 'Print labels…' }).click();
  const dialog = page.getByRole('dialog');
  await chooseLabel(dialog, 'Location label');
  await dialog.getByLabel('Location code').fill('B-07');
  await dialog.getByLabel('Copies').fill('400');
  await dialog.getByRole('button', { name: 'Print 400' }).click();
  const batch = detail.getByTestId('batch-progress');
  await expect(batch).toContainText(/\d+ of 400 done/);
  await expect(printedRows(history).first()).toBeVisible();
  await batch.getByRole('button', { name: 'Cancel the rest' }).click();
  await expect(batch).toHaveCount(0);
  await expect(detail.getByTestId('job-queue')).toHaveCount(0);
  await expect(history.locator('tr[data-job-state="cancelled"]').first()).toBeVisible();
  // The whole history scrolls: older pages load as it reaches the bottom, only rows in view are drawn.
  const scroll = detail.locator('.job-history-scroll');
  // Scrolled to the end, the oldest job (the batch's first label, printed) is the last row: keep
  // scrolling while older pages load (slowly on a loaded machine).
  await expect(async () => {
    await scroll.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect(detail.getByRole('button', { name: 'Show older' })).toHaveCount(0, { timeout: 500 });
    await expect(history.locator('tbody tr[data-job-state]').last()).toHaveAttribute('data-job-state', 'printed', {
      timeout: 500,
    });
  }).toPass({ timeout: 30_000 });
  expect(await history.locator('tbody tr[data-job-state]').count()).toBeLessThan(60);
  await scroll.evaluate((el) => el.scrollTo(0, 0));
  const printed = await page.getByTestId('simulated-banner').textContent();
  const labels = Number(/\((\d+) labels received\)/.exec(printed ?? '')?.[1]);
  expect(labels).toBeGreaterThan(0);
  expect(labels).toBeLessThan(400);

  await detail.getByRole('button', { name: 'Slow', exact: true }).click();
  // The newest finished jobs are the cancelled ones; a cancelled label can be printed again too.
  await history.locator('tbody tr').first().getByRole('button', { name: 'Reprint' }).click();
  await expect(history.locator('tr[data-job-state="printed"]', { hasText: 'reprint' })).toHaveCount(1);
});

test('a door wired to an I/O module that does not answer shows as offline, with the reason', async ({
  page,
  host,
}) => {
  await openDevicesTab(page, host, /Dock I\/O/);
  await expect(page.getByTestId('door-io')).toHaveCount(4);
  const modules = page.getByRole('region', { name: 'I/O modules' });
  await modules.getByRole('button', { name: '+ Add I/O module' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Add I/O module' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Give the module a name and its address.');
  await dialog.getByLabel('Name', { exact: true }).fill('Yard panel');
  await dialog.getByLabel('Host name or IP address').fill('127.0.0.1');
  // Nothing listens on port 1: the module is unreachable.
  await dialog.getByLabel('Port').fill('1');
  await dialog.getByRole('button', { name: 'Add I/O module' }).click();
  await expect(dialog).toBeHidden();
  await expect(modules.getByTestId('io-modules')).toContainText('Yard panel');

  const doorName = await modules
    .getByRole('combobox', { name: 'Door', exact: true })
    .locator('option:checked')
    .textContent();
  await modules.getByRole('combobox', { name: 'Module', exact: true }).selectOption({ label: 'Yard panel' });
  await modules.getByLabel('Unit id').fill('300');
  await expect(modules.getByText('A Modbus unit id is 0 to 247.')).toBeVisible();
  await modules.getByLabel('Unit id').fill('1');
  await modules.getByRole('button', { name: 'Wire door', exact: true }).click();
  const card = page.locator(`[data-testid="door-io"][data-door="${doorName}"]`);
  await expect(card).toContainText('I/O offline');
  await expect(card.locator('.reason')).not.toBeEmpty();
  await expect(card.getByRole('button', { name: 'Open door' })).toBeDisabled();
});

test('the keyboard scanner settings: a GS placeholder becomes FNC1 and bad settings are refused by the box', async ({
  page,
  host,
}) => {
  await openDevicesTab(page, host, /Scanners/);
  const form = page.getByRole('form', { name: 'Keyboard scanner' });
  await form.getByLabel('Prefix').fill('<GS>#');
  await form.getByLabel('Text sent for GS (FNC1)').fill('<GS>');
  await expect(form.getByText('The GS text may not be part of the prefix.')).toBeVisible();
  await expect(form.getByRole('button', { name: 'Save' })).toBeDisabled();
  await form.getByLabel('Prefix').fill('');
  await form.getByLabel('Text sent for GS (FNC1)').fill('|');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Keyboard scanner settings saved')).toBeVisible();

  await page.goto(`${host.current().url}#/station`);
  const result = page.getByTestId('station-result');
  // The station screen loads on first open: scan once it is there to take the scan.
  await expect(result).toContainText('Ready: scan a barcode');
  const code = sscc('3001');
  await wedgeScan(page, `00${code}|3712`);
  await expect(result).toContainText(`Printed Pallet ${code}`);
  await expect(result).toContainText(`00${code}‹GS›3712`);
});

test('a single key typed by a person still reaches keyboard shortcuts (the wedge gives it back)', async ({
  page,
  host,
}) => {
  await openApp(page, host);
  await expect(page.locator('[data-door]').first()).toBeVisible();
  await page.keyboard.press('n');
  await expect(page.getByRole('dialog', { name: 'Book appointment' })).toBeVisible();
});
