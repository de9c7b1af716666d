import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { addDays, atMinuteOfDay, isoDate } from '@shared/domain/time';
import { OsmandFleetSim } from '../electron/core/fleet/sim/osmand-fleet';
import { expect, openApp, test } from './support/fixtures';
import { drive, setUpTracking } from './support/fleet-setup';

const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

test('the live map follows simulated vehicles posting OsmAnd every second', async ({ page, host }) => {
  const fleet = await setUpTracking(host, ['Van A', 'Van B', 'Van C']);
  const sim = new OsmandFleetSim({ vehicles: 3, port: fleet.port, prefix: 'sim-', seed: 5 });
  sim.start();
  try {
    await openApp(page, host);
    await page.getByRole('link', { name: 'Fleet' }).click();
    const list = page.getByTestId('fleet-list');
    await expect(list.locator('[data-vehicle]')).toHaveCount(3);
    // Positions move: a moving vehicle's row changes place as the batches arrive.
    const moving = list.locator('[data-status="moving"]').first();
    await expect(moving).toBeVisible({ timeout: 30_000 });
    const name = (await moving.getAttribute('data-vehicle'))!;
    const row = list.locator(`[data-vehicle="${name}"]`);
    const before = await row.getAttribute('data-position');
    await expect.poll(() => row.getAttribute('data-position'), { timeout: 15_000 }).not.toBe(before);
    // Search narrows the list; picking a vehicle follows it.
    await page.getByRole('searchbox', { name: 'Search vehicle, plate or driver' }).fill(name.toLowerCase());
    await expect(list.locator('[data-vehicle]')).toHaveCount(1);
    await row.click();
    await expect(page.getByTestId('fleet-picked')).toContainText(name);
    await expect(page.getByRole('checkbox', { name: 'Follow' })).toBeChecked();
    // The vehicles are drawn on the map's canvas, not as DOM markers.
    await expect(page.getByTestId('fleet-map').locator('canvas.vehicle-canvas')).toHaveCount(1);
    expect(sim.stats.refused).toBe(0);
  } finally {
    await sim.stop();
    fleet.close();
  }
});

test('a geofence drawn on the map raises an alert when a van drives in, with a toast and acknowledge', async ({
  page,
  host,
}) => {
  const fleet = await setUpTracking(host, ['Van A']);
  try {
    await openApp(page, host);
    await page.goto(`${host.current().url}#/fleet/alerts`);
    const map = page.getByTestId('geofence-map');
    await expect(map).toBeVisible();
    await page.getByRole('textbox', { name: 'Name of the new geofence' }).fill('Customer yard');
    await page.getByRole('button', { name: 'Draw polygon' }).click();
    const box = (await map.boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    for (const [dx, dy] of [
      [-80, -60],
      [80, -60],
      [80, 60],
      [-80, 60],
    ] as const)
      await page.mouse.click(cx + dx, cy + dy);
    await page.getByRole('button', { name: 'Finish' }).click();
    await expect(page.getByTestId('fence-list')).toContainText('Customer yard');
    const form = page.getByTestId('rule-form');
    await form.getByRole('combobox', { name: 'When' }).selectOption({ label: 'Entered geofence' });
    await form.getByRole('combobox', { name: 'Where' }).selectOption({ label: 'Customer yard' });
    await form.getByRole('button', { name: 'Add rule' }).click();
    await expect(page.getByTestId('rule-list')).toContainText('Enters Customer yard');

    // Drive from outside into the middle of what was drawn.
    const [fence] = await fleet.call('fleet.listGeofences', {});
    const pts = fence.shape.points as [number, number][];
    const mid = [
      pts.reduce((s, p) => s + p[0], 0) / pts.length,
      pts.reduce((s, p) => s + p[1], 0) / pts.length,
    ];
    const now = Date.now();
    await fleet.post('sim-0001', mid[0]! + 0.05, mid[1]!, now - 120_000, 40);
    await fleet.post('sim-0001', mid[0]! + 0.01, mid[1]!, now - 60_000, 40);
    await fleet.post('sim-0001', mid[0]!, mid[1]!, now, 20);
    await expect(page.locator('.toast').filter({ hasText: 'Van A entered Customer yard.' })).toBeVisible();
    const alert = page.getByTestId('alert-list').locator('li[data-kind="enter"]');
    await expect(alert).toContainText('Van A entered Customer yard.');
    await alert.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(alert).toContainText('Acknowledged by');
  } finally {
    fleet.close();
  }
});

test('replay plays two vehicles’ day together', async ({ page, host }) => {
  const fleet = await setUpTracking(host, ['Van A', 'Van B']);
  const yesterday = addDays(isoDate(Date.now(), ZONE), -1);
  const start = atMinuteOfDay(yesterday, 8 * 60, ZONE);
  try {
    for (const [i, v] of fleet.vehicles.entries())
      for (const p of drive(start + i * 300_000, 57.75 + i * 0.01, 14.12))
        await fleet.post(v.uid, p.lat, p.lon, p.at, p.kmh);
    await openApp(page, host);
    await page.goto(`${host.current().url}#/fleet/replay`);
    const picker = page.getByTestId('vehicle-picker');
    await picker.getByRole('checkbox', { name: /Van A/ }).check();
    await picker.getByRole('checkbox', { name: /Van B/ }).check();
    await page.getByRole('button', { name: 'Show tracks' }).click();
    const legend = page.getByTestId('replay-legend');
    await expect(legend.locator('li')).toHaveCount(2);
    await expect(legend.locator('[data-vehicle="Van A"]')).toContainText('130 positions, 3 stops');
    await expect(legend.locator('[data-vehicle="Van B"]')).toContainText('130 positions');
    const time = page.getByTestId('replay-time');
    const t0 = await time.textContent();
    await page.getByRole('combobox', { name: 'Playback speed' }).selectOption('100');
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => time.textContent()).not.toBe(t0);
    await page.getByRole('button', { name: 'Pause' }).click();
    // From/To are the app's date and 24-hour time boxes (not the browser's datetime-local).
    const from = page.getByTestId('replay-from');
    await expect(from.locator('input[type="datetime-local"]')).toHaveCount(0);
    await from.getByPlaceholder('HH:MM').fill('8.45');
    await page.getByRole('button', { name: 'Show tracks' }).click();
    await expect(legend.locator('[data-vehicle="Van A"]')).not.toContainText('130 positions');
  } finally {
    fleet.close();
  }
});

test('the trips report of a day exports as CSV and Excel', async ({ page, host }) => {
  const fleet = await setUpTracking(host, ['Van A']);
  const yesterday = addDays(isoDate(Date.now(), ZONE), -1);
  try {
    for (const p of drive(atMinuteOfDay(yesterday, 9 * 60, ZONE), 57.75, 14.12))
      await fleet.post('sim-0001', p.lat, p.lon, p.at, p.kmh);
    await openApp(page, host);
    await page.goto(`${host.current().url}#/fleet/trips`);
    await page.getByLabel('Date').fill(yesterday);
    const row = page.getByTestId('trips-table').locator('[data-vehicle="Van A"]');
    await expect(row).toContainText('2');
    await row.click();
    await expect(page.locator('.trip-timeline li.trip')).toHaveCount(2);
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(csv.suggestedFilename()).toBe(`trips-${yesterday}.csv`);
    const text = readFileSync((await csv.path())!, 'utf8');
    expect(text.startsWith('\uFEFFVehicle,Plate,Date,Start,End,Duration (min)')).toBe(true);
    expect(text.trim().split('\r\n')).toHaveLength(3);
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export Excel' }).click(),
    ]);
    const files = unzipSync(new Uint8Array(readFileSync((await xlsx.path())!)));
    expect(strFromU8(files['xl/workbook.xml']!)).toMatch(/name="Summary".*name="Trips".*name="Stops"/s);
    expect(strFromU8(files['xl/sharedStrings.xml']!)).toContain('Van A');
  } finally {
    fleet.close();
  }
});
