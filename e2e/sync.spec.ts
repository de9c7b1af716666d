import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from '@playwright/test';
import { FaultProxy } from '../scripts/lib/fault-proxy';
import { expect, test } from './support/fixtures';
import { startHostProcess, type HostProcess } from './support/host-process';
import { startSyncServerProcess, type SyncServerProcess } from './support/sync-server';

/**
 * Two workstations (two hosts, two browser pages) on one sync server. The second one's link to
 * the server runs through a proxy the test cuts. Both book the same slot while it is offline; on
 * reconnecting the loser finds the refusal in "Needs attention" and books the next free slot.
 */
const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'loadstar-e2e-sync-'));
  dirs.push(d);
  return d;
};

let server: SyncServerProcess;
const hosts: HostProcess[] = [];
let proxy: FaultProxy;

test.beforeAll(async () => {
  server = await startSyncServerProcess(tempDir());
  proxy = new FaultProxy({ host: '127.0.0.1', port: Number(new URL(server.url).port) });
  await proxy.start();
});

test.afterAll(async () => {
  for (const h of hosts) await h.stop();
  await proxy?.close();
  await server?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function workstation(browser: Browser, language: 'en' | 'sv' = 'en'): Promise<Page> {
  const host = await startHostProcess({ dataDir: tempDir(), demo: false });
  hosts.push(host);
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1440, height: 900 } });
  await context.addInitScript(`localStorage.setItem('loadstar.language', ${JSON.stringify(language)})`);
  const page = await context.newPage();
  await page.goto(host.url);
  await page.getByTestId('connection-state').and(page.locator('[data-state="connected"]')).waitFor();
  return page;
}

async function joinServer(page: Page, serverUrl: string, login: { tenant: string; email: string; password: string }, name: string) {
  await page.getByRole('link', { name: 'Settings' }).click();
  const section = page.getByTestId('sync-settings');
  await section.getByLabel('Server address').fill(serverUrl);
  await section.getByRole('button', { name: 'Save address' }).click();
  await section.getByLabel('Tenant').fill(login.tenant);
  await section.getByLabel('Email').fill(login.email);
  await section.getByLabel('Password').fill(login.password);
  await section.getByRole('button', { name: 'Sign in' }).click();
  await expect(section.getByTestId('sync-user')).toBeVisible();
  await section.getByLabel('Workstation name').fill(name);
  await section.getByRole('button', { name: 'Register this workstation' }).click();
  await expect(section.getByTestId('sync-registered')).toBeVisible();
  await expect(page.getByTestId('sync-state')).toHaveAttribute('data-state', 'upToDate');
}

async function book(page: Page, door: string, reference: string, time: string) {
  await page.getByRole('link', { name: 'Dock' }).click();
  await page.getByRole('button', { name: 'Book appointment' }).first().click();
  const dialog = page.getByRole('dialog');
  const doorSelect = dialog.getByLabel('Door');
  const value = await doorSelect.locator('option', { hasText: `${door} (` }).getAttribute('value');
  await doorSelect.selectOption(value!);
  await dialog.getByLabel('Carrier').fill('PostNord');
  await dialog.getByLabel('Reference / PO').fill(reference);
  await dialog.getByLabel('Start').fill(time);
  await dialog.getByLabel('Duration (minutes)').fill('60');
  await dialog.getByLabel('Pallets').fill('10');
  await dialog.getByRole('button', { name: 'Book', exact: true }).click();
  await expect(dialog).toBeHidden();
}

const lane = (page: Page, door: string) => page.getByTestId(`lane-${door}`);

test('two workstations book the same slot while one is offline; the loser fixes it from its inbox', async ({ browser }) => {
  test.setTimeout(180_000);
  const anna = await workstation(browser);
  const erik = await workstation(browser);
  await erik.getByRole('link', { name: 'Settings' }).click();
  await expect(erik.getByTestId('sync-state')).toHaveAttribute('data-state', 'local');
  await erik.screenshot({ path: `${OUT}sync-settings-local-en.png` });

  await joinServer(anna, server.url, server.admin, 'Gate office');
  const operator = server.addUser('erik@demo.loadstar', 'Erik', 'operator');
  await joinServer(erik, proxy.url, operator, 'Dock station 2');
  await erik.screenshot({ path: `${OUT}sync-settings-registered-en.png` });

  // Erik's link goes down; both book Door 01 at 10:00.
  proxy.setDown(true);
  await book(anna, 'Door 01', 'PO-ANNA', '10:00');
  await expect(anna.getByTestId('sync-state')).toHaveAttribute('data-pending', '0');
  await book(erik, 'Door 01', 'PO-ERIK', '10:00');
  await expect(lane(erik, 'Door 01').locator('[data-reference="PO-ERIK"]')).toBeVisible();
  await expect(erik.getByTestId('sync-state')).toHaveAttribute('data-state', 'offline');
  await expect(erik.getByTestId('sync-state')).toContainText('Offline — 1 to sync');
  await erik.screenshot({ path: `${OUT}sync-offline-en.png` });

  // Back online: Erik's booking is refused, Anna's shows, and Erik is told.
  proxy.setDown(false);
  await erik.getByRole('link', { name: 'Settings' }).click();
  await erik.getByRole('button', { name: 'Sync now' }).click();
  await expect(erik.getByTestId('sync-attention')).toHaveText('1 needs attention');
  await erik.getByRole('link', { name: 'Dock' }).click();
  await expect(lane(erik, 'Door 01').locator('[data-reference="PO-ANNA"]')).toBeVisible();
  await expect(lane(erik, 'Door 01').locator('[data-reference="PO-ERIK"]')).toHaveCount(0);

  await erik.getByTestId('sync-attention').click();
  const item = erik.getByTestId('attention-item');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('Not saved on the server');
  await expect(item).toContainText('You tried: booking PO-ERIK on Door 01 at 10:00');
  await expect(item).toContainText('Door 01 is taken 10:00–11:00 by PostNord (PO-ANNA)');
  await erik.screenshot({ path: `${OUT}sync-inbox-en.png` });
  // The same in Swedish (the language is chosen in Settings).
  await erik.getByRole('link', { name: 'Settings' }).click();
  await erik.getByLabel('Language').selectOption('sv');
  await expect(erik.getByTestId('sync-registered')).toContainText('Arbetsstationen är registrerad');
  await erik.screenshot({ path: `${OUT}sync-settings-registered-sv.png` });
  await erik.getByTestId('sync-attention').click();
  await expect(erik.getByTestId('attention-item')).toContainText('Inte sparad på servern');
  await expect(erik.getByTestId('attention-item')).toContainText('Du försökte: boka PO-ERIK på Door 01 kl. 10:00');
  await expect(erik.getByTestId('attention-item')).toContainText('Door 01 är upptagen 10:00–11:00 av PostNord (PO-ANNA)');
  await erik.screenshot({ path: `${OUT}sync-inbox-sv.png` });
  await erik.getByRole('link', { name: 'Inställningar' }).click();
  await erik.getByLabel('Språk').selectOption('en');
  await erik.getByTestId('sync-attention').click();

  await erik.getByRole('button', { name: 'Book at 11:00 on Door 01 instead' }).click();
  await expect(erik.getByText('Nothing needs your attention.')).toBeVisible();
  await expect(erik.getByTestId('sync-attention')).toHaveCount(0);
  await erik.screenshot({ path: `${OUT}sync-inbox-empty-en.png` });
  await erik.getByRole('link', { name: 'Dock' }).click();
  await expect(lane(erik, 'Door 01').locator('[data-reference="PO-ERIK"]')).toBeVisible();
  await expect(erik.getByTestId('sync-state')).toHaveAttribute('data-pending', '0');
  // Anna sees Erik's booking at 11:00 beside hers.
  await anna.getByRole('link', { name: 'Settings' }).click();
  await anna.getByRole('button', { name: 'Sync now' }).click();
  await anna.getByRole('link', { name: 'Dock' }).click();
  await expect(lane(anna, 'Door 01').locator('[data-reference="PO-ERIK"]')).toBeVisible();
  await expect(lane(anna, 'Door 01').locator('[data-reference="PO-ANNA"]')).toBeVisible();
  await anna.screenshot({ path: `${OUT}sync-board-en.png` });
});
