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

it('0009 keys every stored reference with the shared key and looks them up by index', async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'm0009-'));
  const file = path.join(dir, 'data.db');
  const v8 = await Database.open(file, { migrations: MIGRATIONS.slice(0, 8) });
  await v8.write(async (tx) => {
    await tx.run("INSERT INTO sites VALUES ('s1', 'Umeå', 'Europe/Stockholm', 1)");
    await tx.run(
      `INSERT INTO doors (id, site_id, name, direction, opens_at, closes_at, created_at, updated_at) VALUES ('d1', 's1', 'Port 1', 'both', 0, 1440, 1, 1)`,
    );
    await tx.run("INSERT INTO carriers (id, name, created_at) VALUES ('c1', 'Schenker', 1)");
    const refs = { a1: ' ÅKE-Ö1 ', a2: 'O\u0308RJAN-3', a3: 'PO-7' };
    for (const [id, reference] of Object.entries(refs))
      await tx.run(
        `INSERT INTO appointments (id, door_id, carrier_id, reference, start_at, end_at, load_type, pallets, notes, status, created_at, updated_at)
         VALUES (?, 'd1', 'c1', ?, 0, 60000, 'palletized', 1, '', 'booked', 1, 1)`,
        [id, reference],
      );
  });
  await v8.close();

  const db = await Database.open(file, { migrations: MIGRATIONS.slice(0, 9) });
  expect(await db.userVersion()).toBe(9);
  expect(await db.all('SELECT id, reference, reference_key FROM appointments ORDER BY id')).toEqual([
    { id: 'a1', reference: ' ÅKE-Ö1 ', reference_key: 'åke-ö1' },
    { id: 'a2', reference: 'O\u0308RJAN-3', reference_key: 'örjan-3' },
    { id: 'a3', reference: 'PO-7', reference_key: 'po-7' },
  ]);
  const plan = await db.all<{ detail: string }>(
    "EXPLAIN QUERY PLAN SELECT id FROM appointments WHERE reference_key = 'po-7' AND status = 'booked'",
  );
  expect(plan.map((p) => p.detail).join(' ')).toMatch(/appointments_reference_key/);
  expect(await db.get("SELECT name FROM sqlite_master WHERE name = 'appointments_reference'")).toBeUndefined();
  await db.close();
});
