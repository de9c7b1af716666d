/** One real PostgreSQL cluster per test file (temp folder, free port); a fresh database per use. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/db/embedded-postgres';

export interface TestPostgres {
  cluster(): EmbeddedPostgres;
  /** Creates an empty database and returns its URL (superuser). */
  database(): Promise<string>;
}

export function usePostgres(): TestPostgres {
  let cluster: EmbeddedPostgres | null = null;
  let dir = '';
  let n = 0;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'loadstar-pg-'));
    cluster = await startEmbeddedPostgres({ dir, fast: true });
  }, 60_000);
  afterAll(() => {
    cluster?.stop('immediate');
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    cluster: () => cluster!,
    async database() {
      const name = `t${++n}_${process.pid}`;
      const admin = new pg.Client({ connectionString: cluster!.url() });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      return cluster!.url(name);
    },
  };
}
