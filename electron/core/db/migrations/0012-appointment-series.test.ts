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

it('0012 keeps every appointment as a one-off (no series, not detached) and adds the series table', async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'm0012-'));
  const file = path.join(dir, 'data.db');
  const v11 = await Database.open(file, { migrations: MIGRATIONS.slice(0, 11) });
  await v11.write(seedOneAppointment);
  await v11.close();

  const db = await Database.open(file, { migrations: MIGRATIONS.slice(0, 12) });
  expect(await db.userVersion()).toBe(12);
  expect(await db.get('SELECT id, reference, series_id, occurrence_date, detached FROM appointments')).toEqual({
    id: 'a1',
    reference: 'PO-1',
    series_id: null,
    occurrence_date: null,
    detached: 0,
  });
  await db.write(async (tx) => {
    await tx.run(
      `INSERT INTO appointment_series (id, door_id, carrier_id, reference, rrule, anchor_date, from_date, time,
         duration_min, load_type, pallets, created_at, updated_at)
       VALUES ('s1', 'd1', 'c1', 'PO-W', 'FREQ=WEEKLY;COUNT=3', '2026-03-23', '2026-03-23', '08:00', 30, 'palletized', 0, 1, 1)`,
    );
  });
  await expect(
    db.write((tx) => tx.run("UPDATE appointment_series SET status = 'paused' WHERE id = 's1'")),
  ).rejects.toThrow(/CHECK/);
  await db.close();
});
