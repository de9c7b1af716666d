import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { Database } from '../database';
import { MIGRATIONS } from './index';
import { m0015AuditTrail } from './0015-audit-trail';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('0015 adds the audit tables beside existing data; a change row needs its entry and a known operation', async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'm0015-'));
  const file = path.join(dir, 'data.db');
  const before = MIGRATIONS.findIndex((m) => m === m0015AuditTrail);
  const old = await Database.open(file, { migrations: MIGRATIONS.slice(0, before) });
  await old.write((tx) => tx.run("INSERT INTO sites VALUES ('s1', 'Hamburg', 'Europe/Berlin', 1)"));
  await old.close();

  const db = await Database.open(file, { migrations: MIGRATIONS.slice(0, before + 1) });
  expect(await db.userVersion()).toBe(m0015AuditTrail.version);
  expect(await db.get('SELECT name FROM sites')).toEqual({ name: 'Hamburg' });
  // Background writes (no request) leave the trail empty.
  expect(await db.all('SELECT id FROM audit_entries')).toEqual([]);
  await db.write(async (tx) => {
    await tx.run(
      `INSERT INTO audit_entries (id, at, actor, role, workstation, command, request_id) VALUES (1, 5, 'eva', 'admin', 'ws', 'dock.createDoor', 'r1')`,
    );
    await tx.run(`INSERT INTO audit_changes (entry_id, tbl, row_key, op, before, after) VALUES (1, 'doors', 'd1', 'insert', NULL, '{}')`);
  });
  await expect(
    db.write((tx) => tx.run(`INSERT INTO audit_changes (entry_id, tbl, row_key, op) VALUES (1, 'doors', 'd1', 'upsert')`)),
  ).rejects.toThrow(/CHECK/);
  await expect(
    db.write((tx) => tx.run(`INSERT INTO audit_changes (entry_id, tbl, row_key, op) VALUES (99, 'doors', 'd1', 'delete')`)),
  ).rejects.toThrow(/FOREIGN KEY/);
  expect(await db.get('SELECT outcome FROM audit_entries WHERE id = 1')).toEqual({ outcome: 'ok' });
  expect(await db.all('SELECT op FROM audit_changes')).toEqual([{ op: 'insert' }]);
  await db.close();
});
