import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { buildXlsx } from '../electron/core/routing/planning/import/xlsx-fixture';
import {
  csvUpload,
  dragWithMouse as drag,
  leaveApp,
  openImportDialog,
  openRoutesWithFleet,
  ORDERS_CSV,
  xlsxUpload,
} from './support/routes-setup';

async function importOrders(page: Page) {
  const dialog = await openImportDialog(page);
  await dialog.getByLabel('CSV or Excel (.xlsx) file').setInputFiles(csvUpload(ORDERS_CSV));
  // Map every column the way the file means it (whatever core suggested), then read the preview.
  const map = async (field: string | RegExp, column: string) =>
    dialog.getByRole('combobox', { name: field }).selectOption(column);
  await map(/^Reference/, 'Reference');
  await map(/^Customer/, 'Customer');
  await map(/^Latitude/, 'Latitude');
  await map(/^Longitude/, 'Longitude');
  await map(/^Window from/, 'Window start');
  await map(/^Window to/, 'Window end');
  await map(/^Service/, 'Service minutes');
  await map(/^Skills/, 'Skills');
  await map('Amount (kg)', 'Weight kg');
  await map('Amount (pallets)', 'Pallets');
  await expect(dialog.getByTestId('import-summary')).toContainText(
    '8 of 9 rows can be imported; 1 with problems',
  );
  // The bad row is shown, with its problem, before anything is saved.
  const bad = dialog.locator('tr.row-error');
  await expect(bad).toHaveCount(1);
  await expect(bad).toContainText('J-1009');
  await expect(bad.locator('td.cell-error')).toContainText('57.50x');
  await expect(bad.locator('td.errors')).toContainText('Latitude: “57.50x” is not a number');
  await dialog.getByRole('button', { name: 'Import 8 orders' }).click();
  await expect(page.getByText('Imported 8 orders')).toBeVisible();
  // What was left out stays on screen until the dispatcher closes it.
  await expect(dialog.getByTestId('import-rejected')).toContainText('1 row was not imported');
  await expect(dialog.getByTestId('import-rejected')).toContainText('Row 10');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
}

async function optimize(page: Page) {
  await page.getByRole('combobox', { name: 'Time limit' }).selectOption('2');
  await page.getByRole('button', { name: 'Optimize', exact: true }).click();
  await expect(page.getByText(/^Plan ready: \d vehicles, 0 unassigned/)).toBeVisible({ timeout: 30_000 });
}

// Leave the app before the host stops (a late reconnect can keep the host from exiting).
test.afterEach(leaveApp);

const summary = (page: Page, fact: string) => page.locator(`[data-fact="${fact}"] .fact-value`);

test('a dispatcher imports orders, optimizes, breaks a rule by hand, undoes it, dispatches and prints', async ({
  page,
  host,
}) => {
  const fleet = await openRoutesWithFleet(page, host);
  await expect(page.getByTestId('routes-empty')).toContainText('No orders for this day');
  await expect(page.getByTestId('routes-empty')).toContainText('2 vehicles and 2 drivers are available');

  await importOrders(page);
  await expect(summary(page, 'orders')).toHaveText('8');
  await expect(summary(page, 'unassigned')).toHaveText('8');

  await optimize(page);
  await expect(summary(page, 'served')).toHaveText('8');
  await expect(summary(page, 'violations')).toHaveText('0');
  const list = page.getByTestId('route-list');
  const coldCard = list.getByTestId(`route-${fleet.coldVan.id}`);
  const vanCard = list.getByTestId(`route-${fleet.van.id}`);
  // Only the refrigerated van may carry the fish.
  await expect(coldCard.locator('[data-reference="C-1007"]')).toBeVisible();
  const kmBefore = await summary(page, 'km').textContent();

  // The map draws every stop and the depot on a plain base: no remote image, no broken tile.
  const map = page.getByTestId('route-map');
  await expect(map.locator('.map-stop')).toHaveCount(8);
  await expect(map.locator('.map-depot')).toHaveCount(1);
  await expect(map.locator('canvas[data-tile]').first()).toBeVisible();
  await expect(map.locator('img')).toHaveCount(0);

  // Drag the fish to the ordinary van: core accepts the draft but flags the stop.
  await drag(page, coldCard.locator('[data-reference="C-1007"]'), vanCard);
  const moved = vanCard.locator('[data-reference="C-1007"]');
  await expect(moved).toBeVisible();
  await expect(moved).toHaveAttribute('data-violated', 'true');
  await expect(moved.getByTestId('violation')).toContainText('Needs “cold_chain”');
  await expect(page.getByTestId('route-timeline').locator('[data-reference="C-1007"]')).toHaveAttribute(
    'data-violated',
    'true',
  );
  // Where it was dropped may also make it late or the van too full: at least this one is flagged.
  await expect(map.locator('.map-stop-violated').first()).toBeVisible();
  await expect(summary(page, 'violations')).toHaveText(/^[1-9]\d*$/);
  await expect(summary(page, 'km')).not.toHaveText(kmBefore!);
  // A plan that breaks a rule is not dispatched.
  await page.getByRole('button', { name: 'Dispatch…' }).click();
  await expect(page.getByTestId('dispatch-dialog')).toContainText('This plan still breaks a rule');
  await page.getByTestId('dispatch-dialog').getByRole('button', { name: 'Close' }).last().click();

  // Undo puts it back; the numbers come back too.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(coldCard.locator('[data-reference="C-1007"]')).toBeVisible();
  await expect(page.getByTestId('violation')).toHaveCount(0);
  await expect(summary(page, 'violations')).toHaveText('0');
  await expect(summary(page, 'km')).toHaveText(kmBefore!);
  // …and redo would bring the edit back; undo again to leave the good plan.
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(vanCard.locator('[data-reference="C-1007"]')).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(coldCard.locator('[data-reference="C-1007"]')).toBeVisible();

  // Dispatch with a driver per route, then print.
  await page.getByRole('button', { name: 'Dispatch…' }).click();
  const dialog = page.getByTestId('dispatch-dialog');
  await dialog.getByRole('button', { name: /^Dispatch \d+ routes?$/ }).click();
  await expect(page.getByText(/Dispatched as version \d+/)).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Route sheets (all drivers)' }).click(),
  ]);
  const pdf = readFileSync((await download.path())!);
  expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  const [loadList] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Load list' }).click(),
  ]);
  expect(
    readFileSync((await loadList.path())!)
      .subarray(0, 4)
      .toString('latin1'),
  ).toBe('%PDF');
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  await expect(page.getByTestId('plan-status')).toContainText('Dispatched');

  // The plan is kept: after a reload the same routes are there.
  await page.reload();
  await expect(
    page
      .getByTestId('route-list')
      .getByTestId(`route-${fleet.coldVan.id}`)
      .locator('[data-reference="C-1007"]'),
  ).toBeVisible();
});

test('keyboard: Shift+arrows move a stop, Delete unassigns it, Ctrl+Z undoes', async ({ page, host }) => {
  const fleet = await openRoutesWithFleet(page, host);
  await importOrders(page);
  await optimize(page);
  const list = page.getByTestId('route-list');
  // The busiest route (the refrigerated van may carry the fish alone).
  const cards = [fleet.coldVan, fleet.van].map((v) => ({ ...v, card: list.getByTestId(`route-${v.id}`) }));
  const counts = await Promise.all(cards.map((c) => c.card.locator('[data-stop-id]').count()));
  const { card, name } = cards[counts[0]! >= counts[1]! ? 0 : 1]!;
  expect(Math.max(...counts)).toBeGreaterThan(1);
  const first = card.locator('[data-stop-id]').first();
  const ref = (await first.getAttribute('data-reference'))!;
  await first.focus();
  await page.keyboard.press('Shift+ArrowDown');
  await expect(card.locator('[data-stop-id]').nth(1)).toHaveAttribute('data-reference', ref);
  await expect(card.locator(`[data-reference="${ref}"]`)).toBeFocused();
  await page.keyboard.press('Delete');
  await expect(list.getByTestId('unassigned').locator(`[data-reference="${ref}"]`)).toBeVisible();
  await expect(summary(page, 'unassigned')).toHaveText('1');
  await page.keyboard.press('Control+z');
  await expect(card.locator('[data-stop-id]').nth(1)).toHaveAttribute('data-reference', ref);
  await expect(summary(page, 'unassigned')).toHaveText('0');
  // A locked route refuses edits and says why.
  await card.getByRole('button', { name: `Lock the route of ${name}` }).click();
  await expect(card.getByRole('button', { name: `Unlock the route of ${name}` })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await card.locator(`[data-reference="${ref}"]`).focus();
  await page.keyboard.press('Delete');
  await expect(page.getByText('That stop is on a locked route')).toBeVisible();
  await expect(card.locator(`[data-reference="${ref}"]`)).toBeVisible();

  // "Re-optimize the rest" plans around the locked route and leaves it exactly as it was.
  const lockedRefs = await card
    .locator('[data-stop-id]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-reference')));
  await page.getByRole('button', { name: 'Re-optimize the rest' }).click();
  await expect(page.getByTestId('optimize-progress')).toBeVisible();
  await expect(page.getByTestId('optimize-progress')).toBeHidden({ timeout: 30_000 });
  await expect(card.getByRole('button', { name: `Unlock the route of ${name}` })).toBeVisible();
  expect(
    await card
      .locator('[data-stop-id]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-reference'))),
  ).toEqual(lockedRefs);
  await expect(summary(page, 'unassigned')).toHaveText('0');
});

test('a long optimisation can be stopped and keeps the best plan found so far', async ({ page, host }) => {
  const fleet = await openRoutesWithFleet(page, host);
  await importOrders(page);
  await optimize(page);
  await page.getByRole('combobox', { name: 'Time limit' }).selectOption('60');
  await page.getByRole('button', { name: 'Optimize', exact: true }).click();
  const progress = page.getByTestId('optimize-progress');
  // Live progress: the best plan so far, while the search goes on.
  await expect(progress).toContainText(/best so far: \d vehicles/, { timeout: 20_000 });

  // Meanwhile the plan is read-only (its result will replace the draft): said, and held to.
  await expect(page.getByTestId('optimize-frozen')).toContainText('Optimising: the plan can be changed');
  await expect(page.getByRole('button', { name: 'Dispatch…' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();
  const lock = page.getByRole('button', { name: `Lock the route of ${fleet.coldVan.name}` });
  await lock.click();
  await expect(page.locator('.toast', { hasText: 'Optimising: the plan can be changed' })).toBeVisible();
  await expect(lock).toHaveAttribute('aria-pressed', 'false');

  await progress.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByText(/^Stopped: the best plan so far is kept/)).toBeVisible({ timeout: 15_000 });
  await expect(progress).toBeHidden();
  await expect(summary(page, 'served')).toHaveText('8');
});

test('a late order entered by hand; a 0,0 position is refused with the reason', async ({ page, host }) => {
  await openRoutesWithFleet(page, host);
  await page.getByTestId('routes-empty').getByRole('button', { name: 'New order' }).click();
  const dialog = page.getByTestId('order-dialog');
  await dialog.getByLabel('Reference').fill('LATE-1');
  await dialog.getByLabel('Customer').fill('Apoteket Huskvarna');
  await dialog.getByLabel('Latitude').fill('0');
  await dialog.getByLabel('Longitude').fill('0');
  await dialog.getByRole('button', { name: 'Create order' }).click();
  await expect(dialog.getByTestId('refusal')).toContainText('0,0');
  await expect(dialog.getByLabel('Latitude')).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByLabel('Latitude').fill('57.7905');
  await dialog.getByLabel('Longitude').fill('14.2700');
  await dialog.getByLabel('Must be served within a time window').check();
  await dialog.getByLabel('Window from').fill('13:00');
  await dialog.getByLabel('Window to').fill('15:00');
  await dialog.getByLabel('Amount (kg)').fill('25');
  await dialog.getByRole('button', { name: 'Create order' }).click();
  await expect(page.getByText('Order LATE-1 created')).toBeVisible();
  await expect(page.getByTestId('unassigned').locator('[data-reference="LATE-1"]')).toContainText(
    'Not planned yet',
  );
  await page.getByRole('tab', { name: 'Orders (1)' }).click();
  await expect(page.getByTestId('order-list')).toContainText('13:00–15:00 · 25 kg');
  // Deleting asks once more before the order is gone.
  await page.getByRole('button', { name: 'Delete order LATE-1' }).click();
  await expect(page.getByTestId('order-list')).toContainText('LATE-1');
  await page.getByTestId('order-list').getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByText('Order LATE-1 deleted')).toBeVisible();
  await expect(page.getByTestId('routes-empty')).toBeVisible();
});

test('plans are saved as versions and an older version can be made the draft again', async ({
  page,
  host,
}) => {
  await openRoutesWithFleet(page, host);
  await importOrders(page);
  await optimize(page);
  await page.getByRole('button', { name: 'Versions (0)…' }).click();
  const dialog = page.getByTestId('versions-dialog');
  await dialog.getByLabel('Note for the new version (optional)').fill('Morning plan');
  await dialog.getByRole('button', { name: 'Save the current plan as a new version' }).click();
  await expect(page.getByText('Saved as version 1')).toBeVisible();
  await expect(dialog.locator('tbody tr')).toHaveCount(1);
  await expect(dialog.locator('tbody tr')).toContainText('Morning plan');
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

  // Take a stop off its route, then bring version 1 back.
  const stop = page
    .getByTestId('route-list')
    .locator('section[data-drop-vehicle]:not([data-drop-vehicle=""]) [data-stop-id]')
    .first();
  const ref = (await stop.getAttribute('data-reference'))!;
  await stop.focus();
  await page.keyboard.press('Delete');
  await expect(summary(page, 'unassigned')).toHaveText('1');
  await page.getByRole('button', { name: 'Versions (1)…' }).click();
  await dialog.getByRole('button', { name: 'Make it the draft' }).click();
  await expect(page.getByText('Version 1 is the draft again')).toBeVisible();
  await expect(summary(page, 'unassigned')).toHaveText('0');
  await expect(page.getByTestId('unassigned').locator(`[data-reference="${ref}"]`)).toHaveCount(0);
});

test('an Excel file imports the same way, with the columns core recognised already mapped', async ({
  page,
  host,
}) => {
  await openRoutesWithFleet(page, host);
  const dialog = await openImportDialog(page);
  const xlsx = buildXlsx(
    [
      ['Order', 'Customer', 'Latitude', 'Longitude', 'Window start', 'Window end', 'Weight kg'],
      ['X-1', 'Åkes Livs', 57.786, 14.274, '08:00', '12:00', 120],
      ['X-2', 'Bergs Bageri', 57.704, 14.321, '13:00', '11:00', 80],
    ],
    { sheetName: 'Orders' },
  );
  await dialog.getByLabel('CSV or Excel (.xlsx) file').setInputFiles(xlsxUpload(xlsx));
  await expect(dialog.getByTestId('import-summary')).toContainText(
    '1 of 2 rows can be imported; 1 with problems',
  );
  await expect(dialog.getByTestId('import-summary')).toContainText('Read from the sheet “Orders”');
  await expect(dialog.locator('tr.row-error')).toContainText(
    'The time window ends before it starts (13:00–11:00)',
  );
  // All or nothing: with a bad row, nothing can be imported.
  await dialog.getByLabel('Import nothing unless every row is valid').check();
  await expect(dialog.getByRole('button', { name: 'Import 1 order' })).toBeDisabled();
  await dialog.getByLabel('Import nothing unless every row is valid').uncheck();
  await dialog.getByRole('button', { name: 'Import 1 order' }).click();
  await expect(page.getByText('Imported 1 order')).toBeVisible();
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).first().click();
  await page.getByRole('tab', { name: 'Orders (1)' }).click();
  await expect(page.getByTestId('order-list')).toContainText('X-1');
  await expect(page.getByTestId('order-list')).toContainText('08:00–12:00 · 120 kg');
});

test('an unreadable file and a file with no good rows are refused before anything is saved', async ({
  page,
  host,
}) => {
  await openRoutesWithFleet(page, host);
  const dialog = await openImportDialog(page);
  await dialog.getByLabel('CSV or Excel (.xlsx) file').setInputFiles(xlsxUpload('this is not a spreadsheet'));
  await expect(dialog.getByRole('alert')).toContainText('The file could not be read');
  await expect(dialog.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('routes-empty')).toBeVisible();
});
