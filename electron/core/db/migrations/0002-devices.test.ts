import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { Database } from '../database';
import { m0001Init } from './0001-init';
import { MIGRATIONS } from './index';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('0002 migrates a version-1 file with data in it and wires doors to I/O modules', async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'm0002-'));
  const file = path.join(dir, 'data.db');
  const v1 = await Database.open(file, { migrations: [m0001Init] });
  await v1.write(async (tx) => {
    await tx.run("INSERT INTO sites VALUES ('s1', 'Hamburg', 'Europe/Berlin', 1)");
    await tx.run(
      "INSERT INTO doors (id, site_id, name, direction, opens_at, closes_at, created_at, updated_at) VALUES ('d1', 's1', 'D01', 'both', 0, 1440, 1, 1)",
    );
  });
  await v1.close();

  const db = await Database.open(file, { migrations: MIGRATIONS });
  expect(await db.userVersion()).toBe(MIGRATIONS.length);
  expect(await db.get<{ name: string }>('SELECT name FROM doors WHERE id = ?', ['d1'])).toEqual({
    name: 'D01',
  });
  await db.write(async (tx) => {
    await tx.run(
      `INSERT INTO dock_io_modules (id, name, transport, created_at, updated_at) VALUES ('m1', 'Dock IO', '{}', 1, 1)`,
    );
    await tx.run(
      `INSERT INTO door_io (door_id, module_id, register_map, updated_at) VALUES ('d1', 'm1', '{}', 1)`,
    );
  });
  // A door that does not exist cannot be wired.
  await expect(
    db.write((tx) =>
      tx.run(
        `INSERT INTO door_io (door_id, module_id, register_map, updated_at) VALUES ('nope', 'm1', '{}', 1)`,
      ),
    ),
  ).rejects.toThrow(/FOREIGN KEY/);
  // Job states are a closed list.
  await db.write((tx) =>
    tx.run(
      `INSERT INTO printers (id, name, transport, dpi, label_width_mm, label_height_mm, created_at, updated_at) VALUES ('p1', 'P', '{}', 203, 100, 150, 1, 1)`,
    ),
  );
  await expect(
    db.write((tx) =>
      tx.run(
        `INSERT INTO print_jobs (id, printer_id, title, zpl, state, created_by, created_at, updated_at) VALUES ('j', 'p1', 't', 'z', 'lost', 'u', 1, 1)`,
      ),
    ),
  ).rejects.toThrow(/CHECK/);
  await db.close();
});
