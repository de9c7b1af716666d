/**
 * npm run -s test:partition -- --seed S --clients N --minutes M
 *
 * PostgreSQL, two sync server processes and N client workstations (real cores, own data folders)
 * talking through TCP fault proxies. For M minutes the clients book, move, cancel and edit
 * appointments on three doors, and the dispatchers among them (every other client) save and
 * delete geofences and alert rules on a few shared ones and make and edit vehicles and drivers
 * with names from a small pool, while faults are injected at random (seeded): delays, dropped and
 * reset connections, cut links, SIGKILL of clients and of one server, each restarted. Then it
 * heals, drains and checks (see partition/checks.ts). The last line is JSON; the exit code is
 * non-zero when anything was lost, double-booked or diverged.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DoorDirection } from '@shared/contract';
import * as dock from '@shared/domain/dock/mutators';
import { addUser, serverChange } from '../server/src/admin/tenants';
import { createTenant } from '../server/src/auth/accounts';
import { freePort, startEmbeddedPostgres } from '../server/src/db/embedded-postgres';
import { createPool } from '../server/src/db/pool';
import { pgDockStore } from '../server/src/mutators/dock';
import { migrateDatabase } from '../server/src/server';
import { Rng } from '../electron/core/routing/solver/rng';
import { parseArgs } from './lib/args';
import { FaultProxy } from './lib/fault-proxy';
import { check } from './partition/checks';
import { PARTITION_TIME_ZONE } from './partition/config';
import { ClientProcess, ServerProcess } from './partition/processes';

const args = parseArgs(process.argv.slice(2));
const seed = Number(args.get('seed') ?? 1);
const clients = Number(args.get('clients') ?? 3);
const minutes = Number(args.get('minutes') ?? 1);
if (!Number.isInteger(seed) || !Number.isInteger(clients) || clients < 1 || !(minutes > 0))
  throw new Error('usage: --seed S --clients N --minutes M (N ≥ 1, M > 0)');

const DAY = '2031-11-20';
const DRAIN_LIMIT_MS = Number(process.env.PARTITION_DRAIN_LIMIT_MS ?? 180_000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (line: string) => console.log(line);

async function setUpTenant(databaseUrl: string) {
  await migrateDatabase(databaseUrl);
  const db = createPool(databaseUrl, 2);
  try {
    const tenant = await createTenant(db, { slug: 'partition', name: 'Partition DC', timeZone: PARTITION_TIME_ZONE });
    const doorIds = await serverChange(db, tenant.id, 'setup', async (store) => {
      const ids: string[] = [];
      for (const name of ['P1', 'P2', 'P3']) {
        const door = await dock.createDoor(pgDockStore(store), { timeZone: tenant.timeZone, now: Date.now() }, {
          resultId: randomUUID(),
          name,
          direction: 'both' as DoorDirection,
          equipment: [],
          opensAt: '00:00',
          closesAt: '24:00',
        });
        ids.push(door.id);
      }
      return ids;
    });
    const logins = [];
    for (let i = 0; i < clients; i++) {
      const email = `client${i}@partition.test`;
      const { password } = await addUser(db, tenant.id, { email, name: `Client ${i}`, role: i % 2 === 0 ? 'dispatcher' : 'operator' });
      logins.push({ tenant: tenant.slug, email, password });
    }
    return { tenant, doorIds, logins };
  } finally {
    await db.end();
  }
}

async function main(): Promise<number> {
  const work = mkdtempSync(join(tmpdir(), 'loadstar-partition-'));
  const rng = new Rng(seed);
  const postgres = await startEmbeddedPostgres({ dir: join(work, 'pg'), fast: true });
  const servers: ServerProcess[] = [];
  const proxies: FaultProxy[] = [];
  const workers: ClientProcess[] = [];
  let faults = 0;
  // Stopped from outside (a timeout, Ctrl-C): leave no cluster or process behind.
  const stopNow = () => {
    for (const w of workers) w.kill();
    for (const s of servers) s.kill();
    postgres.stop('immediate');
    rmSync(work, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', stopNow).once('SIGTERM', stopNow);
  try {
    const databaseUrl = postgres.url();
    const { tenant, doorIds, logins } = await setUpTenant(databaseUrl);
    for (let s = 0; s < 2; s++) servers.push(new ServerProcess(await freePort(), databaseUrl));
    await Promise.all(servers.map((s) => s.start()));
    for (let i = 0; i < clients; i++) {
      const proxy = new FaultProxy({ host: '127.0.0.1', port: servers[i % 2]!.port }, () => rng.next());
      await proxy.start();
      proxies.push(proxy);
      workers.push(
        new ClientProcess({
          index: i,
          seed,
          dataDir: join(work, `client-${i}`),
          serverUrl: proxy.url,
          login: logins[i]!,
          timeZone: PARTITION_TIME_ZONE,
          day: DAY,
          doorIds,
          planner: i % 2 === 0,
        }),
      );
    }
    await Promise.all(workers.map((w) => w.start()));
    log(`partition: ${clients} clients on 2 servers, seed ${seed}, ${minutes} min of faults`);

    const restarts: Promise<void>[] = [];
    const later = (ms: number, work: () => Promise<void>) => restarts.push(sleep(ms).then(work));
    const deadline = Date.now() + minutes * 60_000;
    while (Date.now() < deadline) {
      await sleep(500 + rng.int(1500));
      const k = rng.int(clients);
      const roll = rng.next();
      faults++;
      if (roll < 0.2) proxies[k]!.setFaults({ delayMs: 300 });
      else if (roll < 0.35) proxies[k]!.setFaults({ dropRate: 0.05 });
      else if (roll < 0.5) proxies[k]!.setFaults({ resetRate: 0.05 });
      else if (roll < 0.65) {
        proxies[k]!.setDown(true);
        later(1000 + rng.int(3000), async () => proxies[k]!.setDown(false));
      } else if (roll < 0.85) {
        if (!workers[k]!.running) continue;
        workers[k]!.kill();
        later(300 + rng.int(1500), () => workers[k]!.start());
      } else if (roll < 0.95) {
        // One server at a time goes down hard and comes back on its port.
        const s = servers.find((x) => !x.running) ? null : servers[rng.int(2)]!;
        if (!s) continue;
        s.kill();
        later(500 + rng.int(2000), () => s.start());
      } else proxies[k]!.heal();
    }

    log('partition: healing and draining');
    await Promise.all(restarts);
    for (const p of proxies) p.heal();
    for (const s of servers) if (!s.running) await s.start();
    for (const w of workers) w.stop();
    for (const w of workers) if (!w.running) await w.start();
    await drain(workers, databaseUrl, tenant.id);

    const dumps = [];
    for (const w of workers) dumps.push(await w.dump());
    faults += proxies.reduce((n, p) => n + p.injected, 0);
    const result = await check(databaseUrl, tenant.id, dumps);
    for (const [name, n] of Object.entries(result.byName)) log(`partition: ${name} applied ${n.applied}, refused ${n.rejected}`);
    for (const p of result.problems) log(`problem: ${p}`);
    log(`partition: changes made ${JSON.stringify(result.made)}; on the server at the end ${JSON.stringify(result.records)}`);
    const summary = {
      seed,
      clients,
      operations: result.operations,
      faults,
      lost: result.lost,
      doubleBooked: result.doubleBooked,
      diverged: result.diverged,
      rejectionsShown: result.rejectionsShown,
    };
    console.log(JSON.stringify(summary));
    return result.lost || result.doubleBooked || result.diverged || result.problems.length ? 1 : 0;
  } finally {
    for (const w of workers) w.kill();
    for (const s of servers) s.kill();
    for (const p of proxies) await p.close();
    postgres.stop('immediate');
    rmSync(work, { recursive: true, force: true });
  }
}

/** Until every client has nothing pending and holds the server's latest version, twice in a row. */
async function drain(workers: ClientProcess[], databaseUrl: string, tenantId: string): Promise<void> {
  const { default: pg } = await import('pg');
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const limit = Date.now() + DRAIN_LIMIT_MS;
    let stable = 0;
    let last = '';
    while (stable < 2) {
      if (Date.now() > limit) throw new Error(`the clients did not drain in time: ${last}`);
      for (const w of workers) w.nudge();
      await sleep(500);
      const version = Number((await db.query('SELECT version FROM tenants WHERE id = $1', [tenantId])).rows[0].version);
      const statuses = await Promise.all(workers.map((w) => w.status()));
      const done = statuses.every((s) => s.pending === 0 && s.cursor === version && s.state === 'upToDate');
      last = `server version ${version}; ${JSON.stringify(statuses.map((s) => ({ state: s.state, pending: s.pending, cursor: s.cursor, error: s.lastError })))}`;
      stable = done ? stable + 1 : 0;
    }
  } finally {
    await db.end();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`partition test failed: ${err instanceof Error ? err.stack : String(err)}`);
    console.log(JSON.stringify({ seed, clients, operations: 0, faults: 0, lost: -1, doubleBooked: -1, diverged: -1, rejectionsShown: 0, error: String(err) }));
    process.exit(1);
  },
);
