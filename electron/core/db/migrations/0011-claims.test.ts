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

it('0011 adds claims and receipts next to existing data, and refuses a record that is not JSON', async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'm0011-'));
  const file = path.join(dir, 'data.db');
  const v10 = await Database.open(file, { migrations: MIGRATIONS.slice(0, 10) });
  await v10.write((tx) => tx.run(`INSERT INTO outbox (id, name, args, actor, at) VALUES ('o1', 'dock.createDoor', '{}', 'anna', 5)`));
  await v10.close();

  const db = await Database.open(file, { migrations: MIGRATIONS.slice(0, 11) });
  expect(await db.userVersion()).toBe(11);
  expect(await db.get('SELECT id FROM outbox')).toEqual({ id: 'o1' });
  await db.write(async (tx) => {
    await tx.run(`INSERT INTO claims (id, data, status, carrier_name, updated_at) VALUES ('c1', '{"id":"c1"}', 'draft', 'DHL', 1)`);
    await tx.run(`INSERT INTO claim_receipts (id, appointment_id, data) VALUES ('r1', 'a1', '{"id":"r1"}')`);
  });
  await expect(
    db.write((tx) => tx.run(`INSERT INTO claims (id, data, status, carrier_name, updated_at) VALUES ('c2', 'not json', 'draft', 'DHL', 1)`)),
  ).rejects.toThrow(/CHECK/);
  expect(await db.all('SELECT id FROM claims')).toEqual([{ id: 'c1' }]);
  await db.close();
});
