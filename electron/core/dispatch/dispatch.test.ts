/**
 * The offers engine on a real core and SQLite file, with the routing domain's real plan and
 * solver scheduler behind the port; the clock is the test's, so expiry is deterministic.
 */
import { describe, expect, it } from 'vitest';
import type { DispatchBoard, DispatchJob, DispatchOffer } from '@shared/contract';
import { atMinuteOfDay } from '@shared/domain/time';
import type { Core } from '../core';
import { api, DATE, DEPOT, order } from '../routing/planning/test-support';
import { useTestCore } from '../testing';

const ZONE = 'Europe/Stockholm';
const useCore = useTestCore();
const MIN = 60_000;

interface Day {
  core: Core;
  clock: { now: number };
  vehicles: { id: string; name: string }[];
  drivers: Record<string, { id: string; name: string }>;
  routeOrders: string[][];
  ok: ReturnType<typeof api>['ok'];
  fail: ReturnType<typeof api>['fail'];
}

/**
 * Three vans (4 pallets each) with dispatched routes of 3, 2 and 2 one-pallet orders, and six
 * drivers: Anna, Bo and Cilla planned on the vans, Dag, Eva and Frans spare.
 */
async function day(options: { maxAttempts?: number; escalateAfterMin?: number } = {}): Promise<Day> {
  const clock = { now: atMinuteOfDay(DATE, 6 * 60, ZONE) };
  const core = await useCore({ timeZone: ZONE, now: () => clock.now, dispatch: { sweepEveryMs: 0, ...options } });
  const { ok, fail } = api(core);
  await ok('routes.updateSettings', { depot: DEPOT });
  const vehicles = [];
  for (const name of ['Van 1', 'Van 2', 'Van 3'])
    vehicles.push(
      await ok('routes.createVehicle', {
        name,
        profile: 'van',
        capacity: { pallets: 4 },
        shiftStart: '07:00',
        shiftEnd: '17:00',
        costPerKm: 4,
        costPerHour: 380,
      }),
    );
  const drivers: Day['drivers'] = {};
  for (const name of ['Anna', 'Bo', 'Cilla', 'Dag', 'Eva', 'Frans'])
    drivers[name] = await ok('routes.createDriver', { name, phone: '070-1' });
  // North of the depot for Van 1, east for Van 2, south for Van 3.
  const spots = [
    [0.05, 0],
    [0.06, 0.01],
    [0.055, -0.01],
    [0, 0.1],
    [0.005, 0.11],
    [-0.05, 0],
    [-0.06, 0.01],
  ];
  const orders = [];
  for (const [i, [dLat, dLon]] of spots.entries())
    orders.push(await ok('routes.createOrder', order(`SO-${i + 1}`, DEPOT.lat + dLat!, DEPOT.lon + dLon!, { demand: { pallets: 1 } })));
  const routeOrders = [orders.slice(0, 3), orders.slice(3, 5), orders.slice(5, 7)].map((os) => os.map((o) => o.id as string));
  const planned = [drivers.Anna!, drivers.Bo!, drivers.Cilla!];
  const plan = await ok('routes.getPlan', { date: DATE });
  await ok('routes.updatePlan', {
    date: DATE,
    baseRevision: plan.revision,
    routes: vehicles.map((v, i) => ({ vehicleId: v.id, driverId: planned[i]!.id, orderIds: routeOrders[i] })),
  });
  await ok('routes.dispatch', {
    date: DATE,
    assignments: vehicles.map((v, i) => ({ vehicleId: v.id, driverId: planned[i]!.id })),
  });
  return { core, clock, vehicles, drivers, routeOrders, ok, fail };
}

const offersOf = (d: Day, job: DispatchJob) => d.ok<DispatchOffer[]>('dispatch.offers', { jobId: job.id });
const names = (offers: DispatchOffer[]) => offers.map((o) => `${o.candidate.name}:${o.state}`);
const board = (d: Day, extra: Record<string, unknown> = {}) => d.ok<DispatchBoard>('dispatch.board', { date: DATE, ...extra });

describe('offers', () => {
  it('offers a route to its planned driver, then on decline and expiry to the next free driver by name', async () => {
    const d = await day();
    let job = await d.ok<DispatchJob>('dispatch.offer', { date: DATE, vehicleId: d.vehicles[1]!.id, expiresInMin: 10 });
    expect(job).toMatchObject({ kind: 'route', state: 'offered', label: 'Van 2', zone: 'east', orderIds: d.routeOrders[1] });
    const [first] = await offersOf(d, job);
    expect(first!.candidate.name).toBe('Bo');
    expect(first!.expiresAt).toBe(d.clock.now + 10 * MIN);

    d.clock.now += 2 * MIN;
    job = await d.ok('dispatch.decline', { offerId: first!.id, reason: 'Van too small for my licence' });
    expect(job).toMatchObject({ state: 'offered', failures: 1 });
    // Anna is the first free driver by name now that Bo said no.
    expect(names(await offersOf(d, job))).toEqual(['Bo:declined', 'Anna:open']);

    // Not yet expired: the sweep leaves it.
    d.clock.now += 9 * MIN;
    expect(await d.ok('dispatch.sweep', {})).toEqual({ expired: 0, escalated: 0 });
    d.clock.now += 1 * MIN;
    expect(await d.ok('dispatch.sweep', {})).toEqual({ expired: 1, escalated: 0 });
    const offers = await offersOf(d, job);
    expect(names(offers)).toEqual(['Bo:declined', 'Anna:expired', 'Cilla:open']);
    // A re-offer lasts as long as the first one did.
    expect(offers[2]!.expiresAt - offers[2]!.offeredAt).toBe(10 * MIN);

    job = await d.ok('dispatch.accept', { offerId: offers[2]!.id });
    expect(job).toMatchObject({ state: 'assigned', assignee: { kind: 'driver', name: 'Cilla' }, offerId: null });
    expect((await board(d)).counts).toMatchObject({ assigned: 1, offered: 0, escalated: 0 });

    // Every step is a named outbox mutation carrying the engine's decision.
    const audit = await d.ok<{ name: string; args: any }[]>('audit.list', { limit: 20 });
    const steps = audit.filter((m) => m.name.startsWith('dispatch.')).map((m) => m.name).reverse();
    expect(steps).toEqual(['dispatch.offer', 'dispatch.decline', 'dispatch.expire', 'dispatch.accept']);
    expect(audit.find((m) => m.name === 'dispatch.expire')!.args.next).toMatchObject({ kind: 'offer', candidate: { name: 'Cilla' } });
  });

  it('never offers to a driver with a route, an open offer elsewhere, on a break or off shift', async () => {
    const d = await day({ maxAttempts: 3 });
    await d.ok('dispatch.setAvailability', { driverId: d.drivers.Anna!.id, state: 'on_break' });
    await d.ok('dispatch.setAvailability', { driverId: d.drivers.Dag!.id, state: 'off_shift' });
    // Van 1's planned driver Anna is on a break: Bo is first by name.
    const j1 = await d.ok<DispatchJob>('dispatch.offer', { date: DATE, vehicleId: d.vehicles[0]!.id });
    expect(names(await offersOf(d, j1))).toEqual(['Bo:open']);
    // Bo waits to answer: Van 2's route goes to Cilla (planned is Bo).
    const j2 = await d.ok<DispatchJob>('dispatch.offer', { date: DATE, vehicleId: d.vehicles[1]!.id });
    expect(names(await offersOf(d, j2))).toEqual(['Cilla:open']);
    await d.ok('dispatch.accept', { offerId: (await offersOf(d, j2))[0]!.id });
    await d.ok('dispatch.decline', { offerId: (await offersOf(d, j1))[0]!.id, reason: 'Sick' });
    // Cilla has a route now, Dag is off shift: Eva.
    expect(names(await offersOf(d, j1))).toEqual(['Bo:declined', 'Eva:open']);
    // Anna back from her break is offered the next route (hers by plan: Van 3's planned is Cilla, busy).
    await d.ok('dispatch.setAvailability', { driverId: d.drivers.Anna!.id, state: 'available' });
    const j3 = await d.ok<DispatchJob>('dispatch.offer', { date: DATE, vehicleId: d.vehicles[2]!.id });
    expect(names(await offersOf(d, j3))).toEqual(['Anna:open']);
    // Anna declines: Bo (who declined another job, not this one) then Frans; then nobody is left.
    let j = await d.ok<DispatchJob>('dispatch.decline', { offerId: (await offersOf(d, j3))[0]!.id, reason: 'Back hurts' });
    expect(names(await offersOf(d, j3))).toEqual(['Anna:declined', 'Bo:open']);
    j = await d.ok('dispatch.decline', { offerId: (await offersOf(d, j3))[1]!.id, reason: 'No' });
    expect(names(await offersOf(d, j3))).toEqual(['Anna:declined', 'Bo:declined', 'Frans:open']);
    j = await d.ok('dispatch.decline', { offerId: (await offersOf(d, j3))[2]!.id, reason: 'No' });
    expect(j).toMatchObject({ state: 'escalated', escalation: 'too_many_failures' });
    // The dispatcher cannot pick someone who is off shift either.
    const err = await d.fail('dispatch.offer', { date: DATE, jobId: j3.id, candidate: { kind: 'driver', id: d.drivers.Dag!.id } });
    expect(err).toMatchObject({ code: 'conflict', details: { reason: 'driver_unavailable' } });
    expect(err.message).toMatch(/Dag is off shift/);
    const b = await board(d);
    expect(b.drivers.find((x) => x.name === 'Dag')).toMatchObject({ state: 'off_shift', jobId: null });
    expect(b.drivers.find((x) => x.name === 'Cilla')).toMatchObject({ state: 'available', jobId: j2.id, zone: 'east' });
  });

  it('escalates to the dispatcher after K failed offers, and the dispatcher can offer it again', async () => {
    const d = await day({ maxAttempts: 3 });
    let job = await d.ok<DispatchJob>('dispatch.offer', { date: DATE, vehicleId: d.vehicles[0]!.id, expiresInMin: 5 });
    for (let k = 0; k < 2; k++) {
      const open = (await offersOf(d, job)).find((o) => o.state === 'open')!;
      job = await d.ok('dispatch.decline', { offerId: open.id, reason: `no ${k}` });
      expect(job.state).toBe('offered');
    }
    d.clock.now += 5 * MIN;
    expect(await d.ok('dispatch.sweep', {})).toEqual({ expired: 1, escalated: 1 });
    const b = await board(d);
    const escalated = b.jobs.find((j) => j.id === job.id)!;
    expect(escalated).toMatchObject({ state: 'escalated', escalation: 'too_many_failures', failures: 3, offer: null });
    expect(b.counts.escalated).toBe(1);
    expect(names(await offersOf(d, job))).toEqual(['Anna:declined', 'Bo:declined', 'Cilla:expired']);
    // The dispatcher takes it: a named driver, a fresh round.
    job = await d.ok('dispatch.offer', { date: DATE, jobId: job.id, candidate: { kind: 'driver', id: d.drivers.Frans!.id } });
    expect(job).toMatchObject({ state: 'offered', failures: 0, escalation: null });
  });

  it('escalates a job still not accepted T minutes after its first offer, withdrawing the open offer', async () => {
    const d = await day({ escalateAfterMin: 30 });
    const job = await d.ok<DispatchJob>('dispatch.offer', { date: DATE, vehicleId: d.vehicles[0]!.id, expiresInMin: 60 });
    d.clock.now += 29 * MIN;
    expect(await d.ok('dispatch.sweep', {})).toEqual({ expired: 0, escalated: 0 });
    d.clock.now += 1 * MIN;
    expect(await d.ok('dispatch.sweep', {})).toEqual({ expired: 0, escalated: 1 });
    expect(names(await offersOf(d, job))).toEqual(['Anna:withdrawn']);
    expect((await board(d)).jobs[0]).toMatchObject({ state: 'escalated', escalation: 'too_long' });
    // A withdrawn offer cannot be accepted any more.
    const err = await d.fail('dispatch.accept', { offerId: (await offersOf(d, job))[0]!.id });
    expect(err).toMatchObject({ code: 'conflict', details: { reason: 'offer_withdrawn' } });
  });

  it('offers a single order to the driver whose running route it adds least to', async () => {
    const d = await day();
    for (const [i, name] of [[0, 'Anna'], [1, 'Bo']] as const) {
      const job = await d.ok<DispatchJob>('dispatch.offer', {
        date: DATE,
        vehicleId: d.vehicles[i]!.id,
        candidate: { kind: 'driver', id: d.drivers[name]!.id },
      });
      await d.ok('dispatch.accept', { offerId: (await offersOf(d, job))[0]!.id });
    }
    // A new order east of the depot, next to Van 2's stops.
    const east = await d.ok<{ id: string }>('routes.createOrder', order('SO-E', DEPOT.lat + 0.002, DEPOT.lon + 0.105, { demand: { pallets: 1 } }));
    let job = await d.ok<DispatchJob>('dispatch.offer', { date: DATE, orderId: east.id });
    expect(job).toMatchObject({ kind: 'order', zone: 'east', label: 'SO-E Kund SO-E' });
    const [toBo] = await offersOf(d, job);
    expect(toBo!.candidate.name).toBe('Bo');
    job = await d.ok('dispatch.decline', { offerId: toBo!.id, reason: 'Full' });
    const [, toAnna] = await offersOf(d, job);
    expect(toAnna!.candidate.name).toBe('Anna');
    // Further for Anna: north of the depot, the order is east.
    expect(toAnna!.addedMin!).toBeGreaterThan(toBo!.addedMin!);
    // Then nobody with a running route is left (Cilla has none, no carriers): the dispatcher.
    job = await d.ok('dispatch.decline', { offerId: toAnna!.id, reason: 'Too far' });
    expect(job).toMatchObject({ state: 'escalated', escalation: 'no_candidate' });
  });
});

describe('a cancelled route', () => {
  it('puts its orders onto the other running routes where they fit, and marks the rest unassigned with the reason', async () => {
    const d = await day();
    const jobs: DispatchJob[] = [];
    for (const [i, name] of [[0, 'Anna'], [1, 'Bo'], [2, 'Cilla']] as const) {
      const job = await d.ok<DispatchJob>('dispatch.offer', { date: DATE, vehicleId: d.vehicles[i]!.id });
      await d.ok('dispatch.accept', { offerId: (await offersOf(d, job))[0]!.id });
      jobs.push({ ...job, assignee: { kind: 'driver', id: d.drivers[name]!.id, name } });
    }
    // Van 1 carries 3, the others 2 each, with room for 4: two of Van 1's orders fit elsewhere.
    const result = await d.ok<{ job: DispatchJob; moved: { orderId: string; toJobId: string }[]; unassigned: any[] }>(
      'dispatch.cancelRoute',
      { jobId: jobs[0]!.id, reason: 'Anna is ill' },
    );
    expect(result.job).toMatchObject({ state: 'cancelled', reason: 'Anna is ill', orderIds: [] });
    expect(result.moved.length + result.unassigned.length).toBe(3);
    expect(result.moved).toHaveLength(3);
    const b = await board(d);
    const onRoutes = b.jobs.filter((j) => j.kind === 'route').flatMap((j) => j.orderIds);
    for (const id of d.routeOrders[0]!) expect(onRoutes).toContain(id);
    // No order is on two routes, none is lost.
    expect(new Set(onRoutes).size).toBe(onRoutes.length);
    expect(onRoutes).toHaveLength(7);
    expect(b.jobs.find((j) => j.id === jobs[0]!.id)).toBeUndefined();

    // Fill the others to the brim and cancel Van 2: nothing fits on Van 3 any more.
    const van3 = b.jobs.find((j) => j.id === jobs[2]!.id)!;
    const van2 = b.jobs.find((j) => j.id === jobs[1]!.id)!;
    expect(van2.orderIds.length + van3.orderIds.length).toBe(7);
    const second = await d.ok<{ moved: unknown[]; unassigned: { orderId: string; reason: string; message: string; jobId: string }[] }>(
      'dispatch.cancelRoute',
      { jobId: jobs[1]!.id, reason: 'Van broke down' },
    );
    expect(second.moved).toHaveLength(4 - van3.orderIds.length);
    expect(second.unassigned).toHaveLength(van2.orderIds.length - (4 - van3.orderIds.length));
    expect(second.unassigned[0]).toMatchObject({ reason: 'does_not_fit' });
    expect(second.unassigned[0]!.message).toMatch(/Van 2 was cancelled \(Van broke down\); no other route can take it \(not enough room on board\)/);
    const after = await board(d);
    expect(after.counts.unassigned).toBe(second.unassigned.length);
    const loose = after.jobs.find((j) => j.id === second.unassigned[0]!.jobId)!;
    expect(loose).toMatchObject({ kind: 'order', state: 'unassigned', reasonCode: 'does_not_fit' });
    // The unassigned order can be offered again like any other job.
    const again = await d.ok<DispatchJob>('dispatch.offer', { date: DATE, jobId: loose.id });
    expect(again.state).toBe('escalated'); // no route has room and there are no carriers
    // With no other route at all, the reason says so.
    const last = await d.ok<{ unassigned: { reason: string }[] }>('dispatch.cancelRoute', { jobId: jobs[2]!.id, reason: 'Storm' });
    expect(last.unassigned.every((u) => u.reason === 'no_other_route')).toBe(true);
    expect((await board(d)).jobs.filter((j) => j.kind === 'order').flatMap((j) => j.orderIds).sort()).toEqual(
      d.routeOrders.flat().sort(),
    );
  });
});

describe('a cancelled route with a single order its driver accepted', () => {
  it('takes that order along: it goes onto another route and its own job is closed', async () => {
    const d = await day();
    const jobs: DispatchJob[] = [];
    for (const [i, name] of [[0, 'Anna'], [1, 'Bo']] as const) {
      const job = await d.ok<DispatchJob>('dispatch.offer', { date: DATE, vehicleId: d.vehicles[i]!.id, candidate: { kind: 'driver', id: d.drivers[name]!.id } });
      await d.ok('dispatch.accept', { offerId: (await offersOf(d, job))[0]!.id });
      jobs.push(job);
    }
    const east = await d.ok<{ id: string }>('routes.createOrder', order('SO-E', DEPOT.lat + 0.002, DEPOT.lon + 0.105, { demand: { pallets: 1 } }));
    const single = await d.ok<DispatchJob>('dispatch.offer', { date: DATE, orderId: east.id });
    await d.ok('dispatch.accept', { offerId: (await offersOf(d, single))[0]!.id });
    expect((await board(d)).jobs.find((j) => j.id === single.id)).toMatchObject({ state: 'assigned', assignee: { name: 'Bo' } });

    const r = await d.ok<{ moved: { orderId: string; toJobId: string }[]; unassigned: unknown[] }>('dispatch.cancelRoute', {
      jobId: jobs[1]!.id,
      reason: 'Bo went home',
    });
    // Van 2's two orders and SO-E leave; Van 1 carries 3 of its 4 pallets: one fits, two wait.
    expect(r.moved).toHaveLength(1);
    expect(r.unassigned).toHaveLength(2);
    const b = await board(d);
    expect(b.jobs.find((j) => j.id === single.id)).toBeUndefined(); // closed with the route
    const holders = b.jobs.filter((j) => j.orderIds.includes(east.id));
    expect(holders).toHaveLength(1);
    expect(holders[0]!.assignee?.name ?? null).not.toBe('Bo');
    expect(b.jobs.some((j) => j.assignee?.name === 'Bo')).toBe(false);
  });
});

describe('bad input', () => {
  it('is refused with a code and a message, and changes nothing', async () => {
    const d = await day();
    const job = await d.ok<DispatchJob>('dispatch.offer', { date: DATE, vehicleId: d.vehicles[0]!.id, expiresInMin: 5 });
    const [open] = await offersOf(d, job);
    const before = await board(d);
    const auditBefore = (await d.ok<unknown[]>('audit.list', { limit: 100 })).length;

    expect(await d.fail('dispatch.offer', { date: DATE })).toMatchObject({ code: 'invalid_input' });
    expect(await d.fail('dispatch.offer', { date: DATE, vehicleId: d.vehicles[0]!.id, orderId: d.routeOrders[0]![0] })).toMatchObject({
      code: 'invalid_input',
    });
    expect(await d.fail('dispatch.offer', { date: '2026-02-30', vehicleId: d.vehicles[0]!.id })).toMatchObject({ code: 'invalid_input' });
    expect(await d.fail('dispatch.offer', { date: DATE, vehicleId: d.vehicles[0]!.id, expiresInMin: 0 })).toMatchObject({
      code: 'invalid_input',
    });
    // Already on the board.
    expect(await d.fail('dispatch.offer', { date: DATE, vehicleId: d.vehicles[0]!.id })).toMatchObject({
      code: 'conflict',
      details: { reason: 'already_offered' },
    });
    expect(await d.fail('dispatch.offer', { date: DATE, orderId: d.routeOrders[0]![0] })).toMatchObject({ code: 'conflict' });
    // No dispatched route on another day.
    expect(await d.fail('dispatch.offer', { date: '2026-11-24', vehicleId: d.vehicles[0]!.id })).toMatchObject({
      code: 'not_found',
      details: { reason: 'no_dispatched_route' },
    });
    expect(
      await d.fail('dispatch.offer', { date: DATE, jobId: job.id }),
    ).toMatchObject({ code: 'conflict', message: expect.stringMatching(/already on offer/) });
    expect(await d.fail('dispatch.decline', { offerId: open!.id, reason: '   ' })).toMatchObject({ code: 'invalid_input' });
    expect(await d.fail('dispatch.decline', { offerId: open!.id, reason: 'x'.repeat(201) })).toMatchObject({ code: 'invalid_input' });
    expect(await d.fail('dispatch.accept', { offerId: 'not-a-uuid' })).toMatchObject({ code: 'invalid_input' });
    expect(await d.fail('dispatch.accept', { offerId: crypto.randomUUID() })).toMatchObject({ code: 'not_found' });
    expect(await d.fail('dispatch.setAvailability', { driverId: d.drivers.Anna!.id, state: 'asleep' })).toMatchObject({
      code: 'invalid_input',
    });
    expect(await d.fail('dispatch.setAvailability', { driverId: crypto.randomUUID(), state: 'on_break' })).toMatchObject({
      code: 'not_found',
    });
    expect(await d.fail('dispatch.offer', { date: DATE, orderId: crypto.randomUUID() })).toMatchObject({ code: 'not_found' });
    expect(await d.fail('dispatch.cancelRoute', { jobId: job.id, reason: '' })).toMatchObject({ code: 'invalid_input' });
    expect(await d.fail('dispatch.board', { date: DATE, zone: 'moon' })).toMatchObject({ code: 'invalid_input' });

    // Nothing changed and nothing was recorded.
    expect(await board(d)).toEqual(before);
    expect((await d.ok<unknown[]>('audit.list', { limit: 100 })).length).toBe(auditBefore);

    // Accepting after the expiry is refused; the sweep then re-offers.
    d.clock.now += 6 * MIN;
    expect(await d.fail('dispatch.accept', { offerId: open!.id })).toMatchObject({
      code: 'conflict',
      details: { reason: 'offer_expired' },
    });
    await d.ok('dispatch.sweep', {});
    expect(names(await offersOf(d, job))).toEqual(['Anna:expired', 'Bo:open']);
    // A viewer may look but not offer.
    const viewer = await d.core.router.dispatch(
      { id: 9, name: 'dispatch.setAvailability', input: { driverId: d.drivers.Bo!.id, state: 'on_break' }, requestId: crypto.randomUUID() },
      { actor: 'v', role: 'viewer' },
    );
    expect(viewer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('filters the board by zone and depot', async () => {
    const d = await day();
    for (const v of d.vehicles) await d.ok('dispatch.offer', { date: DATE, vehicleId: v.id });
    const all = await board(d);
    expect(all.jobs.map((j) => j.zone).sort()).toEqual(['east', 'north', 'south']);
    expect(all.depots).toEqual(['DC']);
    expect((await board(d, { zone: 'east' })).jobs.map((j) => j.label)).toEqual(['Van 2']);
    expect((await board(d, { depot: 'Elsewhere' })).jobs).toEqual([]);
    const east = all.zones.find((z) => z.zone === 'east')!;
    expect(east).toMatchObject({ orders: 2, waiting: 2, health: 'at_risk' });
    // Late: the routes start at about 07:00; at 08:00 the unaccepted ones are late.
    d.clock.now = atMinuteOfDay(DATE, 8 * 60, ZONE);
    expect((await board(d)).counts.late).toBe(3);
  });
});
