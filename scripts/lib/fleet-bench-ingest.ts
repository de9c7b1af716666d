/**
 * Ingestion: the app's Ingestor (allow-list, filters, running totals, batched writes) on a real
 * SQLite file, fed 1,000 trackers × 200 s of 1 Hz fixes interleaved in time as they would arrive;
 * then the OsmAnd listener over real HTTP (keep-alive, 32 connections) for the wire's own cost.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Database } from '../../electron/core/db/database';
import { createLogger } from '../../electron/core/log';
import { Ingestor } from '../../electron/core/fleet/ingest/ingestor';
import { OsmandServer } from '../../electron/core/fleet/ingest/osmand-server';
import { DEFAULT_FLEET_SETTINGS } from '../../electron/core/fleet/settings';
import type { TrackerRow } from '../../electron/core/fleet/store/trackers-repo';

const TRACKERS = 1000;
const SECONDS = 200;

export async function benchIngest(): Promise<{ perSecond: number; httpPerSecond: number; stored: number }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'loadstar-bench-ingest-'));
  const db = await Database.open(path.join(dir, 'data.db'));
  const trackers = new Map<string, TrackerRow>(
    Array.from({ length: TRACKERS }, (_, i) => {
      const uid = `b${i}`;
      return [uid, { key: i + 1, id: uid, uid, name: uid, vehicleId: null, enabled: true, createdAt: 0 }];
    }),
  );
  await db.write(async (tx) => {
    await tx.run("INSERT INTO sites (id, name, time_zone, created_at) VALUES ('s', 'Bench', 'UTC', 0)");
    for (const t of trackers.values())
      await tx.run(
        "INSERT INTO fleet_trackers (key, id, site_id, uid, created_at, updated_at) VALUES (?, ?, 's', ?, 0, 0)",
        [t.key, t.id, t.uid],
      );
  });
  const t0 = Date.now() - SECONDS * 1000 - 60_000;
  const ingestor = new Ingestor({
    db,
    logger: createLogger(path.join(dir, 'logs')),
    now: () => Date.now(),
    settings: () => DEFAULT_FLEET_SETTINGS,
    trackerByUid: (uid) => trackers.get(uid),
  });
  await ingestor.load();
  const fix = (i: number, s: number, at = t0 + s * 1000) => ({
    uid: `b${i}`,
    source: 'osmand' as const,
    at,
    lat: 57.7 + (i % 40) * 0.002 + s * 0.00008,
    lon: 14.1 + Math.floor(i / 40) * 0.003,
    speedKmh: 32,
    course: 0,
    altitudeM: null,
    accuracyM: 6,
    battery: 80,
    ignition: null,
    valid: true,
  });
  const started = performance.now();
  for (let s = 0; s < SECONDS; s++) {
    for (let i = 0; i < TRACKERS; i++) ingestor.submit(fix(i, s));
    // Let queued batches reach the database between seconds, as they would while fixes arrive.
    await new Promise((r) => setImmediate(r));
  }
  await ingestor.flush();
  const seconds = (performance.now() - started) / 1000;
  const stored = ingestor.counters.stored;

  // The same path behind the HTTP listener.
  const server = new OsmandServer({
    port: 0,
    lan: false,
    speedUnit: () => 'kn',
    now: () => Date.now(),
    submit: (f, r) => ingestor.submit(f, r),
  });
  const { port } = await server.start();
  const agent = new Agent({ keepAlive: true, maxSockets: 32 });
  const N = 20_000;
  const post = (n: number) =>
    new Promise<void>((resolve, reject) => {
      const f = fix(n % TRACKERS, SECONDS + Math.floor(n / TRACKERS) + 1);
      const req = request(
        {
          host: '127.0.0.1',
          port,
          agent,
          method: 'POST',
          path: `/?id=${f.uid}&lat=${f.lat}&lon=${f.lon}&timestamp=${f.at}&speed=17&accuracy=6`,
        },
        (res) => {
          res.resume();
          res.on('end', () =>
            res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`)),
          );
        },
      );
      req.on('error', reject);
      req.end();
    });
  const httpStarted = performance.now();
  for (let n = 0; n < N; n += 256)
    await Promise.all(Array.from({ length: Math.min(256, N - n) }, (_, k) => post(n + k)));
  await ingestor.flush();
  const httpSeconds = (performance.now() - httpStarted) / 1000;
  agent.destroy();
  await server.stop();
  await ingestor.close();
  await db.close();
  await rm(dir, { recursive: true, force: true });
  return { perSecond: Math.round(stored / seconds), httpPerSecond: Math.round(N / httpSeconds), stored };
}
