/**
 * `npm run server`: the reference sync server.
 *
 *   npm run server                                   embedded PostgreSQL in .data/sync-server
 *   DATABASE_URL=postgres://… npm run server         your own PostgreSQL
 *   npm run server -- --port 4790 --host 127.0.0.1 --data-dir DIR
 *   npm run server -- add-tenant --slug acme --name "Acme DC" --time-zone Europe/Stockholm
 *   npm run server -- add-user --tenant acme --email anna@acme.se --name Anna --role dispatcher
 *
 * On an empty database it creates the tenant `demo` (the demo warehouse's doors and carriers)
 * with an admin whose one-time password it prints once.
 */
import { resolve } from 'node:path';
import { ROLES, type Role } from '@shared/contract';
import { isValidTimeZone } from '@shared/domain/time';
import { parseArgs } from '../../scripts/lib/args';
import { addUser, createDemoTenant } from './admin/tenants';
import { createTenant, findTenant } from './auth/accounts';
import { startEmbeddedPostgres } from './db/embedded-postgres';
import { createPool } from './db/pool';
import { migrateDatabase, startSyncServer } from './server';

export const DEFAULT_SERVER_PORT = 4790;

async function databaseUrl(flags: Map<string, string | undefined>): Promise<{ url: string; stop?: () => void }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL };
  const dir = resolve(flags.get('data-dir') ?? process.env.LOADSTAR_SERVER_DATA ?? '.data/sync-server');
  const pg = await startEmbeddedPostgres({ dir, port: Number(flags.get('pg-port') ?? 0) || undefined });
  console.log(`Sync server database: embedded PostgreSQL in ${pg.dataDir} (port ${pg.port}; set DATABASE_URL to use your own)`);
  return { url: pg.url(), stop: () => pg.stop() };
}

function need(flags: Map<string, string | undefined>, name: string): string {
  const v = flags.get(name);
  if (!v) throw new Error(`--${name} is required`);
  return v;
}

async function admin(command: string, flags: Map<string, string | undefined>, url: string): Promise<void> {
  await migrateDatabase(url);
  const db = createPool(url, 2);
  try {
    if (command === 'add-tenant') {
      const timeZone = flags.get('time-zone') ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
      if (!isValidTimeZone(timeZone)) throw new Error(`unknown time zone ${timeZone}`);
      const t = await createTenant(db, { slug: need(flags, 'slug'), name: need(flags, 'name'), timeZone });
      console.log(`Tenant ${t.slug} created (${t.name}, ${t.timeZone}).`);
    } else if (command === 'add-user') {
      const tenant = await findTenant(db, need(flags, 'tenant'));
      if (!tenant) throw new Error(`no tenant ${flags.get('tenant')}`);
      const role = (flags.get('role') ?? 'operator') as Role;
      if (!ROLES.includes(role)) throw new Error(`--role is one of ${ROLES.join(', ')}`);
      const { user, password } = await addUser(db, tenant.id, {
        email: need(flags, 'email'),
        name: need(flags, 'name'),
        role,
        password: flags.get('password'),
      });
      console.log(`User ${user.email} (${user.role}) added to ${tenant.slug}. Password: ${password}`);
    } else throw new Error(`unknown command ${command}: use add-tenant or add-user`);
  } finally {
    await db.end();
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const flags = parseArgs(argv);
  const command = argv[0] && !argv[0].startsWith('--') ? argv[0] : null;
  const database = await databaseUrl(flags);
  if (command) {
    try {
      await admin(command, flags, database.url);
    } finally {
      database.stop?.();
    }
    return;
  }
  const server = await startSyncServer({
    databaseUrl: database.url,
    port: Number(flags.get('port') ?? process.env.LOADSTAR_SERVER_PORT ?? DEFAULT_SERVER_PORT),
    host: flags.get('host') ?? '127.0.0.1',
  });
  const { rows } = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM tenants');
  if (rows[0]!.n === 0) {
    const { tenant, admin: a } = await createDemoTenant(server.db);
    console.log(`Created tenant "${tenant.slug}" (${tenant.name}). Sign in as ${a.user.email} with password ${a.password} (shown once).`);
  }
  console.log(`Loadstar sync server ready: ${server.url}`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void server
      .close()
      .catch(() => undefined)
      .finally(() => {
        database.stop?.();
        process.exit(0);
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`Sync server failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
