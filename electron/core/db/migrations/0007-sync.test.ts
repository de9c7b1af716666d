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

it('0007 keeps the outbox (never to be pushed) and door wiring, which now goes with its door', async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'm0007-'));
  const file = path.join(dir, 'data.db');
  const v6 = await Database.open(file, { migrations: MIGRATIONS.slice(0, 6) });
  await v6.write(async (tx) => {
    await tx.run("INSERT INTO sites VALUES ('s1', 'Hamburg', 'Europe/Berlin', 1)");
    for (const d of ['d1', 'd2'])
      await tx.run(
        `INSERT INTO doors (id, site_id, name, direction, opens_at, closes_at, created_at, updated_at) VALUES ('${d}', 's1', '${d}', 'both', 0, 1440, 1, 1)`,
      );
    await tx.run(`INSERT INTO dock_io_modules (id, name, transport, created_at, updated_at) VALUES ('m1', 'Dock IO', '{}', 1, 1)`);
    for (const d of ['d1', 'd2'])
      await tx.run(`INSERT INTO door_io (door_id, module_id, register_map, updated_at) VALUES ('${d}', 'm1', '{}', 1)`);
    await tx.run(
      `INSERT INTO outbox (id, name, args, actor, at) VALUES ('o1', 'dock.createDoor', '{"name":"d1"}', 'anna', 5)`,
    );
  });
  await v6.close();

  const db = await Database.open(file, { migrations: MIGRATIONS.slice(0, 7) });
  expect(await db.userVersion()).toBe(7);
  expect(await db.get('SELECT id, name, sync_id, user_id, base_version FROM outbox')).toEqual({
    id: 'o1',
    name: 'dock.createDoor',
    sync_id: null,
    user_id: null,
    base_version: null,
  });
  expect(await db.all('SELECT door_id FROM door_io ORDER BY door_id')).toEqual([{ door_id: 'd1' }, { door_id: 'd2' }]);
  await db.write((tx) => tx.run("DELETE FROM doors WHERE id = 'd2'"));
  expect(await db.all('SELECT door_id FROM door_io')).toEqual([{ door_id: 'd1' }]);
  await db.close();
});
