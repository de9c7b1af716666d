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

it('0008 adds the attachment index and the request log, keeping what was stored before', async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'm0008-'));
  const file = path.join(dir, 'data.db');
  const v7 = await Database.open(file, { migrations: MIGRATIONS.slice(0, 7) });
  await v7.write(async (tx) => {
    await tx.run("INSERT INTO sites VALUES ('s1', 'Göteborg', 'Europe/Stockholm', 1)");
    await tx.run(
      `INSERT INTO outbox (id, name, args, actor, at, sync_id) VALUES ('o1', 'dock.createDoor', '{"name":"Port 1"}', 'anna', 5, 1)`,
    );
  });
  await v7.close();

  const db = await Database.open(file, { migrations: MIGRATIONS.slice(0, 8) });
  expect(await db.userVersion()).toBe(8);
  // What was there before is untouched.
  expect(await db.get('SELECT id, name, sync_id FROM outbox')).toEqual({ id: 'o1', name: 'dock.createDoor', sync_id: 1 });
  expect(await db.get('SELECT name FROM sites')).toEqual({ name: 'Göteborg' });

  const sha = 'a'.repeat(64);
  await db.write(async (tx) => {
    await tx.run(
      `INSERT INTO files (id, size, kind, content_type, name, created_at) VALUES (?, 12, 'pdf', 'application/pdf', 'cmr.pdf', 1)`,
      [sha],
    );
    await tx.run(`INSERT INTO file_refs (file_id, owner, created_at) VALUES (?, 'appointment:a1', 2)`, [sha]);
    await tx.run(
      `INSERT INTO request_log (id, command, input_hash, at, response) VALUES ('r1', 'dock.createDoor', 'h', 3, '{"ok":true}')`,
    );
  });
  expect(await db.all('SELECT file_id, owner FROM file_refs WHERE owner = ?', ['appointment:a1'])).toEqual([
    { file_id: sha, owner: 'appointment:a1' },
  ]);

  // One row per content, one reference per owner, a reference only to a stored file, one answer per request id.
  const refused = (sql: string, params: unknown[] = []) =>
    db.write((tx) => tx.run(sql, params as never)).then(
      () => 'stored',
      (err: unknown) => String(err),
    );
  expect(
    await refused(
      `INSERT INTO files (id, size, kind, content_type, name, created_at) VALUES (?, 1, 'pdf', 'application/pdf', 'again.pdf', 4)`,
      [sha],
    ),
  ).toMatch(/UNIQUE/);
  expect(await refused(`INSERT INTO file_refs (file_id, owner, created_at) VALUES (?, 'appointment:a1', 5)`, [sha])).toMatch(
    /UNIQUE/,
  );
  expect(await refused(`INSERT INTO file_refs (file_id, owner, created_at) VALUES ('${'b'.repeat(64)}', 'x', 5)`)).toMatch(
    /FOREIGN KEY/,
  );
  expect(
    await refused(`INSERT INTO request_log (id, command, input_hash, at) VALUES ('r1', 'dock.updateDoor', 'h2', 6)`),
  ).toMatch(/UNIQUE/);
  // The request log is pruned by age through its index.
  const plan = await db.all<{ detail: string }>('EXPLAIN QUERY PLAN DELETE FROM request_log WHERE at < 10');
  expect(plan.map((p) => p.detail).join(' ')).toMatch(/request_log_at/);
  await db.close();
});
