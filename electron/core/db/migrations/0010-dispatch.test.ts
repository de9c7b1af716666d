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

it('0010 adds the dispatch tables to a file with data, keeps the data, and refuses rows that are not JSON', async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'm0010-'));
  const file = path.join(dir, 'data.db');
  const v9 = await Database.open(file, { migrations: MIGRATIONS.slice(0, 9) });
  await v9.write((tx) => tx.run("INSERT INTO sites VALUES ('s1', 'Hamburg', 'Europe/Berlin', 1)"));
  await v9.close();

  const db = await Database.open(file, { migrations: MIGRATIONS.slice(0, 10) });
  expect(await db.userVersion()).toBe(10);
  expect(await db.get('SELECT name FROM sites')).toEqual({ name: 'Hamburg' });
  await db.write((tx) =>
    tx.run(`INSERT INTO dispatch_jobs (id, date, state, data) VALUES ('j1', '2026-12-07', 'offered', '{"id":"j1"}')`),
  );
  await expect(
    db.write((tx) => tx.run(`INSERT INTO dispatch_offers (id, job_id, state, expires_at, data) VALUES ('o1', 'j1', 'open', 5, 'not json')`)),
  ).rejects.toThrow(/CHECK constraint/);
  expect(await db.all('SELECT id FROM dispatch_offers')).toEqual([]);
  expect(await db.get("SELECT json_extract(data, '$.id') AS id FROM dispatch_jobs")).toEqual({ id: 'j1' });
  await db.close();
});
