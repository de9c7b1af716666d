/**
 * Replay: 10 M positions stored — 1,000 trackers, 14 days, a fix every 30 s over six hours a day
 * (715 a day) — then `fleet.replay` through the real core's router for 500 of the vehicles over
 * one day (~357,500 fixes). The rows are written straight by SQL (ingestion has its own figure).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startCore } from '../../electron/core/core';
import { Database } from '../../electron/core/db/database';
import { createLogger } from '../../electron/core/log';
import { decodeTrack } from '@shared/domain/fleet/track-codec';

const TRACKERS = 1000;
const DAYS = 14;
const PER_DAY = 715;
const DAY = 86_400_000;

export async function benchReplay(
  log: (line: string) => void,
): Promise<{ ms: number; runs: number[]; fixes: number; stored: number }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'loadstar-bench-replay-'));
  const logger = createLogger(path.join(dir, 'logs'));
  const first = await startCore({
    dataDir: dir,
    demo: false,
    timeZone: 'UTC',
    logger,
    fleet: { listenerPort: 0 },
  });
  const siteId = (await first.db.get<{ id: string }>('SELECT id FROM sites'))!.id;
  await first.close();
  const t0 = Date.UTC(2026, 0, 5);
  const db = await Database.open(path.join(dir, 'loadstar.db'));
  const started = performance.now();
  await db.write(async (tx) => {
    for (let k = 1; k <= TRACKERS; k++) {
      await tx.run(
        `INSERT INTO route_vehicles (id, site_id, name, profile, shift_start, shift_end, planning, created_at, updated_at)
         VALUES (?, ?, ?, 'van', 360, 1080, 0, 0, 0)`,
        [`v${k}`, siteId, `Bench ${k}`],
      );
      await tx.run(
        'INSERT INTO fleet_trackers (key, id, site_id, uid, vehicle_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, 0)',
        [k, `t${k}`, siteId, `bench-${k}`, `v${k}`],
      );
    }
  });
  for (let k = 1; k <= TRACKERS; k++) {
    await db.write((tx) =>
      tx.run(`WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < ${PER_DAY * DAYS - 1})
        INSERT INTO fleet_positions (tracker, t, lat_e6, lon_e6, speed_dkmh, course, alt, acc, batt, odo, eng)
        SELECT ${k}, ${t0} + (i / ${PER_DAY}) * ${DAY} + 21600000 + (i % ${PER_DAY}) * 30000,
          57700000 + ((i * 37 + ${k} * 101) % 90000), 14100000 + ((i * 53 + ${k} * 211) % 160000),
          (i * 7) % 900, (i * 11) % 360, NULL, 6, NULL, i * 250, i * 30 FROM s`),
    );
  }
  const stored = (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM fleet_positions'))!.n;
  log(
    `replay: ${stored.toLocaleString('en')} positions stored for ${TRACKERS} trackers in ${Math.round((performance.now() - started) / 1000)} s`,
  );
  await db.close();

  const core = await startCore({ dataDir: dir, demo: false, logger, fleet: { listenerPort: 0 } });
  const vehicleIds = Array.from({ length: 500 }, (_, i) => `v${i * 2 + 1}`);
  const from = t0 + 7 * DAY;
  const runs: number[] = [];
  let fixes = 0;
  for (let r = 0; r < 6; r++) {
    const t = performance.now();
    const res = await core.router.dispatch(
      { id: r + 1, name: 'fleet.replay', input: { vehicleIds, from, to: from + DAY } },
      core.localContext,
    );
    runs.push(Math.round(performance.now() - t));
    if (!res.ok) throw new Error(res.error.message);
    fixes = (res.value as { packed: string; from: number }[]).reduce(
      (n, tr) => n + decodeTrack(tr.packed, tr.from).at.length,
      0,
    );
  }
  await core.close();
  await rm(dir, { recursive: true, force: true });
  // The first run reads from disk into the cache; the median of the rest is the steady figure.
  const warm = runs.slice(1).sort((a, b) => a - b);
  return { ms: warm[Math.floor(warm.length / 2)]!, runs, fixes, stored };
}
