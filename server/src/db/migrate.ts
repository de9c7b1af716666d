/**
 * Numbered SQL migrations (`server/migrations/NNNN-name.sql`), each applied once in its own
 * transaction and recorded in `schema_migrations`. An advisory lock makes two server instances
 * starting together take turns; a database newer than this server is refused, never changed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

export interface SqlMigration {
  version: number;
  name: string;
  sql: string;
}

const DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));
const LOCK = 0x4c6f6164; // "Load"

export function loadMigrations(dir = DIR): SqlMigration[] {
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}-[a-z0-9-]+\.sql$/.test(f))
    .sort();
  return files.map((file, i) => {
    const version = Number(file.slice(0, 4));
    if (version !== i + 1) throw new Error(`migration ${file} is out of sequence: expected ${String(i + 1).padStart(4, '0')}`);
    return { version, name: file.slice(5, -4), sql: readFileSync(`${dir}/${file}`, 'utf8') };
  });
}

/** Applies the migrations past the database's version, up to `upTo` (tests step one at a time). */
export async function migrate(
  client: pg.ClientBase,
  migrations: readonly SqlMigration[] = loadMigrations(),
  upTo = migrations.length,
): Promise<number> {
  await client.query('SELECT pg_advisory_lock($1)', [LOCK]);
  try {
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
    const current = rows[0]?.v ?? 0;
    if (current > migrations.length)
      throw new Error(`the database is at schema version ${current}, newer than this server (${migrations.length}); update the server`);
    for (const m of migrations.slice(current, upTo)) {
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw new Error(`migration ${m.version} (${m.name}) failed: ${(err as Error).message}`);
      }
    }
    return Math.max(current, upTo);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK]);
  }
}
