import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { Database } from '../database';
import { m0006Fleet } from './0006-fleet';
import { MIGRATIONS } from './index';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const before = MIGRATIONS.slice(0, m0006Fleet.version - 1);

it('0006 migrates a routing file with vehicles in it: they stay, plannable, and fleet tables work', async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'm0006-'));
  const file = path.join(dir, 'data.db');
  const old = await Database.open(file, { migrations: before });
  await old.write(async (tx) => {
    await tx.run("INSERT INTO sites VALUES ('s1', 'Jönköping', 'Europe/Stockholm', 1)");
    await tx.run(
      `INSERT INTO route_vehicles (id, site_id, name, profile, shift_start, shift_end, created_at, updated_at)
       VALUES ('v1', 's1', 'Van 1', 'van', 420, 1020, 1, 1)`,
    );
    await tx.run(
      "INSERT INTO route_drivers (id, site_id, name, created_at, updated_at) VALUES ('d1', 's1', 'Anna', 1, 1)",
    );
  });
  expect(await old.userVersion()).toBe(m0006Fleet.version - 1);
  await old.close();

  const db = await Database.open(file, { migrations: [...before, m0006Fleet] });
  expect(await db.userVersion()).toBe(m0006Fleet.version);
  // The register is untouched and every existing vehicle is still used by route planning.
  expect(await db.get('SELECT name, planning FROM route_vehicles')).toEqual({ name: 'Van 1', planning: 1 });

  await db.write(async (tx) => {
    await tx.run(
      `INSERT INTO fleet_trackers (id, site_id, uid, vehicle_id, created_at, updated_at)
       VALUES ('t1', 's1', 'phone-1', 'v1', 1, 1)`,
    );
    await tx.run(
      `INSERT INTO fleet_positions (tracker, t, lat_e6, lon_e6, speed_dkmh, odo, eng) VALUES (1, 1000, 57780000, 14160000, 300, 0, 0)`,
    );
    await tx.run(
      `INSERT INTO fleet_driver_assignments (id, vehicle_id, driver_id, from_at, by) VALUES ('a1', 'v1', 'd1', 5, 'op')`,
    );
  });
  const reject = (sql: string) =>
    expect(db.write((tx) => tx.run(sql))).rejects.toThrow(/CHECK|UNIQUE|FOREIGN KEY|PRIMARY KEY/);
  // One tracker per device id and per vehicle.
  await reject(
    `INSERT INTO fleet_trackers (id, site_id, uid, created_at, updated_at) VALUES ('t2', 's1', 'phone-1', 1, 1)`,
  );
  await reject(
    `INSERT INTO fleet_trackers (id, site_id, uid, vehicle_id, created_at, updated_at) VALUES ('t3', 's1', 'phone-3', 'v1', 1, 1)`,
  );
  // A duplicate fix (same tracker, same instant) is a key clash: ingestion ignores it on purpose.
  await reject(
    `INSERT INTO fleet_positions (tracker, t, lat_e6, lon_e6, speed_dkmh, odo, eng) VALUES (1, 1000, 57000000, 14000000, 0, 0, 0)`,
  );
  // Fleet rows of a vehicle or driver that is not in the register cannot exist.
  await reject(
    `INSERT INTO fleet_driver_assignments (id, vehicle_id, driver_id, from_at, by) VALUES ('a2', 'nope', 'd1', 5, 'op')`,
  );
  await reject(
    `INSERT INTO fleet_fuel_entries (id, vehicle_id, at, odometer_km, litres, full, by, created_at, updated_at)
     VALUES ('f1', 'v1', 1, 100, 0, 1, 'op', 1, 1)`,
  );
  await reject(
    `INSERT INTO fleet_service_items (id, vehicle_id, name, created_at, updated_at) VALUES ('i1', 'v1', 'Oil', 1, 1)`,
  );
  await reject(`UPDATE route_vehicles SET planning = 2`);
  // The range read of one tracker is served by the primary key.
  const plan = await db.all<{ detail: string }>(
    'EXPLAIN QUERY PLAN SELECT t, lat_e6, lon_e6 FROM fleet_positions WHERE tracker = 1 AND t BETWEEN 0 AND 2000',
  );
  expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING PRIMARY KEY \(tracker=\? AND t>\? AND t<\?\)/);
  await db.close();
});
