import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { Database } from '../database';
import { MIGRATIONS } from './index';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('0013 leaves every appointment only scheduled (no timeline) and refuses a timeline that is not JSON', async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'm0013-'));
  const file = path.join(dir, 'data.db');
  const v12 = await Database.open(file, { migrations: MIGRATIONS.slice(0, 12) });
  await v12.write(async (tx) => {
    await tx.run("INSERT INTO sites VALUES ('s1', 'Hamburg', 'Europe/Berlin', 1)");
    await tx.run(
      "INSERT INTO doors (id, site_id, name, direction, opens_at, closes_at, created_at, updated_at) VALUES ('d1', 's1', 'D1', 'both', 0, 1440, 1, 1)",
    );
    await tx.run("INSERT INTO carriers (id, name, created_at) VALUES ('c1', 'DHL', 1)");
    await tx.run(
      `INSERT INTO appointments (id, door_id, carrier_id, reference, start_at, end_at, load_type, pallets, created_at, updated_at)
       VALUES ('a1', 'd1', 'c1', 'PO-1', 1000, 2000, 'palletized', 3, 1, 1)`,
    );
  });
  await v12.close();
  const db = await Database.open(file, { migrations: MIGRATIONS.slice(0, 13) });
  expect(await db.userVersion()).toBe(13);
  expect(await db.get('SELECT reference, timeline FROM appointments')).toEqual({ reference: 'PO-1', timeline: null });
  await expect(db.write((tx) => tx.run("UPDATE appointments SET timeline = 'arrived' WHERE id = 'a1'"))).rejects.toThrow(
    /CHECK/,
  );
  await db.close();
});
