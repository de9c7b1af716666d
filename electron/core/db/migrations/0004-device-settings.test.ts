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

it('0004 keeps existing scanners and printers, with defaults for the new columns', async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'm0004-'));
  const file = path.join(dir, 'data.db');
  const v3 = await Database.open(file, { migrations: MIGRATIONS.slice(0, 3) });
  await v3.write(async (tx) => {
    await tx.run(
      `INSERT INTO scanners (id, name, path, baud_rate, framing, created_at, updated_at) VALUES ('s1', 'Gun', '/dev/ttyUSB0', 9600, 'crlf', 1, 1)`,
    );
    await tx.run(
      `INSERT INTO printers (id, name, transport, dpi, label_width_mm, label_height_mm, created_at, updated_at) VALUES ('p1', 'P', '{}', 203, 100, 150, 1, 1)`,
    );
  });
  await v3.close();

  const db = await Database.open(file, { migrations: MIGRATIONS });
  expect(await db.userVersion()).toBe(MIGRATIONS.length);
  expect(await db.get('SELECT framing, prefix, gs_placeholder, active, simulated FROM scanners')).toEqual({
    framing: 'crlf',
    prefix: '',
    gs_placeholder: '',
    active: 1,
    simulated: 0,
  });
  expect(await db.get('SELECT simulated FROM printers')).toEqual({ simulated: 0 });
  await expect(db.write((tx) => tx.run(`UPDATE printers SET simulated = 2`))).rejects.toThrow(/CHECK/);
  await db.write((tx) =>
    tx.run(
      `INSERT INTO device_scans (id, source, source_name, symbology, raw, at) VALUES ('x', 'wedge', 'Keyboard', 'unknown', 'ABC', 1)`,
    ),
  );
  expect(await db.get('SELECT raw, ais, gs1_error FROM device_scans')).toEqual({
    raw: 'ABC',
    ais: null,
    gs1_error: null,
  });
  await db.close();
});
