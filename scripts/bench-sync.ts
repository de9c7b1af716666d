/**
 * npm run -s bench:sync
 *
 * drain10kSeconds: a workstation makes 10,000 bookings while its link is cut, then the link comes
 * back; the time until the server has acknowledged all of them (target < 5 s on loopback).
 * pull100kSeconds: a new workstation joins a tenant holding 100,000 appointments; the time from
 * registering until all of them are in its SQLite store (target < 10 s).
 * The sync server runs in its own process on a PostgreSQL cluster of its own. Last line: JSON.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { SyncStatus } from '@shared/contract';
import { startCore } from '../electron/core/core';
import { createLogger } from '../electron/core/log';
import { call, join as joinTenant, waitForStatus } from '../electron/core/sync/test-support';
import { addUser } from '../server/src/admin/tenants';
import { createTenant } from '../server/src/auth/accounts';
import { freePort, startEmbeddedPostgres } from '../server/src/db/embedded-postgres';
import { createPool } from '../server/src/db/pool';
import { migrateDatabase } from '../server/src/server';
import { FaultProxy } from './lib/fault-proxy';
import { ServerProcess } from './partition/processes';

const TZ = 'Europe/Stockholm';
const HOUR = 3_600_000;
const BASE = Date.UTC(2032, 0, 5, 0, 0);
const ENGINE = { periodicMs: 60_000, backoff: { initialMs: 50, maxMs: 500 }, requestTimeoutMs: 60_000 };

/** A tenant with `doors` doors open around the clock and, optionally, `appointments` bookings on them. */
async function seedTenant(url: string, slug: string, doors: number, appointments: number) {
  const db = createPool(url, 2);
  const tenant = await createTenant(db, { slug, name: slug, timeZone: TZ });
  const { password } = await addUser(db, tenant.id, { email: `admin@${slug}.test`, name: 'Bench admin', role: 'admin' });
  await db.end();
  // Bulk rows straight into the table (as the owner): 1,000 rows per tenant version.
  const owner = new pg.Client({ connectionString: url });
  await owner.connect();
  await owner.query(
    `INSERT INTO entities (tenant_id, entity, id, version, data)
     SELECT $1, 'door', 'door-' || d, 1, jsonb_build_object('id', 'door-' || d, 'name', 'Door ' || d, 'direction', 'both',
       'equipment', '[]'::jsonb, 'opensAt', 0, 'closesAt', 1440, 'active', true, 'sortOrder', d)
     FROM generate_series(1, $2) d`,
    [tenant.id, doors],
  );
  await owner.query(
    `INSERT INTO entities (tenant_id, entity, id, version, data) VALUES ($1, 'carrier', 'carrier-1', 1, '{"id":"carrier-1","name":"PostNord"}')`,
    [tenant.id],
  );
  if (appointments > 0)
    await owner.query(
      `INSERT INTO entities (tenant_id, entity, id, version, data)
       SELECT $1, 'appointment', 'a-' || n, 2 + n / 1000, jsonb_build_object('id', 'a-' || n, 'doorId', 'door-' || (1 + n % $3),
         'carrierId', 'carrier-1', 'reference', 'B-' || n, 'referenceKey', 'b-' || n, 'startAt', $4::bigint + (n / $3) * ${HOUR}::bigint,
         'endAt', $4::bigint + (n / $3) * ${HOUR}::bigint + ${HOUR}::bigint, 'loadType', 'palletized', 'pallets', n % 33, 'notes', '',
         'status', 'booked', 'cancelReason', null)
       FROM generate_series(0::bigint, $2::bigint - 1) n`,
      [tenant.id, appointments, doors, BASE],
    );
  await owner.query('UPDATE tenants SET version = 2 + $2 / 1000 WHERE id = $1', [tenant.id, appointments]);
  await owner.end();
  return { slug, email: `admin@${slug}.test`, password };
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'loadstar-bench-sync-'));
  const postgres = await startEmbeddedPostgres({ dir: join(work, 'pg') });
  const server = new ServerProcess(await freePort(), postgres.url());
  const proxy = new FaultProxy({ host: '127.0.0.1', port: server.port });
  const cores: Awaited<ReturnType<typeof startCore>>[] = [];
  // Stopped from outside (a timeout, Ctrl-C): leave no cluster or process behind.
  const stopNow = () => {
    server.kill();
    postgres.stop('immediate');
    rmSync(work, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', stopNow).once('SIGTERM', stopNow);
  try {
    await migrateDatabase(postgres.url());
    const drainLogin = await seedTenant(postgres.url(), 'drain', 50, 0);
    const pullLogin = await seedTenant(postgres.url(), 'pull', 100, 100_000);
    await server.start();
    await proxy.start();

    // 1. 10,000 offline bookings, then the link comes back.
    const a = await startCore({ dataDir: join(work, 'a'), demo: false, timeZone: TZ, logger: createLogger(join(work, 'a', 'logs')), sync: ENGINE });
    cores.push(a);
    await joinTenant(a, proxy.url, { tenant: drainLogin.slug, email: drainLogin.email, password: drainLogin.password });
    proxy.setDown(true);
    for (let n = 0; n < 10_000; n++)
      await call(a, 'dock.bookAppointment', {
        doorId: `door-${1 + (n % 50)}`,
        carrierName: 'PostNord',
        reference: `OFF-${n}`,
        startAt: BASE + Math.floor(n / 50) * HOUR,
        durationMin: 60,
        loadType: 'palletized',
        pallets: 1,
      });
    await waitForStatus(a, (s) => s.pending === 10_000 && s.state === 'offline', 120_000);
    const t0 = performance.now();
    proxy.setDown(false);
    await call(a, 'sync.now');
    const drained = await waitForStatus(a, (s) => s.pending === 0, 600_000);
    const drain10kSeconds = (performance.now() - t0) / 1000;
    const inbox = drained.attention;
    console.log(`drain: 10,000 offline bookings acknowledged in ${drain10kSeconds.toFixed(2)} s (${inbox} refused)`);

    // 2. A new workstation takes a tenant of 100,000 appointments.
    const b = await startCore({ dataDir: join(work, 'b'), demo: false, timeZone: TZ, logger: createLogger(join(work, 'b', 'logs')), sync: ENGINE });
    cores.push(b);
    await call(b, 'sync.configure', { serverUrl: `http://127.0.0.1:${server.port}` });
    await call(b, 'sync.signIn', { tenant: pullLogin.slug, email: pullLogin.email, password: pullLogin.password });
    const t1 = performance.now();
    await call(b, 'sync.register', { name: 'Bench workstation' });
    const pulled = await waitForStatus(b, (s: SyncStatus) => s.state === 'upToDate' && s.lastSyncAt !== null, 600_000);
    const pull100kSeconds = (performance.now() - t1) / 1000;
    const count = await b.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM appointments');
    if (count?.n !== 100_000) throw new Error(`expected 100,000 appointments after the pull, found ${count?.n}`);
    console.log(`pull: 100,000 appointments in ${pull100kSeconds.toFixed(2)} s (cursor ${pulled.cursor})`);
    console.log(JSON.stringify({ drain10kSeconds: round(drain10kSeconds), pull100kSeconds: round(pull100kSeconds) }));
  } finally {
    for (const c of cores) await c.close().catch(() => undefined);
    await proxy.close();
    server.kill();
    postgres.stop('immediate');
    rmSync(work, { recursive: true, force: true });
  }
}

const round = (s: number) => Math.round(s * 100) / 100;

main().catch((err: unknown) => {
  console.error(`bench:sync failed: ${err instanceof Error ? err.stack : String(err)}`);
  process.exit(1);
});

