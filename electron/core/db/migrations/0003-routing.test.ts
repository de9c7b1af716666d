import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { Database } from '../database';
import { m0001Init } from './0001-init';
import { m0002Devices } from './0002-devices';
import { m0003Routing } from './0003-routing';
import { MIGRATIONS } from './index';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('0003 migrates a version-2 file with data in it and adds the routing tables', async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'm0003-'));
  const file = path.join(dir, 'data.db');
  const v2 = await Database.open(file, { migrations: [m0001Init, m0002Devices] });
  await v2.write(async (tx) => {
    await tx.run("INSERT INTO sites VALUES ('s1', 'Jönköping', 'Europe/Stockholm', 1)");
    await tx.run(
      "INSERT INTO doors (id, site_id, name, direction, opens_at, closes_at, created_at, updated_at) VALUES ('d1', 's1', 'D01', 'both', 0, 1440, 1, 1)",
    );
    await tx.run("INSERT INTO settings (key, value) VALUES ('demo', 'true')");
  });
  expect(await v2.userVersion()).toBe(2);
  await v2.close();

  const db = await Database.open(file, { migrations: [m0001Init, m0002Devices, m0003Routing] });
  expect(await db.userVersion()).toBe(3);
  // Earlier data is untouched.
  expect(await db.get('SELECT name FROM doors WHERE id = ?', ['d1'])).toEqual({ name: 'D01' });
  expect(await db.get("SELECT value FROM settings WHERE key = 'demo'")).toEqual({ value: 'true' });

  await db.write(async (tx) => {
    await tx.run(
      `INSERT INTO route_orders (id, site_id, date, reference, customer, lat, lon, kind, service_min, created_at, updated_at)
       VALUES ('o1', 's1', '2026-11-23', 'SO-1', 'Kund', 57.78, 14.16, 'delivery', 10, 1, 1)`,
    );
    await tx.run(
      `INSERT INTO route_vehicles (id, site_id, name, profile, shift_start, shift_end, created_at, updated_at)
       VALUES ('v1', 's1', 'Van 1', 'van', 420, 1020, 1, 1)`,
    );
  });
  const reject = (sql: string) =>
    expect(db.write((tx) => tx.run(sql))).rejects.toThrow(/CHECK|UNIQUE|FOREIGN KEY/);
  // References are unique per day, case-insensitively.
  await reject(
    `INSERT INTO route_orders (id, site_id, date, reference, customer, lat, lon, kind, service_min, created_at, updated_at)
     VALUES ('o2', 's1', '2026-11-23', 'so-1', 'Kund', 57.78, 14.16, 'delivery', 10, 1, 1)`,
  );
  // Kinds, coordinates, shifts and break windows are checked by the schema too.
  await reject(
    `INSERT INTO route_orders (id, site_id, date, reference, customer, lat, lon, kind, service_min, created_at, updated_at)
     VALUES ('o3', 's1', '2026-11-23', 'SO-3', 'Kund', 95, 14.16, 'delivery', 10, 1, 1)`,
  );
  await reject(
    `INSERT INTO route_orders (id, site_id, date, reference, customer, lat, lon, kind, service_min, created_at, updated_at)
     VALUES ('o4', 's1', '2026-11-23', 'SO-4', 'Kund', 57, 14, 'teleport', 10, 1, 1)`,
  );
  await reject(
    `INSERT INTO route_vehicles (id, site_id, name, profile, shift_start, shift_end, created_at, updated_at)
     VALUES ('v2', 's1', 'Van 2', 'van', 1020, 420, 1, 1)`,
  );
  await reject(
    `INSERT INTO route_vehicles (id, site_id, name, profile, shift_start, shift_end, break_from, created_at, updated_at)
     VALUES ('v3', 's1', 'Van 3', 'van', 420, 1020, 600, 1, 1)`,
  );
  // An order of an unknown site cannot exist.
  await reject(
    `INSERT INTO route_orders (id, site_id, date, reference, customer, lat, lon, kind, service_min, created_at, updated_at)
     VALUES ('o5', 'nope', '2026-11-23', 'SO-5', 'Kund', 57, 14, 'delivery', 10, 1, 1)`,
  );
  expect(await db.get('SELECT COUNT(*) AS n FROM route_orders')).toEqual({ n: 1 });
  await db.close();
  // And the app's full list still applies on top of it.
  const latest = await Database.open(file, { migrations: MIGRATIONS });
  expect(await latest.userVersion()).toBe(MIGRATIONS.length);
  expect(await latest.get('SELECT reference FROM route_orders')).toEqual({ reference: 'SO-1' });
  await latest.close();
});
