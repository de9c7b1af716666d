import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { Database } from '../database';
import { MIGRATIONS } from './index';
import { seedOneAppointment } from './test-seed';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('0013 leaves every appointment only scheduled (no timeline) and refuses a timeline that is not JSON', async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'm0013-'));
  const file = path.join(dir, 'data.db');
  const v12 = await Database.open(file, { migrations: MIGRATIONS.slice(0, 12) });
  await v12.write(seedOneAppointment);
  await v12.close();
  const db = await Database.open(file, { migrations: MIGRATIONS.slice(0, 13) });
  expect(await db.userVersion()).toBe(13);
  expect(await db.get('SELECT reference, timeline FROM appointments')).toEqual({ reference: 'PO-1', timeline: null });
  await expect(db.write((tx) => tx.run("UPDATE appointments SET timeline = 'arrived' WHERE id = 'a1'"))).rejects.toThrow(
    /CHECK/,
  );
  await db.close();
});
