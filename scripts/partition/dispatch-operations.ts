/**
 * The partition test's dispatch case: each dispatcher workstation plans a small day of its own
 * (routing is not synced), dispatches it and offers its routes; every workstation then accepts,
 * declines and expires offers it sees on the synced board (its own and the others'), sets driver
 * states and cancels routes, so two workstations often answer the same offer while cut off.
 */
import type { Core } from '../../electron/core/core';
import type { Rng } from '../../electron/core/routing/solver/rng';
import { call } from '../../electron/core/sync/test-support';
import type { DispatchBoard } from '@shared/contract';
import type { ClientConfig } from './config';
import type { Operation } from './operations';

/** Near the default depot (settings are an administrator's; the clients are dispatchers). */
const NEAR = { lat: 57.7815, lon: 14.1562 };

/** A planned and dispatched day of two routes on this workstation, once per data folder. */
export async function setUpDispatchDay(core: Core, c: ClientConfig): Promise<void> {
  if (!c.planner) return;
  const existing = await call<unknown[]>(core, 'routes.listVehicles', {});
  if (existing.length) return;
  const vehicles = [];
  for (const name of ['Van A', 'Van B'])
    vehicles.push(
      await call<{ id: string }>(core, 'routes.createVehicle', {
        name: `${name}${c.index}`,
        profile: 'van',
        shiftStart: '06:00',
        shiftEnd: '20:00',
        costPerKm: 4,
        costPerHour: 380,
      }),
    );
  const drivers: { id: string }[] = [];
  for (const name of ['Ann', 'Bert', 'Cid', 'Dora'])
    drivers.push(await call<{ id: string }>(core, 'routes.createDriver', { name: `${name} ${c.index}` }));
  const orders: { id: string }[] = [];
  for (let i = 0; i < 4; i++)
    orders.push(
      await call<{ id: string }>(core, 'routes.createOrder', {
        date: c.day,
        reference: `P${c.index}-${i}`,
        customer: 'Customer',
        address: 'Street 1',
        lat: NEAR.lat + 0.01 * (i + 1),
        lon: NEAR.lon + 0.02 * (i % 2 ? 1 : -1),
      }),
    );
  const plan = await call<{ revision: number }>(core, 'routes.getPlan', { date: c.day });
  const routes = vehicles.map((v, k) => ({
    vehicleId: v.id,
    driverId: drivers[k]!.id,
    orderIds: orders.slice(k * 2, k * 2 + 2).map((o) => o.id),
  }));
  await call(core, 'routes.updatePlan', { date: c.day, baseRevision: plan.revision, routes });
  const assignments = routes.map((r) => ({ vehicleId: r.vehicleId, driverId: r.driverId }));
  await call(core, 'routes.dispatch', { date: c.day, assignments });
}

export async function randomDispatchOperation(core: Core, rng: Rng, c: ClientConfig): Promise<Operation | null> {
  const board = await call<DispatchBoard>(core, 'dispatch.board', { date: c.day });
  const open = board.jobs.filter((j) => j.offer);
  const roll = rng.next();
  if (open.length && roll < 0.2) {
    const job = rng.pick(open);
    return rng.next() < 0.5
      ? { name: 'dispatch.accept', input: { offerId: job.offer!.id } }
      : { name: 'dispatch.decline', input: { offerId: job.offer!.id, reason: `Client ${c.index} cannot` } };
  }
  if (roll < 0.45) return { name: 'dispatch.sweep', input: {} };
  if (!c.planner) return null;
  if (roll < 0.6) {
    const driver = rng.pick(board.drivers);
    return driver
      ? { name: 'dispatch.setAvailability', input: { driverId: driver.id, state: rng.pick(['available', 'available', 'on_break', 'off_shift']) } }
      : null;
  }
  const vehicles = await call<{ id: string }[]>(core, 'routes.listVehicles', {});
  const onBoard = new Set(board.jobs.map((j) => j.vehicleId));
  const free = vehicles.filter((v) => !onBoard.has(v.id));
  if (free.length && roll < 0.8)
    return { name: 'dispatch.offer', input: { date: c.day, vehicleId: rng.pick(free).id, expiresInMin: 1 } };
  const waiting = board.jobs.filter((j) => j.state === 'escalated' || j.state === 'unassigned');
  if (waiting.length && roll < 0.9) return { name: 'dispatch.offer', input: { date: c.day, jobId: rng.pick(waiting).id, expiresInMin: 1 } };
  const mine = board.jobs.filter((j) => j.kind === 'route' && vehicles.some((v) => v.id === j.vehicleId));
  return mine.length ? { name: 'dispatch.cancelRoute', input: { jobId: rng.pick(mine).id, reason: `Client ${c.index} cancels` } } : null;
}
