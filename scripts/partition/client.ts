/**
 * One workstation of the partition test, in its own process and data folder: a real core that
 * joins the tenant through its fault proxy, then books, moves, cancels and edits appointments on
 * a few doors (and, as a dispatcher, edits geofences and alert rules, plans and offers routes), and
 * files and moves claims, at random until told to stop. The orchestrator may SIGKILL
 * it at any moment and start it again on the same folder.
 *
 * Messages from the orchestrator: {type:'stop'} (no more operations), {type:'status'},
 * {type:'dump'}; answers: {type:'ready'}, {type:'status', status}, {type:'dump', dump}.
 */
import { join as joinPath } from 'node:path';
import type { AlertRule, Appointment, ClaimSummary, Driver, Geofence, SyncStatus, Vehicle } from '@shared/contract';
import { startCore } from '../../electron/core/core';
import { createLogger } from '../../electron/core/log';
import { Rng } from '../../electron/core/routing/solver/rng';
import { call, join } from '../../electron/core/sync/test-support';
import { PARTITION_CLIENT_ENGINE, type ClientConfig } from './config';
import { dumpCore } from './dump';
import { randomDispatchOperation, setUpDispatchDay } from './dispatch-operations';
import { randomClaimOperation, randomOperation } from './operations';

const config = JSON.parse(process.env.PARTITION_CLIENT ?? '{}') as ClientConfig;
const send = (m: unknown) => process.send?.(m);

async function main(): Promise<void> {
  const core = await startCore({
    dataDir: config.dataDir,
    demo: false,
    timeZone: config.timeZone,
    logger: createLogger(joinPath(config.dataDir, 'logs')),
    sync: PARTITION_CLIENT_ENGINE,
    // Jobs go to the dispatcher after 15 s, so even a short run escalates some.
    dispatch: { escalateAfterMin: 0.25, sweepEveryMs: 2000 },
  });
  const status = await call<SyncStatus>(core, 'sync.status');
  if (!status.registered || !status.user) {
    for (let attempt = 0; ; attempt++) {
      try {
        await join(core, config.serverUrl, config.login, `Partition client ${config.index}`);
        break;
      } catch (err) {
        if (attempt > 50) throw err;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }
  await setUpDispatchDay(core, config);
  const rng = new Rng(config.seed * 7919 + config.index * 104_729 + config.incarnation * 15_485_863);
  let generating = config.generate;
  process.on('message', (raw) => {
    const m = raw as { type: string };
    if (m.type === 'stop') generating = false;
    else if (m.type === 'status') void call<SyncStatus>(core, 'sync.status').then((s) => send({ type: 'status', status: s }));
    else if (m.type === 'now') void call(core, 'sync.now');
    else if (m.type === 'dump') void dumpCore(core).then((dump) => send({ type: 'dump', dump }));
  });
  send({ type: 'ready' });
  while (generating) {
    await new Promise((r) => setTimeout(r, 30 + rng.int(150)));
    if (!generating) break;
    // A quarter of the operations are dispatch steps, a fifth claims, the rest dock bookings (and,
    // for planners, fleet and vehicle/driver register edits).
    const roll = rng.next();
    const dispatchOp = roll < 0.25 ? await randomDispatchOperation(core, rng, config) : null;
    const claimOp =
      !dispatchOp && roll >= 0.25 && roll < 0.45
        ? randomClaimOperation(rng, config, await call<ClaimSummary[]>(core, 'claims.list', {}))
        : null;
    const other = async () => {
      const appointments = await call<Appointment[]>(core, 'dock.listAppointments', { date: config.day });
      const fleet = config.planner
        ? { geofences: await call<Geofence[]>(core, 'fleet.listGeofences', {}), rules: await call<AlertRule[]>(core, 'fleet.listRules', {}) }
        : null;
      const register = config.planner
        ? {
            vehicles: await call<Vehicle[]>(core, 'routes.listVehicles', { includeInactive: true }),
            drivers: await call<Driver[]>(core, 'routes.listDrivers', { includeInactive: true }),
          }
        : null;
      return randomOperation(rng, config, { appointments, fleet, register });
    };
    const op = dispatchOp ?? claimOp ?? (await other());
    // A refusal here (slot taken locally, appointment cancelled meanwhile) is an ordinary outcome.
    await call(core, op.name, op.input).catch(() => undefined);
  }
}

main().catch((err: unknown) => {
  console.error(`partition client ${config.index} failed: ${err instanceof Error ? err.stack : String(err)}`);
  process.exit(1);
});
