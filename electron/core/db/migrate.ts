import type { Connection, Queryable } from './connection';

export interface Migration {
  /** 1-based and contiguous: migration N moves `user_version` from N-1 to N. */
  version: number;
  name: string;
  up(tx: Queryable): Promise<void>;
}

/** Applies every migration newer than the file's `user_version`, each in its own transaction. */
export async function migrate(conn: Connection, migrations: readonly Migration[]): Promise<number> {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  const row = await conn.get<{ user_version: number }>('PRAGMA user_version');
  const current = row?.user_version ?? 0;
  if (current > migrations.length) {
    throw new Error(
      `the data file is at schema version ${current}, newer than this Loadstar (${migrations.length}); update Loadstar`,
    );
  }
  for (const m of migrations.slice(current)) {
    await conn.exec('BEGIN IMMEDIATE');
    try {
      await m.up(conn);
      // user_version lives in the file header and is part of the transaction.
      await conn.exec(`PRAGMA user_version = ${m.version}`);
      await conn.exec('COMMIT');
    } catch (err) {
      await conn.exec('ROLLBACK').catch(() => undefined);
      throw new Error(`migration ${m.version} (${m.name}) failed: ${(err as Error).message}`);
    }
  }
  return migrations.length;
}

/** Runs a block of `;`-separated DDL statements on a transaction handle. */
export async function execAll(tx: Queryable, sql: string): Promise<void> {
  for (const statement of sql
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter(Boolean)) {
    await tx.run(statement);
  }
}
