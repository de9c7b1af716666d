/** Starts one sync server instance on a database: migrate, connect, listen. */
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { migrate } from './db/migrate';
import { createPool, type Db } from './db/pool';
import { buildApp, type AppOptions } from './http/app';
import { Pokes } from './sync/pokes';

export interface SyncServerOptions extends Partial<Pick<AppOptions, 'now' | 'loginPerMinute' | 'bodyLimit'>> {
  databaseUrl: string;
  port?: number;
  host?: string;
  poolSize?: number;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
}

export interface RunningSyncServer {
  url: string;
  port: number;
  db: Db;
  app: FastifyInstance;
  close(): Promise<void>;
}

export async function migrateDatabase(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await migrate(client);
  } finally {
    await client.end();
  }
}

export async function startSyncServer(options: SyncServerOptions): Promise<RunningSyncServer> {
  await migrateDatabase(options.databaseUrl);
  const log = options.log ?? ((msg, fields) => console.error(JSON.stringify({ t: new Date().toISOString(), msg, ...fields })));
  const db = createPool(options.databaseUrl, options.poolSize);
  const pokes = new Pokes(db, options.databaseUrl, log);
  await pokes.start();
  const app = await buildApp({ ...options, db, pokes, log });
  const host = options.host ?? '127.0.0.1';
  await app.listen({ port: options.port ?? 0, host });
  const port = (app.server.address() as { port: number }).port;
  return {
    url: `http://${host}:${port}`,
    port,
    db,
    app,
    async close() {
      await pokes.close();
      await app.close();
      await db.end();
    },
  };
}
