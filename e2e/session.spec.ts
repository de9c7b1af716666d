import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { wedgeScan } from './support/devices-steps';
import { expect, openApp, test, type HostControl } from './support/fixtures';
import { WsClient } from './support/ws-client';

/**
 * A shared workstation: the administrator gives themselves a PIN and an operator a badge, the
 * operator takes over by scanning the badge on the lock screen, the workstation locks by itself
 * after a short configured idle time, and the administrator signs back in with the PIN.
 */
const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const BADGE = 'EMP-000417';

async function openUsers(page: Page) {
  await page.getByRole('link', { name: 'Settings' }).click();
  return page.getByTestId('users-section');
}

test('badge switch, idle lock and PIN sign-in on a shared workstation', async ({ page, host }) => {
  await openApp(page, host);
  const who = page.getByTestId('session-user');
  await expect(who).toContainText('Signed in as Local admin');
  // Open until someone has a PIN or badge: nothing to switch to.
  await expect(who.getByRole('button', { name: 'Switch user' })).toHaveCount(0);

  const users = await openUsers(page);
  await users.getByRole('row', { name: /Local admin/ }).getByRole('button', { name: 'Edit' }).click();
  let dialog = page.getByRole('dialog', { name: 'Edit user' });
  await dialog.getByLabel('Name').fill('Anna Admin');
  await dialog.getByLabel('New PIN (4–12 digits)').fill('2468');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);

  await users.getByRole('button', { name: 'Add user' }).click();
  dialog = page.getByRole('dialog', { name: 'Add user' });
  await dialog.getByLabel('Name').fill('Olle Operator');
  await dialog.getByLabel('Role').selectOption('operator');
  // The badge number as printed under its barcode (a scan into the dialog fills the same field).
  await dialog.getByLabel(/Badge code/).fill(BADGE);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(users.getByRole('row', { name: /Olle Operator/ })).toContainText('Badge');
  await users.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${OUT}settings-users-en.png` });

  // Switch user: the screen locks; scanning the badge signs the operator in.
  await who.getByRole('button', { name: 'Switch user' }).click();
  const lock = page.getByTestId('lock-screen');
  await expect(lock).toBeVisible();
  await expect(lock).toContainText('Scan your badge to sign in');
  await page.screenshot({ path: `${OUT}lock-screen-en.png`, fullPage: true });
  await wedgeScan(page, 'NOT-A-BADGE-1');
  await expect(lock.getByRole('alert')).toContainText('This badge is not registered here');
  await wedgeScan(page, BADGE);
  await expect(lock).toHaveCount(0);
  await expect(who).toContainText('Signed in as Olle Operator');
  // An operator does not see the users (core would refuse them too).
  await openUsers(page);
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(page.getByTestId('users-section')).toHaveCount(0);

  // Back as the admin to set a short idle lock.
  await who.getByRole('button', { name: 'Switch user' }).click();
  await lock.getByRole('radio', { name: /Anna Admin/ }).click();
  await lock.getByLabel('PIN').fill('1111');
  await lock.getByRole('button', { name: 'Sign in' }).click();
  await expect(lock.getByRole('alert')).toContainText('Wrong PIN. 4 tries left');
  await lock.getByLabel('PIN').fill('2468');
  await lock.getByRole('button', { name: 'Sign in' }).click();
  await expect(who).toContainText('Signed in as Anna Admin');
  const idle = page.getByLabel('Lock after idle (seconds, 0 = never)');
  await idle.fill('5');
  await page.getByTestId('users-section').getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Idle lock saved')).toBeVisible();

  // Nobody touches it: it locks on its own (core's idle clock), and core refuses meanwhile.
  await expect(lock).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('users-section')).toHaveCount(0);
  await lock.getByRole('radio', { name: /Anna Admin/ }).click();
  await lock.getByLabel('PIN').fill('2468');
  await lock.getByRole('button', { name: 'Sign in' }).click();
  await expect(who).toContainText('Signed in as Anna Admin');
  await expect(page.getByTestId('users-section')).toBeVisible();
});

async function call(host: HostControl, name: string, input: unknown) {
  const client = await WsClient.connect(host.current().url);
  try {
    const r = await client.call(name, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    return r.value;
  } finally {
    client.close();
  }
}

test.describe('in Swedish', () => {
  test.use({ language: 'sv' });

  test('the users list (open, then staffed) and the lock screen with its refusal', async ({ page, host }) => {
    await openApp(page, host);
    await page.getByRole('link', { name: 'Inställningar' }).click();
    const users = page.getByTestId('users-section');
    await expect(users).toContainText('Ingen än');
    await users.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${OUT}settings-users-empty-sv.png` });
    await call(host, 'users.save', { id: 'local-admin', name: 'Anna Admin', role: 'admin', pin: '2468' });
    await call(host, 'users.save', { name: 'Olle Operatör', role: 'operator', badge: BADGE });
    await call(host, 'users.save', { name: 'Dina Dispatch', role: 'dispatcher', pin: '1357' });
    await page.reload();
    await expect(users.getByRole('row', { name: /Olle Operatör/ })).toContainText('Bricka');
    await users.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${OUT}settings-users-sv.png` });
    await page.getByTestId('session-user').getByRole('button', { name: 'Byt användare' }).click();
    const lock = page.getByTestId('lock-screen');
    await expect(lock).toContainText('Skanna din passerbricka');
    await wedgeScan(page, 'OKAND-BRICKA');
    await expect(lock.getByRole('alert')).toContainText('Brickan är inte registrerad här');
    await page.screenshot({ path: `${OUT}lock-screen-sv.png` });
  });
});
