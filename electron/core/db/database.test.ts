import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../testing';
import { Database } from './database';
import type { Migration } from './migrate';

const tempDir = useTempDirs();

const counter: Migration = {
  version: 1,
  name: 'counter',
  up: async (tx) => {
    await tx.run('CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)');
    await tx.run('INSERT INTO counter (id, n) VALUES (1, 0)');
    await tx.run(
      'CREATE TABLE log (writer INTEGER NOT NULL, step INTEGER NOT NULL, seq INTEGER PRIMARY KEY AUTOINCREMENT)',
    );
  },
};

describe('Database', () => {
  it('opens in WAL mode with foreign keys on', async () => {
    const db = await Database.open(join(tempDir(), 'a.db'), { migrations: [counter] });
    const [mode, fk] = await db.write(async (tx) =>
      Promise.all([
        tx.get<{ journal_mode: string }>('PRAGMA journal_mode'),
        tx.get<{ foreign_keys: number }>('PRAGMA foreign_keys'),
      ]),
    );
    expect(mode?.journal_mode).toBe('wal');
    expect(fk?.foreign_keys).toBe(1);
    await db.close();
  });

  it('commits a durable write with synchronous=FULL and goes back to NORMAL after it, failed or not', async () => {
    const db = await Database.open(join(tempDir(), 'd.db'), { migrations: [counter] });
    const level = (tx: Parameters<Parameters<Database['write']>[0]>[0]) =>
      tx.get<{ synchronous: number }>('PRAGMA synchronous').then((r) => r?.synchronous);
    // Queued together: the durable one must not leak its setting into its neighbours.
    const [before, durable, after] = await Promise.all([
      db.write(level),
      db.write(level, { durable: true }),
      db.write(level),
    ]);
    expect([before, durable, after]).toEqual([1, 2, 1]);
    await expect(
      db.write(
        async (tx) => {
          await tx.run('UPDATE counter SET n = 99');
          throw new Error('refused');
        },
        { durable: true },
      ),
    ).rejects.toThrow('refused');
    expect(await db.write(level)).toBe(1);
    expect((await db.get<{ n: number }>('SELECT n FROM counter'))?.n).toBe(0);
    await db.close();
  });

  it('never interleaves concurrent writers inside a transaction', async () => {
    const db = await Database.open(join(tempDir(), 'b.db'), { migrations: [counter] });
    const writers = 60;
    await Promise.all(
      Array.from({ length: writers }, (_, w) =>
        db.write(async (tx) => {
          // Read-modify-write across several awaits: any interleaving loses an increment
          // or splits this writer's log lines apart.
          const { n } = (await tx.get<{ n: number }>('SELECT n FROM counter WHERE id = 1'))!;
          await tx.run('INSERT INTO log (writer, step) VALUES (?, 1)', [w]);
          await new Promise((r) => setImmediate(r));
          await tx.run('INSERT INTO log (writer, step) VALUES (?, 2)', [w]);
          await tx.run('UPDATE counter SET n = ? WHERE id = 1', [n + 1]);
        }),
      ),
    );
    expect((await db.get<{ n: number }>('SELECT n FROM counter'))?.n).toBe(writers);
    const log = await db.all<{ writer: number; step: number }>('SELECT writer, step FROM log ORDER BY seq');
    for (let i = 0; i < log.length; i += 2) {
      expect(log[i]).toEqual({ writer: log[i]!.writer, step: 1 });
      expect(log[i + 1]).toEqual({ writer: log[i]!.writer, step: 2 });
    }
    await db.close();
  });

  it('rolls a failed transaction back and keeps serving the writers after it', async () => {
    const db = await Database.open(join(tempDir(), 'c.db'), { migrations: [counter] });
    const failing = db.write(async (tx) => {
      await tx.run('UPDATE counter SET n = 99 WHERE id = 1');
      throw new Error('boom');
    });
    const next = db.write((tx) => tx.run('UPDATE counter SET n = n + 1 WHERE id = 1'));
    await expect(failing).rejects.toThrow('boom');
    await next;
    expect((await db.get<{ n: number }>('SELECT n FROM counter'))?.n).toBe(1);
    await db.close();
  });

  it('reads only committed data while a write is in progress', async () => {
    const db = await Database.open(join(tempDir(), 'd.db'), { migrations: [counter] });
    let seenDuringWrite: number | undefined;
    await db.write(async (tx) => {
      await tx.run('UPDATE counter SET n = 42 WHERE id = 1');
      seenDuringWrite = (await db.get<{ n: number }>('SELECT n FROM counter'))?.n;
    });
    expect(seenDuringWrite).toBe(0);
    expect((await db.get<{ n: number }>('SELECT n FROM counter'))?.n).toBe(42);
    await db.close();
  });

  it('refuses a data file from a newer Loadstar instead of touching it', async () => {
    const file = join(tempDir(), 'e.db');
    const two: Migration = {
      version: 2,
      name: 'two',
      up: async (tx) => void (await tx.run('CREATE TABLE t2 (x)')),
    };
    await (await Database.open(file, { migrations: [counter, two] })).close();
    await expect(Database.open(file, { migrations: [counter] })).rejects.toThrow(/newer than this Loadstar/);
  });

  it('leaves the schema as it was when a migration fails half-way', async () => {
    const file = join(tempDir(), 'f.db');
    await (await Database.open(file, { migrations: [counter] })).close();
    const broken: Migration = {
      version: 2,
      name: 'broken',
      up: async (tx) => {
        await tx.run('CREATE TABLE half (x)');
        await tx.run('THIS IS NOT SQL');
      },
    };
    await expect(Database.open(file, { migrations: [counter, broken] })).rejects.toThrow(
      /migration 2 \(broken\) failed/,
    );
    const db = await Database.open(file, { migrations: [counter] });
    expect(await db.userVersion()).toBe(1);
    expect(await db.get("SELECT name FROM sqlite_master WHERE name = 'half'")).toBeUndefined();
    await db.close();
  });
});
