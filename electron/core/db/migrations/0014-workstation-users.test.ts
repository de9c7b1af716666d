import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { Database } from '../database';
import { MIGRATIONS } from './index';
import { m0014WorkstationUsers } from './0014-workstation-users';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('0014 adds a local admin signed in on an existing store, and refuses an unknown role', async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'm0014-'));
  const file = path.join(dir, 'data.db');
  const before = MIGRATIONS.findIndex((m) => m === m0014WorkstationUsers);
  const old = await Database.open(file, { migrations: MIGRATIONS.slice(0, before) });
  await old.write((tx) => tx.run("INSERT INTO sites VALUES ('s1', 'Hamburg', 'Europe/Berlin', 1)"));
  await old.close();

  const db = await Database.open(file, { migrations: MIGRATIONS.slice(0, before + 1) });
  expect(await db.userVersion()).toBe(m0014WorkstationUsers.version);
  expect(await db.all('SELECT id, name, role, pin_hash, badge_hash FROM local_users')).toEqual([
    { id: 'local-admin', name: 'Local admin', role: 'admin', pin_hash: null, badge_hash: null },
  ]);
  expect(await db.get('SELECT user_id, locked, idle_lock_seconds FROM workstation_session')).toEqual({
    user_id: 'local-admin',
    locked: 0,
    idle_lock_seconds: 300,
  });
  await expect(
    db.write((tx) => tx.run("INSERT INTO local_users (id, name, role, created_at, updated_at) VALUES ('x', 'X', 'root', 1, 1)")),
  ).rejects.toThrow(/CHECK/);
  await expect(db.write((tx) => tx.run('INSERT INTO workstation_session (id) VALUES (2)'))).rejects.toThrow(/CHECK/);
  // A removed user leaves the session signed out, not pointing at nobody.
  await db.write((tx) => tx.run("DELETE FROM local_users WHERE id = 'local-admin'"));
  expect(await db.get('SELECT user_id FROM workstation_session')).toEqual({ user_id: null });
  await db.close();
});
