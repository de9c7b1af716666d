import { expect, openApp, test } from './support/fixtures';
import type { Page } from '@playwright/test';

async function createDoor(page: Page, name: string, opens: string, closes: string) {
  await page.getByRole('tab', { name: 'Doors' }).click();
  await page.getByRole('button', { name: 'New door' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('Direction').selectOption('both');
  await dialog.getByLabel('Opens').fill(opens);
  await dialog.getByLabel('Closes').fill(closes);
  await dialog.getByLabel('Leveler').check();
  await dialog.getByRole('button', { name: 'Create door' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('doors-table').getByRole('cell', { name, exact: true })).toBeVisible();
}

async function fillBooking(
  page: Page,
  values: { door: string; carrier: string; reference: string; time: string; minutes: number },
) {
  await page.getByRole('button', { name: 'Book appointment' }).click();
  const dialog = page.getByRole('dialog');
  const doorSelect = dialog.getByLabel('Door');
  const doorValue = await doorSelect.locator('option', { hasText: `${values.door} (` }).getAttribute('value');
  await doorSelect.selectOption(doorValue!);
  await dialog.getByLabel('Carrier').fill(values.carrier);
  await dialog.getByLabel('Reference / PO').fill(values.reference);
  await dialog.getByLabel('Start').fill(values.time);
  await dialog.getByLabel('Duration (minutes)').fill(String(values.minutes));
  await dialog.getByLabel('Pallets').fill('12');
  await dialog.getByRole('button', { name: 'Book', exact: true }).click();
  return dialog;
}

const block = (page: Page, reference: string) => page.locator(`[data-reference="${reference}"]`);

test('an operator sets up doors, books, is refused an overlap, drags, and finds it all after reload and restart', async ({
  page,
  host,
}) => {
  await openApp(page, host);
  await expect(page.getByText('No dock doors yet')).toBeVisible();
  await createDoor(page, 'Door A', '06:00', '20:00');
  await createDoor(page, 'Door B', '06:00', '20:00');
  await page.getByRole('tab', { name: 'Board' }).click();

  const booked = await fillBooking(page, {
    door: 'Door A',
    carrier: 'PostNord',
    reference: 'PO-1001',
    time: '10:00',
    minutes: 60,
  });
  await expect(booked).toBeHidden();
  await expect(page.getByText('Booked PO-1001 on Door A at 10:00')).toBeVisible();
  await expect(page.getByTestId('lane-Door A').locator('[data-reference="PO-1001"]')).toBeVisible();

  // The overlap is refused where the operator is looking, with the next free slot offered.
  const refused = await fillBooking(page, {
    door: 'Door A',
    carrier: 'DHL Freight',
    reference: 'PO-1002',
    time: '10:30',
    minutes: 60,
  });
  const refusal = refused.getByTestId('refusal');
  await expect(refusal).toContainText('Door A is taken 10:00–11:00 by PostNord (PO-1001)');
  await expect(refusal).toContainText('Next free slot: Door A at 11:00');
  await refused.getByRole('button', { name: 'Use this slot' }).click();
  await expect(refused.getByLabel('Start')).toHaveValue('11:00');
  await refused.getByRole('button', { name: 'Close' }).first().click();
  await expect(block(page, 'PO-1002')).toHaveCount(0);

  // Drag PO-1001 one row down (Door B) and one hour right. The board scales the working day to
  // the window: an hour is as wide as this one-hour block (plus its 2 px gap), a row as tall as a lane.
  const source = block(page, 'PO-1001');
  const box = (await source.boundingBox())!;
  const hour = box.width + 2;
  const row = (await page.getByTestId('lane-Door A').boundingBox())!.height;
  await page.mouse.move(box.x + 10, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 10 + hour / 2, box.y + box.height / 2 + row / 2, { steps: 5 });
  await page.mouse.move(box.x + 10 + hour, box.y + box.height / 2 + row, { steps: 5 });
  await page.mouse.up();
  await expect(page.getByText('Moved PO-1001 to Door B at 11:00')).toBeVisible();
  await expect(page.getByTestId('lane-Door B').locator('[data-reference="PO-1001"]')).toHaveAttribute(
    'aria-label',
    /11:00–12:00/,
  );

  await page.reload();
  await expect(page.getByTestId('lane-Door B').locator('[data-reference="PO-1001"]')).toHaveAttribute(
    'aria-label',
    /11:00–12:00/,
  );

  // The host restarts under the open page: it shows the gap, reconnects by itself, and the data is there.
  await host.restart();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected', {
    timeout: 20_000,
  });
  await page.getByRole('tab', { name: 'List' }).click();
  await expect(page.getByTestId('appointment-list')).toContainText('PO-1001');
  await expect(page.getByTestId('appointment-list')).toContainText('Door B');
  await page.reload();
  await page.getByRole('tab', { name: 'Board' }).click();
  await expect(page.getByTestId('lane-Door B').locator('[data-reference="PO-1001"]')).toBeVisible();
});

test('keyboard: arrows move focus between appointments, Shift+Arrow moves the booking', async ({
  page,
  host,
}) => {
  await openApp(page, host);
  await createDoor(page, 'Door K', '06:00', '20:00');
  await page.getByRole('tab', { name: 'Board' }).click();
  await fillBooking(page, { door: 'Door K', carrier: 'Bring', reference: 'K-1', time: '08:00', minutes: 30 });
  await expect(block(page, 'K-1')).toBeVisible();
  await fillBooking(page, { door: 'Door K', carrier: 'Bring', reference: 'K-2', time: '09:00', minutes: 30 });
  await expect(block(page, 'K-2')).toBeVisible();
  await block(page, 'K-1').focus();
  await page.keyboard.press('ArrowRight');
  await expect(block(page, 'K-2')).toBeFocused();
  await page.keyboard.press('Shift+ArrowRight');
  await expect(page.getByText('Moved K-2 to Door K at 09:15')).toBeVisible();
  await block(page, 'K-2').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Appointment K-2' })).toBeVisible();
});

test('a refused move says why and leaves the booking where it was', async ({ page, host }) => {
  await openApp(page, host);
  await createDoor(page, 'Door M', '06:00', '20:00');
  await page.getByRole('tab', { name: 'Board' }).click();
  await fillBooking(page, {
    door: 'Door M',
    carrier: 'DSV Road',
    reference: 'M-1',
    time: '08:00',
    minutes: 60,
  });
  await expect(block(page, 'M-1')).toBeVisible();
  await fillBooking(page, {
    door: 'Door M',
    carrier: 'DSV Road',
    reference: 'M-2',
    time: '09:00',
    minutes: 60,
  });
  await expect(block(page, 'M-2')).toBeVisible();
  await block(page, 'M-2').focus();
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(page.getByRole('alert').filter({ hasText: 'Could not move M-2' })).toContainText(
    'Door M is taken 08:00–09:00',
  );
  await expect(block(page, 'M-2')).toHaveAttribute('aria-label', /09:00–10:00/);
});
