import type { Page } from '@playwright/test';
import type { Driver, RoutingSettings, Vehicle } from '@shared/contract';
import { expect, openApp, test, type HostControl } from './support/fixtures';
import { WsClient } from './support/ws-client';

test.use({ demo: true });

const OUT = 'docs/screenshots/';

async function openSettings(page: Page) {
  await page.getByRole('link', { name: /^(Settings|Inställningar)$/ }).click();
  await expect(page.getByTestId('routing-settings-form')).toBeVisible();
}

async function call<T>(host: HostControl, name: string, input: unknown): Promise<T> {
  const client = await WsClient.connect(host.current().url);
  try {
    const response = await client.call(name, input);
    if (!response.ok) throw new Error(`${name}: ${response.error.message}`);
    return response.value as T;
  } finally {
    client.close();
  }
}

test('a manager sets the tile server, is told what is wrong with a bad one, and adds a van and edits a driver', async ({
  page,
  host,
}) => {
  await openApp(page, host);
  await openSettings(page);
  const form = page.getByTestId('routing-settings-form');
  const tileUrl = form.getByLabel('Map tile address');
  const depotName = form.getByLabel('Depot name');
  const before = await call<RoutingSettings>(host, 'routes.getSettings', {});
  await expect(tileUrl).toHaveValue(before.tileUrl);
  await expect(depotName).toHaveValue(before.depot.name);

  // A tile address without {z}/{x}/{y} is refused at the field, together with the other change
  // sent in the same save: nothing is half-saved.
  await depotName.fill('Nordic DC Jönköping Nord');
  await tileUrl.fill('https://tiles.example.test/base.png');
  await form.getByRole('button', { name: 'Save settings' }).click();
  const tileError = form.locator('[data-field-error="tileUrl"]');
  await expect(tileError).toHaveText('The tile address must contain {z}, {x} and {y}.');
  await expect(tileUrl).toHaveAttribute('aria-invalid', 'true');
  await tileUrl.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${OUT}settings-routing-error-en.png` });
  expect(await call<RoutingSettings>(host, 'routes.getSettings', {})).toEqual(before);
  await page.reload();
  await expect(tileUrl).toHaveValue(before.tileUrl);
  await expect(depotName).toHaveValue(before.depot.name);

  // A number box that is not a number is caught before anything is sent.
  await form.getByLabel('Road factor').fill('much');
  await form.getByRole('button', { name: 'Save settings' }).click();
  await expect(form.locator('[data-field-error="roadFactor"]')).toHaveText('Enter a number.');
  await form.getByRole('button', { name: 'Undo changes' }).click();
  await expect(form.getByLabel('Road factor')).toHaveValue(String(before.roadFactor));

  // A valid tile server and OSRM address are saved and survive a reload.
  const tiles = 'http://127.0.0.1:8089/tiles/{z}/{x}/{y}.png';
  await tileUrl.fill(tiles);
  await form.getByLabel('Map attribution').fill('© Local tile cache');
  await form.getByLabel('OSRM server address').fill('http://127.0.0.1:5000/');
  await form.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Route planning settings saved')).toBeVisible();
  await expect(tileError).toHaveCount(0);
  await page.reload();
  await expect(tileUrl).toHaveValue(tiles);
  await expect(form.getByLabel('Map attribution')).toHaveValue('© Local tile cache');
  // Core stores the OSRM base without the trailing slash.
  await expect(form.getByLabel('OSRM server address')).toHaveValue('http://127.0.0.1:5000');
  const after = await call<RoutingSettings>(host, 'routes.getSettings', {});
  expect(after).toEqual({
    ...before,
    tileUrl: tiles,
    tileAttribution: '© Local tile cache',
    osrmUrl: 'http://127.0.0.1:5000',
  });

  // A new van: a shift that ends before it starts is refused at the field, then it is created.
  const vehiclesBefore = await call<Vehicle[]>(host, 'routes.listVehicles', { includeInactive: true });
  await expect(page.getByTestId('vehicles-table').locator('tbody tr')).toHaveCount(vehiclesBefore.length);
  await page.getByRole('button', { name: 'New vehicle' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill('Van 9');
  await dialog.getByLabel('Plate').fill('XYZ 987');
  await dialog.getByLabel('kg', { exact: true }).fill('850');
  await dialog.getByLabel('pallets', { exact: true }).fill('4');
  await dialog.getByLabel('Skills').fill('tail_lift, cold_chain');
  await dialog.getByLabel('Shift starts').fill('16:00');
  await dialog.getByLabel('Shift ends').fill('08:00');
  await dialog.getByLabel('Takes a break').check();
  await dialog.getByLabel('Break (minutes)').fill('30');
  await dialog.getByLabel('Max trips per shift').fill('2');
  await dialog.getByLabel('Reload time (min)').fill('25');
  await dialog.getByLabel('Cost per km').fill('3,5');
  await dialog.getByRole('button', { name: 'Create vehicle' }).click();
  await expect(dialog.locator('[data-field-error="shiftEnd"]')).toHaveText(
    'The shift must end after it starts.',
  );
  expect(await call<Vehicle[]>(host, 'routes.listVehicles', { includeInactive: true })).toHaveLength(
    vehiclesBefore.length,
  );
  await dialog.getByLabel('Shift starts').fill('06:00');
  await dialog.getByLabel('Shift ends').fill('16:00');
  await dialog.getByRole('button', { name: 'Create vehicle' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Vehicle Van 9 created')).toBeVisible();
  const row = page.getByTestId('vehicles-table').locator('tr[data-vehicle="Van 9"]');
  await expect(row).toContainText('850 kg');
  await expect(row).toContainText('4 pallets');
  await expect(row).toContainText('tail_lift, cold_chain');
  await expect(row).toContainText('06:00–16:00');
  const vehicles = await call<Vehicle[]>(host, 'routes.listVehicles', {});
  const van = vehicles.find((v) => v.name === 'Van 9');
  expect(van).toMatchObject({
    plate: 'XYZ 987',
    capacity: { kg: 850, pallets: 4 },
    skills: ['tail_lift', 'cold_chain'],
    shiftStart: 360,
    shiftEnd: 960,
    breakWindow: { from: 660, to: 780 },
    breakMin: 30,
    maxTrips: 2,
    reloadMin: 25,
    costPerKm: 3.5,
    active: true,
  });
  // Same name twice is refused at the name.
  await page.getByRole('button', { name: 'New vehicle' }).click();
  await dialog.getByLabel('Name').fill('Van 9');
  await dialog.getByRole('button', { name: 'Create vehicle' }).click();
  await expect(dialog.locator('[data-field-error="name"]')).toHaveText(
    'That name is already used. Choose another name.',
  );
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // Edit a driver: phone, a qualification, and no longer active.
  const drivers = await call<Driver[]>(host, 'routes.listDrivers', { includeInactive: true });
  const driver = drivers[0]!;
  await page.getByRole('button', { name: `Edit ${driver.name}` }).click();
  await expect(dialog.getByLabel('Name')).toHaveValue(driver.name);
  await dialog.getByLabel('Phone').fill('+46 70 123 45 67');
  await dialog.getByLabel('Skills').fill('adr');
  await dialog.getByLabel('Active (can be assigned)').uncheck();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const driverRow = page.getByTestId('drivers-table').locator(`tr[data-driver="${driver.name}"]`);
  await expect(driverRow).toContainText('+46 70 123 45 67');
  await expect(driverRow).toContainText('Inactive');
  await page.reload();
  await expect(driverRow).toContainText('adr');
  await expect(driverRow).toContainText('Inactive');
  const saved = (await call<Driver[]>(host, 'routes.listDrivers', { includeInactive: true })).find(
    (d) => d.id === driver.id,
  );
  expect(saved).toMatchObject({ phone: '+46 70 123 45 67', skills: ['adr'], active: false });
});

for (const language of ['en', 'sv'] as const) {
  test.describe(`screenshot ${language}`, () => {
    test.use({ language });
    test(`route planning settings (${language})`, async ({ page, host }) => {
      await openApp(page, host);
      await openSettings(page);
      // One register: the five planned vans and trucks and the fleet demo's 35 tracked-only vehicles.
      await expect(page.getByTestId('vehicles-table').locator('tbody tr')).toHaveCount(40);
      await expect(page.getByTestId('vehicles-table')).toContainText(
        language === 'en' ? 'Fleet only (not planned)' : 'Bara fordonsflottan (planeras ej)',
      );
      await expect(page.getByTestId('drivers-table').locator('tbody tr')).toHaveCount(6);
      // The page scrolls inside the app shell, so a tall window shows the whole section at once.
      await page.setViewportSize({ width: 1440, height: 1800 });
      await page.screenshot({ path: `${OUT}settings-routing-${language}.png` });
      await page.getByRole('button', { name: language === 'en' ? 'New vehicle' : 'Nytt fordon' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await page.screenshot({ path: `${OUT}settings-vehicle-dialog-${language}.png` });
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toBeHidden();

      // Core's refusal, worded in the page's language at the field it is about.
      await page.setViewportSize({ width: 1440, height: 900 });
      const form = page.getByTestId('routing-settings-form');
      const tileUrl = form.getByLabel(language === 'en' ? 'Map tile address' : 'Adress till kartbrickor');
      await tileUrl.fill('https://tiles.example.test/base.png');
      await form
        .getByRole('button', { name: language === 'en' ? 'Save settings' : 'Spara inställningar' })
        .click();
      await expect(form.locator('[data-field-error="tileUrl"]')).toHaveText(
        language === 'en'
          ? 'The tile address must contain {z}, {x} and {y}.'
          : 'Adressen till kartbrickor måste innehålla {z}, {x} och {y}.',
      );
      await tileUrl.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${OUT}settings-routing-error-${language}.png` });
    });
  });
}
