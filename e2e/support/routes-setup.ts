import type { Locator, Page } from '@playwright/test';
import { uploadFile } from '@shared/files/upload';
import { openApp, type HostControl } from './fixtures';
import { WsClient } from './ws-client';

/**
 * Route-planning fixtures for the E2E suites: a small fleet created through core's own commands
 * (the screen plans with vehicles and drivers; setting them up is not what these tests are about)
 * and a day's orders as the CSV a dispatcher would import.
 */
export interface Fleet {
  coldVan: { id: string; name: string };
  van: { id: string; name: string };
  truck?: { id: string; name: string };
  drivers: { id: string; name: string }[];
}

/** Two vans (one refrigerated) and two drivers; `withTruck` adds a truck and a third driver. */
export async function setUpFleet(baseUrl: string, withTruck = false): Promise<Fleet> {
  const ws = await WsClient.connect(baseUrl);
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const r = await ws.call(name, input);
    if (!r.ok) throw new Error(`${name} refused: ${r.error.message}`);
    return r.value as T;
  };
  try {
    await call('routes.updateSettings', {
      depot: { name: 'Nordic DC Jönköping', address: 'Lagervägen 4, Jönköping', lat: 57.7815, lon: 14.1562 },
      // A tile server that refuses connections: the map must fall back to its plain base.
      tileUrl: 'http://127.0.0.1:9/{z}/{x}/{y}.png',
    });
    const vehicle = (name: string, plate: string, skills: string[], profile = 'van', pallets = 10) =>
      call<{ id: string; name: string }>('routes.createVehicle', {
        name,
        plate,
        profile,
        capacity: { kg: pallets * 400, m3: pallets * 1.5, pallets },
        skills,
        shiftStart: '07:00',
        shiftEnd: '17:00',
        costPerKm: 4,
        costPerHour: 350,
      });
    const coldVan = await vehicle('Kylbil 1', 'KYL 101', ['cold_chain']);
    const van = await vehicle('Skåpbil 2', 'SKP 202', []);
    const drivers = [
      await call<{ id: string; name: string }>('routes.createDriver', {
        name: 'Anna Berg',
        phone: '070-111 22 33',
      }),
      await call<{ id: string; name: string }>('routes.createDriver', {
        name: 'Erik Lund',
        phone: '070-444 55 66',
      }),
    ];
    if (!withTruck) return { coldVan, van, drivers };
    const truck = await vehicle('Lastbil 3', 'LST 303', ['tail_lift'], 'truck', 18);
    drivers.push(await call<{ id: string; name: string }>('routes.createDriver', { name: 'Sara Ek' }));
    return { coldVan, van, truck, drivers };
  } finally {
    ws.close();
  }
}

/** Eight good orders around Jönköping (one needs a refrigerated vehicle) and one with a bad latitude. */
export const ORDERS_CSV = [
  'Reference,Customer,Address,Latitude,Longitude,Window start,Window end,Weight kg,Pallets,Skills,Service minutes',
  'J-1001,ICA Maxi Huskvarna,Jönköpingsvägen 2,57.7862,14.2790,08:00,12:00,320,2,,10',
  'J-1002,Coop Tenhult,Storgatan 5,57.7046,14.3226,09:00,15:00,180,1,,10',
  'J-1003,Bankeryds Bygg,Bankerydsvägen 10,57.8610,14.1264,08:00,16:00,420,2,,15',
  'J-1004,Taberg Verkstad,Tabergsvägen 3,57.6811,14.0870,10:00,16:00,150,1,,10',
  'J-1005,Norrahammar Järn,Jönköpingsvägen 40,57.7013,14.1110,08:00,14:00,260,1,,10',
  'J-1006,Habo Möbler,Storgatan 20,57.9067,14.0719,09:00,16:00,380,2,,15',
  'C-1007,Fiskhallen Jönköping,Östra Storgatan 12,57.7826,14.1700,08:00,11:00,90,1,cold_chain,10',
  'J-1008,Mullsjö Livs,Centrumvägen 1,57.9170,13.8790,10:00,16:00,210,1,,10',
  'J-1009,Vaggeryds Lager,Industrigatan 7,57.50x,14.1480,08:00,16:00,300,2,,10',
].join('\n');

export const ORDERS_MAPPING = {
  fields: {
    reference: 'Reference',
    customer: 'Customer',
    address: 'Address',
    lat: 'Latitude',
    lon: 'Longitude',
    windowStart: 'Window start',
    windowEnd: 'Window end',
    skills: 'Skills',
    serviceMin: 'Service minutes',
  },
  dimensions: { kg: 'Weight kg', pallets: 'Pallets' },
};

const PLACES: [string, string, number, number][] = [
  ['ICA Kvantum Råslätt', 'Råslätts centrum', 57.7419, 14.1347],
  ['Coop Ekhagen', 'Ekhagens centrum', 57.7608, 14.2169],
  ['Gränna Polkagriskokeri', 'Brahegatan 39, Gränna', 58.0253, 14.4636],
  ['Visingsö Handel', 'Tunnerstad, Visingsö', 57.9899, 14.3397],
  ['Bottnaryd Lantbruk', 'Bottnaryd', 57.7726, 13.8312],
  ['Hok Sågverk', 'Hok', 57.5064, 14.2769],
  ['Skillingaryd Järn', 'Storgatan 8, Skillingaryd', 57.4319, 14.0913],
  ['Forserum Bageri', 'Forserum', 57.7003, 14.4729],
  ['Nässjö Bygghandel', 'Brogatan 2, Nässjö', 57.6531, 14.6968],
  ['Ölmstad Gård', 'Ölmstad', 57.9302, 14.3651],
  ['Kaxholmen Marin', 'Kaxholmen', 57.8466, 14.2875],
  ['Lekeryd Skola', 'Lekeryd', 57.6417, 14.3556],
];

/** A fuller day for the screenshots: the eight import orders and twelve more, one too early to reach. */
export function screenshotOrdersCsv(): string {
  const more = PLACES.map(([customer, address, lat, lon], i) => {
    const from = 8 + (i % 4);
    const windowEnd = i === 2 ? '07:40' : `${String(from + 5).padStart(2, '0')}:00`;
    const windowStart = i === 2 ? '07:00' : `${String(from).padStart(2, '0')}:00`;
    const skills = i === 5 ? 'cold_chain' : '';
    return `S-${2001 + i},${customer},${address},${lat},${lon},${windowStart},${windowEnd},${120 + 35 * i},${1 + (i % 3)},${skills},${10 + 5 * (i % 3)}`;
  });
  // Without the bad row: the screenshots show a plan, the import test shows the refusal.
  return [...ORDERS_CSV.split('\n').slice(0, -1), ...more].join('\n');
}

/** Imports a CSV for a date through core, as the import dialog would after the mapping step. */
export async function importOrdersViaApi(baseUrl: string, date: string, csv: string): Promise<number> {
  const ws = await WsClient.connect(baseUrl);
  try {
    const file = await uploadFile(
      async (name, input) => {
        const r = await ws.call(name, input);
        if (!r.ok) throw new Error(`${name} refused: ${r.error.message}`);
        return r.value as never;
      },
      'orders.csv',
      new TextEncoder().encode(csv),
    );
    const r = await ws.call('routes.importCommit', { date, fileId: file.id, mapping: ORDERS_MAPPING });
    if (!r.ok) throw new Error(`import refused: ${r.error.message}`);
    return (r.value as { created: number }).created;
  } finally {
    ws.close();
  }
}

/** Today in the site's time zone, as the planning screen opens on it. */
export async function siteToday(baseUrl: string): Promise<string> {
  const ws = await WsClient.connect(baseUrl);
  try {
    const r = await ws.call('app.info', {});
    if (!r.ok) throw new Error(r.error.message);
    const { timeZone } = r.value as { timeZone: string };
    return new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(new Date());
  } finally {
    ws.close();
  }
}

/** Sets up the small fleet, opens the app and goes to the Routes screen; returns the fleet. */
export async function openRoutesWithFleet(page: Page, host: HostControl): Promise<Fleet> {
  const fleet = await setUpFleet(host.current().url);
  await openApp(page, host);
  await page.getByRole('link', { name: 'Routes' }).click();
  return fleet;
}

/** Clicks the first "Import…" button and returns the import dialog. */
export async function openImportDialog(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Import…' }).first().click();
  return page.getByTestId('import-dialog');
}

/** A file for the import dialog's file input, named orders.xlsx and typed as an Excel workbook. */
export const xlsxUpload = (content: Uint8Array | string) => ({
  name: 'orders.xlsx',
  mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  buffer: Buffer.from(content),
});

/** A file for the import dialog's file input, named orders.csv and typed as CSV. */
export const csvUpload = (csv: string) => ({
  name: 'orders.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from(csv),
});

/**
 * Drags with the mouse, in steps, the way a dispatcher does it: a small `nudge` first to start
 * the drag, then to `to`'s vertical middle at `atX` from its left edge (its centre by default).
 */
export async function dragWithMouse(
  page: Page,
  from: Locator,
  to: Locator,
  { nudge = 10, atX }: { nudge?: number; atX?: number } = {},
): Promise<void> {
  await from.scrollIntoViewIfNeeded();
  const a = (await from.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + nudge, a.y + a.height / 2 + nudge, { steps: 3 });
  await to.scrollIntoViewIfNeeded();
  const b = (await to.boundingBox())!;
  await page.mouse.move(b.x + (atX ?? b.width / 2), b.y + b.height / 2, { steps: 8 });
  await page.mouse.up();
}

/**
 * Leaves the app (for `test.afterEach`) before the host stops: a page still open reconnects its
 * socket while the host is closing, and that late connection can keep the host from exiting.
 */
export async function leaveApp({ page }: { page: Page }): Promise<void> {
  await page.goto('about:blank');
}
