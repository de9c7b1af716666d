import { expect, openApp, test } from './support/fixtures';

/**
 * The first screen on the demo day, as a new dock office user meets it at 1440×900: the whole
 * working day and all twelve doors in view, what the colours mean, every block readable in full on
 * hover or focus, a repeated reference warned about, and dates in the app's language.
 */
test.describe('the dock board on the demo day', () => {
  test.use({ demo: true });

  test('shows the working day and every door without scrolling, with a legend and full labels', async ({
    page,
    host,
  }) => {
    await openApp(page, host);
    const board = page.getByTestId('day-board');
    await expect(page.locator('[data-door]')).toHaveCount(12);
    const viewport = page.viewportSize()!;
    const scroller = board.locator('.board-scroll');
    // Nothing scrolled: the day starts at the left edge, and the board fits the window.
    expect(await scroller.evaluate((el) => el.scrollLeft)).toBe(0);
    expect(await scroller.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    const last = page.locator('[data-door="Parcel 12"]');
    expect((await last.boundingBox())!.y + (await last.boundingBox())!.height).toBeLessThanOrEqual(
      viewport.height,
    );
    // The day's first (04:30) and last (21:00) appointments are both in view.
    for (const reference of ['SO-99101', 'SO-99140']) {
      const box = (await page.locator(`[data-reference="${reference}"]`).boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
    }

    const legend = page.getByTestId('board-legend');
    for (const text of ['Palletized', 'Floor loaded', 'Container', 'Parcel', 'Mixed', 'Closed']) {
      await expect(legend).toContainText(text);
    }

    // A short block shows only part of its text; hovering shows carrier and reference in full.
    const short = page.locator('[data-reference="RET-2291"]');
    await short.hover();
    const tip = page.getByTestId('board-tip');
    await expect(tip).toContainText('DSV Road');
    await expect(tip).toContainText('RET-2291');
    await expect(short).toHaveAttribute('aria-describedby', 'board-tip');
    // Keyboard focus shows the same, and the accessible name carries it too.
    await page.mouse.move(5, 5);
    await expect(tip).toBeHidden();
    await short.focus();
    await expect(tip).toContainText('DSV Road');
    await expect(short).toHaveAttribute('aria-label', /RET-2291, DSV Road, \d\d:\d\d–\d\d:\d\d/);
  });

  test('warns about a reference already booked, and books it only when the operator confirms', async ({
    page,
    host,
  }) => {
    await openApp(page, host);
    await page.getByRole('button', { name: 'Book appointment' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Carrier').fill('PostNord');
    await dialog.getByLabel('Reference / PO').fill('po-48213');
    await dialog.getByLabel('Start').fill('21:00');
    await dialog.getByRole('button', { name: 'Book', exact: true }).click();
    const warning = dialog.getByTestId('duplicate-warning');
    await expect(warning).toContainText('Reference already booked');
    await expect(warning).toContainText('PO-48213 is already booked: PostNord at Door 01');
    await expect(page.locator('[data-reference="po-48213"]')).toHaveCount(0);

    // "Change the reference" puts the cursor back in the box; a fixed reference books at once.
    await warning.getByRole('button', { name: 'Change the reference' }).click();
    await expect(dialog.getByLabel('Reference / PO')).toBeFocused();
    await dialog.getByLabel('Reference / PO').fill('po-48213');
    await dialog.getByRole('button', { name: 'Book', exact: true }).click();
    await warning.getByRole('button', { name: 'Book anyway' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.locator('[data-reference="po-48213"]')).toHaveCount(1);
  });
});

test.describe('dates in Swedish on a browser set to US English', () => {
  // The operating system's locale is not the app's language: the date boxes follow the app.
  test.use({ language: 'sv', locale: 'en-US' });

  test('the board and the booking read and show 2026-12-04 style dates', async ({ page, host }) => {
    await openApp(page, host);
    await page.getByRole('button', { name: 'Lägg till en port' }).click();
    const doorDialog = page.getByRole('dialog');
    await doorDialog.getByLabel('Namn').fill('Port 1');
    await doorDialog.getByRole('button', { name: 'Skapa port' }).click();
    await expect(doorDialog).toBeHidden();

    const field = page.getByTestId('board-date-field');
    await expect(field).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
    await field.fill('2026-12-04');
    await expect(page.getByTestId('board-date')).toHaveText('Fredag 4 december 2026');
    await field.press('ArrowUp');
    await expect(field).toHaveValue('2026-12-05');
    await expect(page.getByTestId('board-date')).toHaveText('Lördag 5 december 2026');

    await page.getByRole('button', { name: 'Boka tid' }).click();
    const dialog = page.getByRole('dialog');
    const date = dialog.getByRole('textbox', { name: 'Datum' });
    await expect(date).toHaveValue('2026-12-05');
    await expect(date).toHaveAttribute('placeholder', 'ÅÅÅÅ-MM-DD');
    await date.fill('2026-12-4');
    await date.blur();
    await expect(date).toHaveValue('2026-12-04');
  });
});
