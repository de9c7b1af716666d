/**
 * Latency of one manual plan edit at 1,000 stops, as the Routes screen makes it: a real core on
 * a real SQLite file, 1,000 orders on 40 vehicles, then edits that move one order to another
 * route through `routes.updatePlan` (the command the screen's editor sends), each on the revision
 * the previous one produced. Measured from dispatch to answer (write, evaluation, plan view).
 *
 *   npm run -s bench:edit [-- --stops 1000 --edits 60]
 *
 * Last line: {"stops":1000,"editP95Ms":…}
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Plan } from '@shared/contract';
import { startCore, type Core } from '../electron/core/core';
import { createLogger } from '../electron/core/log';
import { Rng } from '../electron/core/routing/solver/rng';
import { parseArgs } from './lib/args';

const DATE = '2026-11-23';
const DEPOT = { name: 'DC', address: 'Torsviksvägen 12', lat: 57.7372, lon: 14.1099 };

function caller(core: Core) {
  let id = 1;
  return async <T>(name: string, input: unknown, mutates = true): Promise<T> => {
    const r = await core.router.dispatch(
      { id: id++, name, input, ...(mutates ? { requestId: randomUUID() } : {}) },
      core.localContext,
    );
    if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const stops = Number(args.get('stops') ?? 1000);
  const edits = Number(args.get('edits') ?? 60);
  const vehiclesN = Math.max(1, Math.round(stops / 25));
  const dir = mkdtempSync(join(tmpdir(), 'loadstar-bench-edit-'));
  const core = await startCore({ dataDir: dir, demo: false, logger: createLogger(join(dir, 'logs')) });
  try {
    const call = caller(core);
    const rng = new Rng(17);
    await call('routes.updateSettings', { depot: DEPOT });
    const vehicles: { id: string }[] = [];
    for (let v = 0; v < vehiclesN; v++)
      vehicles.push(
        await call('routes.createVehicle', {
          name: `Van ${v + 1}`,
          capacity: { kg: 100_000 },
          shiftStart: '06:00',
          shiftEnd: '22:00',
        }),
      );
    const orders: { id: string }[] = [];
    for (let i = 0; i < stops; i++) {
      const windowed = i % 3 === 0;
      const from = 8 + rng.int(8);
      orders.push(
        await call('routes.createOrder', {
          date: DATE,
          reference: `B${i + 1}`,
          customer: `Kund ${i + 1}`,
          lat: DEPOT.lat + (rng.next() - 0.5) * 0.3,
          lon: DEPOT.lon + (rng.next() - 0.5) * 0.5,
          serviceMin: 5,
          demand: { kg: 10 + rng.int(90) },
          ...(windowed
            ? { timeWindows: [{ from: `${String(from).padStart(2, '0')}:00`, to: `${from + 3}:00` }] }
            : {}),
        }),
      );
    }
    const routes = vehicles.map((v, k) => ({
      vehicleId: v.id,
      orderIds: orders.filter((_, i) => i % vehicles.length === k).map((o) => o.id),
    }));
    let plan = await call<Plan>('routes.updatePlan', { date: DATE, baseRevision: 0, routes });
    const times: number[] = [];
    const warmup = 3;
    for (let e = 0; e < edits + warmup; e++) {
      // Move one stop from one route to a random place on another, as a drag on the map does.
      const a = rng.int(routes.length);
      let b = rng.int(routes.length - 1);
      if (b >= a) b++;
      const from = routes[a]!.orderIds;
      if (!from.length) continue;
      const [moved] = from.splice(rng.int(from.length), 1);
      const to = routes[b % routes.length]!.orderIds;
      to.splice(rng.int(to.length + 1), 0, moved!);
      const t0 = performance.now();
      plan = await call<Plan>('routes.updatePlan', { date: DATE, baseRevision: plan.revision, routes });
      const ms = performance.now() - t0;
      if (e >= warmup) times.push(ms);
    }
    const placed = plan.routes.reduce((s, r) => s + r.stops.filter((x) => x.kind !== 'reload').length, 0);
    console.log(
      `edits=${times.length} stops_on_plan=${placed} vehicles=${vehicles.length} p50_ms=${pct(times, 50).toFixed(1)} p95_ms=${pct(times, 95).toFixed(1)} max_ms=${Math.max(...times).toFixed(1)}`,
    );
    console.log(JSON.stringify({ stops, editP95Ms: Number(pct(times, 95).toFixed(1)) }));
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
