import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { parseCsv } from '@shared/import/csv';
import { expect, openApp, test, type HostControl } from './support/fixtures';
import { WsClient } from './support/ws-client';

/**
 * The audit trail screen on real changes: an administrator and a dispatcher change doors and
 * orders through core, the list (virtualised, paged as it scrolls) shows who did what where,
 * filters by user, record and period, shows a record before and after, and exports CSV and Excel
 * that read back to the rows on screen.
 */
const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

async function withClient<T>(host: HostControl, work: (call: (name: string, input: unknown) => Promise<any>) => Promise<T>) {
  const client = await WsClient.connect(host.current().url);
  try {
    return await work(async (name, input) => {
      const r = await client.call(name, input);
      if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
      return r.value;
    });
  } finally {
    client.close();
  }
}

async function seed(host: HostControl, doors: number) {
  return withClient(host, async (call) => {
    const made = [];
    for (let i = 1; i <= doors; i++)
      made.push(await call('dock.createDoor', { name: `Door ${String(i).padStart(3, '0')}`, direction: 'inbound', opensAt: '06:00', closesAt: '22:00' }));
    await call('dock.updateDoor', { id: made[0].id, name: 'Door 001 (north)' });
    await call('users.save', { id: 'local-admin', name: 'Anna Admin', role: 'admin', pin: '2468' });
    const dan = await call('users.save', { name: 'Dan Dispatcher', role: 'dispatcher', pin: '1357' });
    await call('session.signIn', { userId: dan.id, pin: '1357' });
    await call('routes.createOrder', {
      date: '2026-12-07',
      reference: 'SO-4711',
      customer: 'Kund 4711',
      address: 'Storgatan 1',
      lat: 57.78,
      lon: 14.16,
    });
    await call('session.signIn', { userId: 'local-admin', pin: '2468' });
    return made;
  });
}

test('filters by user, record and period, shows before → after, pages as it scrolls, and exports', async ({ page, host }) => {
  await openApp(page, host);
  await page.getByRole('link', { name: 'Audit trail' }).click();
  await expect(page.getByTestId('audit-empty')).toBeVisible();
  await page.screenshot({ path: `${OUT}audit-empty-en.png` });

  const doors = await seed(host, 230);
  await page.reload();
  const list = page.getByTestId('audit-list');
  const rows = page.getByTestId('audit-row');
  await expect(rows.first()).toContainText('session.signIn');
  // Virtualised: a few dozen rows in the page, not 230.
  expect(await rows.count()).toBeLessThan(60);
  await expect(page.getByTestId('audit-count')).toContainText('200 changes shown, older ones load as you scroll');
  await list.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(page.getByTestId('audit-count')).toHaveText('236 changes shown');
  await list.evaluate((el) => el.scrollTo(0, 0));

  // By user.
  await page.getByTestId('audit-user').selectOption('Dan Dispatcher');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('routes.createOrder');
  await rows.nth(1).click();
  const detail = page.getByTestId('audit-detail');
  await expect(detail).toContainText('SO-4711');
  await page.getByTestId('audit-user').selectOption('');

  // By record: the renamed door, by the text it had before.
  await page.getByTestId('audit-record').fill('Door 001');
  await expect(rows).toHaveCount(2);
  await rows.first().click();
  const change = detail.getByTestId('audit-change').first();
  await expect(change).toContainText(`doors/${doors[0].id}`);
  const nameRow = change.locator('tr').filter({ has: page.locator('td', { hasText: /^name$/ }) });
  await expect(nameRow.locator('.audit-before')).toHaveText('Door 001');
  await expect(nameRow.locator('.audit-after')).toHaveText('Door 001 (north)');
  await page.screenshot({ path: `${OUT}audit-en.png` });

  // The PIN is nowhere on screen.
  await page.getByTestId('audit-record').fill('local_users');
  await rows.first().click();
  await expect(detail).toContainText('•••');
  await expect(detail).not.toContainText('2468');

  // Period: a week that ended before today has nothing.
  await page.getByTestId('audit-record').fill('');
  await page.getByTestId('audit-from').fill('2020-01-01');
  await page.getByTestId('audit-from').press('Tab');
  await page.getByTestId('audit-to').fill('2020-01-07');
  await page.getByTestId('audit-to').press('Tab');
  await expect(page.getByTestId('audit-empty')).toBeVisible();
  await page.getByTestId('audit-to').fill('2020-01-01');
  await page.getByTestId('audit-from').fill('2020-01-07');
  await page.getByTestId('audit-from').press('Tab');
  await expect(page.getByRole('alert')).toContainText('The period ends before it starts.');
  await page.reload();

  // Export: every change of the filter (all pages), the columns on screen; reads back the same.
  await page.getByTestId('audit-record').fill('Door');
  await expect(page.getByTestId('audit-count')).toContainText('changes shown');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(csv.suggestedFilename()).toMatch(/^audit-trail-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv$/);
  const table = parseCsv(readFileSync((await csv.path())!, 'utf8').replace(/^\uFEFF/, ''));
  expect(table.rows[0]).toEqual(['When', 'Who', 'Role', 'Workstation', 'Change', 'Records', 'Outcome', 'Input']);
  expect(table.rows).toHaveLength(1 + 231);
  expect(table.rows[1]).toEqual(
    expect.arrayContaining(['Local admin', 'admin', 'dock.updateDoor', `doors/${doors[0].id}`, 'Saved']),
  );
  expect(table.rows.at(-1)![5]).toBe(`doors/${doors[0].id}`);
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Excel' }).click()]);
  const files = unzipSync(new Uint8Array(readFileSync((await xlsx.path())!)));
  const strings = strFromU8(files['xl/sharedStrings.xml']!);
  expect(strings).toContain('dock.updateDoor');
  expect(strings).toContain(`doors/${doors[229].id}`);
});

test.describe('in Swedish', () => {
  test.use({ language: 'sv' });

  test('the audit trail, empty and with changes', async ({ page, host }) => {
    await openApp(page, host);
    await page.getByRole('link', { name: 'Ändringslogg' }).click();
    await expect(page.getByTestId('audit-empty')).toContainText('Inga ändringar');
    await page.screenshot({ path: `${OUT}audit-empty-sv.png` });
    await seed(host, 12);
    await page.reload();
    await page.getByTestId('audit-row').nth(6).click();
    await expect(page.getByTestId('audit-detail')).toContainText('Tillagd');
    await page.screenshot({ path: `${OUT}audit-sv.png` });
  });
});
