/**
 * A simulated day of dispatch through the real engine (a real core on a SQLite file, the routing
 * domain's plan and solver scheduler): the day's orders are planned into routes by a sweep round
 * the depot and dispatched; every route is offered at 06:00, late orders are offered one by one
 * during the morning; drivers answer after a random delay (seeded), decline some, let some
 * expire, and some cancel their route after accepting it. The engine re-offers, escalates and
 * re-inserts by itself; nobody plays the dispatcher. The clock is simulated minute by minute.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DispatchBoard, DispatchJob, DispatchOffer } from '@shared/contract';
import { atMinuteOfDay } from '@shared/domain/time';
import { startCore, type Core } from '../../electron/core/core';
import { DISPATCH_DEFAULTS } from '../../electron/core/dispatch/engine';
import { createLogger } from '../../electron/core/log';
import { Rng } from '../../electron/core/routing/solver/rng';
import { call } from '../../electron/core/sync/test-support';

export interface DayOptions {
  orders: number;
  /** Orders not in the morning's plan, offered one by one between 08:00 and 13:00. */
  lateOrders: number;
  routes: number;
  drivers: number;
  seed: number;
  /** Chance an offer is never answered (it expires). */
  noAnswer: number;
  /** Chance an answered offer is declined. */
  decline: number;
  /** Chance a driver cancels an accepted route later in the morning. */
  cancel: number;
  maxAttempts: number;
  escalateAfterMin: number;
  expiresInMin: number;
}

export const DEFAULT_DAY: DayOptions = {
  orders: 500,
  lateOrders: 40,
  routes: 20,
  drivers: 30,
  seed: 1,
  noAnswer: 0.15,
  decline: 0.3,
  cancel: 0.15,
  // The engine's defaults.
  maxAttempts: DISPATCH_DEFAULTS.maxAttempts,
  escalateAfterMin: DISPATCH_DEFAULTS.escalateAfterMin,
  expiresInMin: 10,
};

export interface DayResult {
  orders: number;
  /** Orders whose job had a declined or expired offer, or whose route was cancelled. */
  affected: number;
  /** Of them, on an accepted job at the end of the day without the dispatcher doing anything. */
  recovered: number;
  autoReassignedPct: number;
  /** Jobs waiting for the dispatcher at the end: escalated. */
  escalated: number;
  /** Orders a cancelled route left that no other route could take (unassigned, with the reason). */
  unassigned: number;
  /** Orders neither on an accepted job nor in front of the dispatcher (escalated or unassigned). */
  stuck: number;
  offers: number;
  declines: number;
  expiries: number;
  cancellations: number;
  steps: number;
  stepMs: { mean: number; max: number };
  wallSeconds: number;
}

const TZ = 'Europe/Stockholm';
const DATE = '2031-06-10';
const DEPOT = { name: 'Jönköping DC', address: 'Torsviksvägen 12', lat: 57.7372, lon: 14.1099 };
const MIN = 60_000;

export async function simulateDay(o: DayOptions): Promise<DayResult> {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'loadstar-dispatch-day-'));
  const rng = new Rng(o.seed);
  const clock = { now: atMinuteOfDay(DATE, 5 * 60, TZ) };
  const core = await startCore({
    dataDir: dir,
    demo: false,
    timeZone: TZ,
    now: () => clock.now,
    logger: createLogger(join(dir, 'logs')),
    dispatch: { sweepEveryMs: 0, maxAttempts: o.maxAttempts, escalateAfterMin: o.escalateAfterMin },
  });
  const timings: number[] = [];
  const step = async <T>(name: string, input: unknown): Promise<T> => {
    const t = performance.now();
    const v = await call<T>(core, name, input);
    timings.push(performance.now() - t);
    return v;
  };
  try {
    const { late } = await setUpDay(core, o, rng);
    const affected = new Set<string>();
    const answerAt = new Map<string, { at: number; accept: boolean }>();
    const cancelAt = new Map<string, number>();
    const counts = { offers: 0, declines: 0, expiries: 0, cancellations: 0 };
    const lateAt = late.map((id) => ({ id, at: atMinuteOfDay(DATE, 8 * 60 + rng.int(5 * 60), TZ) })).sort((a, b) => a.at - b.at);

    clock.now = atMinuteOfDay(DATE, 6 * 60, TZ);
    const vehicles = await call<{ id: string }[]>(core, 'routes.listVehicles', {});
    for (const v of vehicles.slice(0, o.routes)) await step('dispatch.offer', { date: DATE, vehicleId: v.id, expiresInMin: o.expiresInMin });

    const end = atMinuteOfDay(DATE, 20 * 60, TZ);
    for (; clock.now <= end; clock.now += MIN) {
      while (lateAt.length && lateAt[0]!.at <= clock.now)
        await step('dispatch.offer', { date: DATE, orderId: lateAt.shift()!.id, expiresInMin: o.expiresInMin });
      const before = await call<DispatchBoard>(core, 'dispatch.board', { date: DATE });
      for (const job of before.jobs) {
        const offer = job.offer;
        if (offer && !answerAt.has(offer.id)) {
          counts.offers++;
          // Some never answer; the others within 1–9 minutes (offers last 10).
          answerAt.set(offer.id, {
            at: rng.next() < o.noAnswer ? Infinity : offer.offeredAt + (1 + rng.int(9)) * MIN,
            accept: rng.next() >= o.decline,
          });
        }
        if (offer && answerAt.get(offer.id)!.at <= clock.now) {
          const a = answerAt.get(offer.id)!;
          if (a.accept) {
            await step('dispatch.accept', { offerId: offer.id });
            if (job.kind === 'route' && rng.next() < o.cancel) cancelAt.set(job.id, clock.now + (30 + rng.int(180)) * MIN);
          } else {
            counts.declines++;
            for (const id of job.orderIds) affected.add(id);
            await step('dispatch.decline', { offerId: offer.id, reason: 'Cannot take it' });
          }
        }
      }
      for (const [jobId, at] of cancelAt)
        if (at <= clock.now) {
          cancelAt.delete(jobId);
          const job = before.jobs.find((j) => j.id === jobId);
          if (!job || job.state === 'cancelled') continue;
          counts.cancellations++;
          for (const id of job.orderIds) affected.add(id);
          await step('dispatch.cancelRoute', { jobId, reason: 'Driver called in: van broke down' });
        }
      const swept = await step<{ expired: number }>('dispatch.sweep', {});
      if (swept.expired) {
        counts.expiries += swept.expired;
        for (const job of await jobsOfDay(core))
          for (const offer of await call<DispatchOffer[]>(core, 'dispatch.offers', { jobId: job.id }))
            if (offer.state === 'expired') for (const id of job.orderIds) affected.add(id);
      }
    }

    // The end of the day: where is every order?
    const jobs = await jobsOfDay(core);
    const where = new Map<string, DispatchJob[]>();
    for (const j of jobs) if (j.state !== 'cancelled') for (const id of j.orderIds) where.set(id, [...(where.get(id) ?? []), j]);
    const allOrders = await call<{ id: string }[]>(core, 'routes.listOrders', { date: DATE });
    let stuck = 0;
    let recovered = 0;
    let unassigned = 0;
    for (const { id } of allOrders) {
      const holders = where.get(id) ?? [];
      const settled = holders.length === 1 && ['assigned', 'escalated', 'unassigned'].includes(holders[0]!.state);
      if (!settled) stuck++;
      if (holders[0]?.state === 'unassigned') unassigned++;
      if (affected.has(id) && settled && holders[0]!.state === 'assigned') recovered++;
    }
    const mean = timings.reduce((a, b) => a + b, 0) / Math.max(1, timings.length);
    return {
      orders: allOrders.length,
      affected: affected.size,
      recovered,
      autoReassignedPct: affected.size ? Math.round((1000 * recovered) / affected.size) / 10 : 100,
      escalated: jobs.filter((j) => j.state === 'escalated').length,
      unassigned,
      stuck,
      ...counts,
      steps: timings.length,
      stepMs: { mean: Math.round(mean * 10) / 10, max: Math.round(Math.max(0, ...timings)) },
      wallSeconds: Math.round((performance.now() - started) / 100) / 10,
    };
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function jobsOfDay(core: Core): Promise<DispatchJob[]> {
  const b = await call<DispatchBoard>(core, 'dispatch.board', { date: DATE });
  // The board leaves cancelled jobs out; they hold no orders.
  return b.jobs;
}

/** Depot, vans, drivers, two carriers, the orders; the planned ones swept into routes and dispatched. */
async function setUpDay(core: Core, o: DayOptions, rng: Rng): Promise<{ late: string[] }> {
  await call(core, 'routes.updateSettings', { depot: DEPOT });
  const perRoute = Math.ceil((o.orders - o.lateOrders) / o.routes);
  const vehicles: { id: string }[] = [];
  for (let i = 0; i < o.routes; i++)
    vehicles.push(
      await call(core, 'routes.createVehicle', {
        name: `Van ${String(i + 1).padStart(2, '0')}`,
        profile: 'van',
        // Room for a fifth more than its planned share: a cancelled route's orders can go somewhere.
        capacity: { pallets: Math.ceil(perRoute * 1.25) },
        shiftStart: '06:00',
        shiftEnd: '20:00',
        costPerKm: 4,
        costPerHour: 380,
      }),
    );
  const drivers: { id: string }[] = [];
  for (let i = 0; i < o.drivers; i++)
    drivers.push(await call(core, 'routes.createDriver', { name: `Driver ${String(i + 1).padStart(2, '0')}`, phone: '070-000' }));
  // Subcontractors the engine may offer to when no driver is left: the dock's carriers.
  const door = await call<{ id: string }>(core, 'dock.createDoor', {
    name: 'G1',
    direction: 'both',
    equipment: [],
    opensAt: '00:00',
    closesAt: '24:00',
  });
  for (const [k, carrier] of ['Bring', 'DSV Road'].entries())
    await call(core, 'dock.bookAppointment', {
      doorId: door.id,
      carrierName: carrier,
      reference: `SUB-${k}`,
      startAt: atMinuteOfDay('2031-06-09', 8 * 60 + 60 * k, TZ),
      durationMin: 30,
      loadType: 'palletized',
      pallets: 1,
    });
  const orders: { id: string; angle: number }[] = [];
  for (let i = 0; i < o.orders; i++) {
    const angle = rng.next() * 2 * Math.PI;
    const r = 0.02 + rng.next() * 0.12;
    const created = await call<{ id: string }>(core, 'routes.createOrder', {
      date: DATE,
      reference: `SO-${10000 + i}`,
      customer: `Customer ${i + 1}`,
      address: `Street ${i + 1}`,
      lat: DEPOT.lat + r * Math.sin(angle),
      lon: DEPOT.lon + 2 * r * Math.cos(angle),
      serviceMin: 4,
      demand: { pallets: 1 },
    });
    orders.push({ id: created.id, angle });
  }
  const late = orders.slice(0, o.lateOrders).map((x) => x.id);
  const planned = orders.slice(o.lateOrders).sort((a, b) => a.angle - b.angle);
  const routes = vehicles.map((v, k) => ({
    vehicleId: v.id,
    driverId: drivers[k]!.id,
    orderIds: planned.slice(k * perRoute, (k + 1) * perRoute).map((x) => x.id),
  }));
  const plan = await call<{ revision: number }>(core, 'routes.getPlan', { date: DATE });
  await call(core, 'routes.updatePlan', { date: DATE, baseRevision: plan.revision, routes });
  await call(core, 'routes.dispatch', { date: DATE, assignments: routes.map((r) => ({ vehicleId: r.vehicleId, driverId: r.driverId })) });
  return { late };
}
