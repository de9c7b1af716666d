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

it('0016 adds dock alerts: one open alert per kind, door and appointment, a closed one may repeat', async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'm0016-'));
  const file = path.join(dir, 'data.db');
  await (await Database.open(file, { migrations: MIGRATIONS.slice(0, 15) })).close();
  const db = await Database.open(file, { migrations: MIGRATIONS.slice(0, 16) });
  expect(await db.userVersion()).toBe(16);
  const raise = (id: string) =>
    db.write((tx) =>
      tx.run(`INSERT INTO dock_alerts (id, kind, door_id, message, raised_at) VALUES (?, 'open_no_trailer', 'd1', 'm', 1)`, [id]),
    );
  await raise('a1');
  await expect(raise('a2')).rejects.toThrow(/UNIQUE/);
  await db.write((tx) => tx.run("UPDATE dock_alerts SET cleared_at = 2 WHERE id = 'a1'"));
  await raise('a2');
  await expect(
    db.write((tx) => tx.run("INSERT INTO dock_alerts (id, kind, message, raised_at) VALUES ('x', 'fire', 'm', 1)")),
  ).rejects.toThrow(/CHECK/);
  await db.close();
});
