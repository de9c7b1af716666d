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

it('0005 keeps existing print jobs and their English reasons, with no code', async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'm0005-'));
  const file = path.join(dir, 'data.db');
  const v4 = await Database.open(file, { migrations: MIGRATIONS.slice(0, 4) });
  await v4.write(async (tx) => {
    await tx.run(
      `INSERT INTO printers (id, name, transport, dpi, label_width_mm, label_height_mm, created_at, updated_at) VALUES ('p1', 'P', '{}', 203, 100, 150, 1, 1)`,
    );
    await tx.run(
      `INSERT INTO print_jobs (id, printer_id, title, zpl, state, reason, created_by, created_at, updated_at)
       VALUES ('j1', 'p1', 'T', '^XA^XZ', 'uncertain', 'connection reset', 'op', 1, 1)`,
    );
  });
  await v4.close();

  const db = await Database.open(file, { migrations: MIGRATIONS });
  expect(await db.userVersion()).toBe(MIGRATIONS.length);
  expect(await db.get('SELECT state, reason, reason_code FROM print_jobs')).toEqual({
    state: 'uncertain',
    reason: 'connection reset',
    reason_code: null,
  });
  await db.close();
});
