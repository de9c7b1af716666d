/**
 * The offers engine: decides who is asked next and when a job goes to the dispatcher, then has
 * the shared rules (`shared/domain/dispatch/rules.ts`) apply the step with its outbox row in one
 * transaction. Steps run one at a time (a small queue), so two declines never pick the same
 * driver for two jobs at once. The clock is `deps.now`: tests and the benchmark drive expiry with it.
 */
import { randomUUID } from 'node:crypto';
import {
  AppError,
  type BoardDriver,
  type CancelResult,
  type Candidate,
  type DispatchBoard,
  type DispatchJob,
  type DispatchOffer,
  type DriverStatus,
  type ParsedInput,
  type SweepResult,
  type ZoneHealth,
  ZONES,
} from '@shared/contract';
import type { NewJob, NextStep } from '@shared/contract/dispatch-sync';
import type { DispatchArgs, SyncedMutatorName } from '@shared/contract/sync-mutators';
import { blankJob, candidateKey, dispatchRules } from '@shared/domain/dispatch/rules';
import { atMinuteOfDay } from '@shared/domain/time';
import type { Database, Tx } from '../db/database';
import { recordMutation } from '../db/outbox';
import type { DockPort } from '../dock/port';
import type { CallContext } from '../router';
import type { RoutingPort } from '../routing/port';
import * as repo from './store';
import { sqliteDispatchStore } from './store';
import { zoneOf } from './zones';

export type DispatchMutatorName = Extract<SyncedMutatorName, `dispatch.${string}`>;

export interface DispatchOptions {
  /** K: failed offers (declined or expired) before the job goes to the dispatcher. */
  maxAttempts?: number;
  /** T: minutes from the first offer after which an unaccepted job goes to the dispatcher. */
  escalateAfterMin?: number;
}

export interface DispatchDeps {
  db: Database;
  routing: RoutingPort;
  dock: DockPort;
  now: () => number;
  timeZone(): string;
  onChanged(dates: string[]): void;
  options?: DispatchOptions;
}

interface Ranked {
  candidate: Candidate;
  addedMin: number | null;
}

export const DISPATCH_DEFAULTS = { maxAttempts: 5, escalateAfterMin: 45 };

export class DispatchEngine {
  private queue: Promise<unknown> = Promise.resolve();
  readonly maxAttempts: number;
  readonly escalateAfterMs: number;

  constructor(private readonly deps: DispatchDeps) {
    this.maxAttempts = deps.options?.maxAttempts ?? DISPATCH_DEFAULTS.maxAttempts;
    this.escalateAfterMs = (deps.options?.escalateAfterMin ?? DISPATCH_DEFAULTS.escalateAfterMin) * 60_000;
  }

  /** The rules on this file, as sync replays them: the recorded arguments, nothing recorded. */
  readonly mutators: { [N in DispatchMutatorName]: (tx: Tx, args: DispatchArgs<N>) => Promise<unknown> } = {
    'dispatch.setAvailability': (tx, a) => dispatchRules['dispatch.setAvailability'](sqliteDispatchStore(tx), a),
    'dispatch.offer': (tx, a) => dispatchRules['dispatch.offer'](sqliteDispatchStore(tx), a),
    'dispatch.accept': (tx, a) => dispatchRules['dispatch.accept'](sqliteDispatchStore(tx), a),
    'dispatch.decline': (tx, a) => dispatchRules['dispatch.decline'](sqliteDispatchStore(tx), a),
    'dispatch.expire': (tx, a) => dispatchRules['dispatch.expire'](sqliteDispatchStore(tx), a),
    'dispatch.escalate': (tx, a) => dispatchRules['dispatch.escalate'](sqliteDispatchStore(tx), a),
    'dispatch.cancelRoute': (tx, a) => dispatchRules['dispatch.cancelRoute'](sqliteDispatchStore(tx), a),
  };

  // ---- reads

  async board(input: ParsedInput<'dispatch.board'>): Promise<DispatchBoard> {
    const now = this.deps.now();
    const db = this.deps.db;
    const all = await repo.jobsOf(db, input.date);
    const [drivers, states] = await Promise.all([this.deps.routing.drivers(), repo.driverStates(db)]);
    const depots = [...new Set(all.map((j) => j.depot))].sort();
    const jobs = all.filter(
      (j) => j.state !== 'cancelled' && (!input.zone || j.zone === input.zone) && (!input.depot || j.depot === input.depot),
    );
    const offers = new Map((await repo.openOffers(db, jobs.map((j) => j.id))).map((o) => [o.jobId, o]));
    const boardJobs = jobs.map((j) => ({ ...j, late: isLate(j, now), offer: offers.get(j.id) ?? null }));
    const routeOf = assignedRoutes(all);
    const boardDrivers: BoardDriver[] = drivers
      .filter((d) => d.active)
      .map((d) => {
        const route = routeOf.get(d.id);
        return { id: d.id, name: d.name, state: states.get(d.id)?.state ?? 'available', jobId: route?.id ?? null, zone: route?.zone ?? null };
      });
    const freeDrivers = boardDrivers.filter((d) => d.state === 'available' && !d.jobId).length;
    const zones: ZoneHealth[] = ZONES.map((zone) => {
      const inZone = all.filter((j) => j.zone === zone && j.state !== 'cancelled' && !(j.kind === 'order' && j.vehicleId));
      const orders = inZone.reduce((n, j) => n + j.orderIds.length, 0);
      const waiting = inZone.filter((j) => j.state !== 'assigned').reduce((n, j) => n + j.orderIds.length, 0);
      const zoneDrivers = boardDrivers.filter((d) => d.zone === zone && d.state === 'available').length;
      const health = waiting === 0 ? 'ok' : zoneDrivers + freeDrivers > 0 ? 'at_risk' : 'short';
      return { zone, orders, waiting, drivers: zoneDrivers, health };
    });
    const count = (s: string) => boardJobs.filter((j) => j.state === s).length;
    return {
      date: input.date,
      now,
      counts: {
        assigned: count('assigned'),
        offered: count('offered'),
        unassigned: count('unassigned'),
        escalated: count('escalated'),
        late: boardJobs.filter((j) => j.late).length,
      },
      jobs: boardJobs,
      zones,
      depots,
      drivers: boardDrivers,
      freeDrivers,
    };
  }

  offers(jobId: string): Promise<DispatchOffer[]> {
    return repo.offersOf(this.deps.db, jobId);
  }

  // ---- steps

  setAvailability(input: ParsedInput<'dispatch.setAvailability'>, ctx: CallContext): Promise<DriverStatus> {
    return this.serial(async () => {
      const driver = await this.deps.routing.driver(input.driverId);
      if (!driver) throw new AppError('not_found', 'That driver is not in the register. Refresh the list.');
      return this.step('dispatch.setAvailability', { ...input, at: this.deps.now() }, ctx, []) as Promise<DriverStatus>;
    });
  }

  offer(input: ParsedInput<'dispatch.offer'>, ctx: CallContext): Promise<DispatchJob> {
    return this.serial(async () => {
      const at = this.deps.now();
      const expiresAt = at + input.expiresInMin * 60_000;
      let job: DispatchJob;
      let newJob: NewJob | undefined;
      let jobId: string;
      let preferred: string | null = null;
      if (input.jobId) {
        const existing = await repo.job(this.deps.db, input.jobId);
        if (!existing) throw new AppError('not_found', 'That job no longer exists. Refresh the board.');
        if (existing.date !== input.date) throw new AppError('invalid_input', `That job is on ${existing.date}, not ${input.date}.`);
        job = { ...existing, tried: [] };
        jobId = existing.id;
      } else {
        const built = input.vehicleId ? await this.routeJob(input.date, input.vehicleId) : await this.orderJob(input.date, input.orderId!);
        newJob = built.job;
        preferred = built.preferred;
        jobId = randomUUID();
        job = blankJob(jobId, newJob, at);
      }
      let next: NextStep;
      if (input.candidate) {
        const c = await this.resolveCandidate(input.candidate);
        next = { kind: 'offer', offerId: randomUUID(), candidate: c, expiresAt, addedMin: null };
      } else {
        const [best] = await this.rank(job, preferred);
        next = best
          ? { kind: 'offer', offerId: randomUUID(), candidate: best.candidate, expiresAt, addedMin: best.addedMin }
          : { kind: 'escalate', reason: 'no_candidate' };
      }
      return (await this.step('dispatch.offer', { jobId, at, ...(newJob ? { job: newJob } : {}), next }, ctx, [
        input.date,
      ])) as DispatchJob;
    });
  }

  accept(input: ParsedInput<'dispatch.accept'>, ctx: CallContext): Promise<DispatchJob> {
    return this.serial(async () => {
      const { job } = await this.openOffer(input.offerId);
      return (await this.step('dispatch.accept', { offerId: input.offerId, at: this.deps.now() }, ctx, [job.date])) as DispatchJob;
    });
  }

  decline(input: ParsedInput<'dispatch.decline'>, ctx: CallContext): Promise<DispatchJob> {
    return this.serial(async () => {
      const { offer, job } = await this.openOffer(input.offerId);
      const at = this.deps.now();
      const next = await this.nextAfterFailure(job, offer, at);
      return (await this.step('dispatch.decline', { ...input, at, next }, ctx, [job.date])) as DispatchJob;
    });
  }

  /** Expires what is due and escalates jobs on offer for too long; one step (and outbox row) each. */
  sweep(ctx: CallContext): Promise<SweepResult> {
    return this.serial(async () => {
      const at = this.deps.now();
      let expired = 0;
      let escalated = 0;
      for (const o of await repo.dueOffers(this.deps.db, at)) {
        const job = await repo.job(this.deps.db, o.jobId);
        if (!job) continue;
        const next = await this.nextAfterFailure(job, o, at);
        await this.step('dispatch.expire', { offerId: o.id, at, next }, ctx, [job.date]);
        expired++;
        if (next.kind === 'escalate') escalated++;
      }
      for (const job of await repo.offeredJobs(this.deps.db)) {
        if (job.firstOfferedAt === null || at - job.firstOfferedAt < this.escalateAfterMs) continue;
        await this.step('dispatch.escalate', { jobId: job.id, at, reason: 'too_long' }, ctx, [job.date]);
        escalated++;
      }
      return { expired, escalated };
    });
  }

  /**
   * A route is cancelled (its driver cannot drive it): its orders go one by one where they add
   * least on the day's other active routes, checked by the solver's scheduler; what fits nowhere
   * becomes an unassigned order job with the reason.
   */
  cancelRoute(input: ParsedInput<'dispatch.cancelRoute'>, ctx: CallContext): Promise<CancelResult> {
    return this.serial(async () => {
      const job = await repo.job(this.deps.db, input.jobId);
      if (!job) throw new AppError('not_found', 'That job no longer exists. Refresh the board.');
      if (job.kind !== 'route') throw new AppError('invalid_input', 'Only a route can be cancelled; an order job can be offered again.');
      if (job.state === 'cancelled') throw new AppError('conflict', 'This route is already cancelled.');
      const day = await repo.jobsOf(this.deps.db, job.date);
      // Single orders its driver accepted leave with the route (they ride on it).
      const orderJobs =
        job.state === 'assigned' && job.assignee
          ? day.filter((j) => j.kind === 'order' && j.state === 'assigned' && j.assignee?.id === job.assignee!.id)
          : [];
      const leaving = [...job.orderIds, ...orderJobs.flatMap((j) => j.orderIds)];
      const others = day.filter(
        (j) => j.kind === 'route' && j.id !== job.id && j.vehicleId && (j.state === 'assigned' || j.state === 'offered'),
      );
      const { placed, notPlaced } = await this.deps.routing.reinsert(
        job.date,
        others.map((j) => ({ vehicleId: j.vehicleId!, orderIds: j.orderIds })),
        leaving,
      );
      const jobOfVehicle = new Map(others.map((j) => [j.vehicleId!, j.id]));
      const orders = new Map((await this.deps.routing.orders(job.date)).map((o) => [o.id, o]));
      const moves = placed.map((p) => ({ orderId: p.orderId, toJobId: jobOfVehicle.get(p.vehicleId)!, position: p.position }));
      const unassigned = notPlaced.map((n) => ({
        orderId: n.orderId,
        jobId: randomUUID(),
        reasonCode: n.reason,
        message:
          n.reason === 'no_other_route'
            ? `${job.label} was cancelled (${input.reason}) and no other route is running.`
            : `${job.label} was cancelled (${input.reason}); no other route can take it${n.failure ? ` (${FAILURE_WORDS[n.failure] ?? n.failure})` : ''}.`,
        label: orderLabel(orders.get(n.orderId)),
      }));
      const args = { jobId: job.id, reason: input.reason, at: this.deps.now(), orderJobs: orderJobs.map((j) => j.id), moves, unassigned };
      const cancelled = (await this.step('dispatch.cancelRoute', args, ctx, [job.date])) as DispatchJob;
      return {
        job: cancelled,
        moved: placed.map((p) => ({ orderId: p.orderId, toJobId: jobOfVehicle.get(p.vehicleId)!, addedMin: p.addedMin })),
        unassigned: unassigned.map((u) => ({ orderId: u.orderId, jobId: u.jobId, reason: u.reasonCode, message: u.message })),
      };
    });
  }

  // ---- ranking

  /**
   * Who to ask, best first: for a route, available drivers without a route today (the planned
   * driver first), then carriers; for an order, available drivers on a running route by what the
   * order adds to it (the solver's insertion cost; a route that cannot take it rules the driver
   * out), then carriers. Never someone already asked for this job, on a break, off shift, or
   * waiting to answer another offer.
   */
  async rank(job: DispatchJob, preferred: string | null = null): Promise<Ranked[]> {
    const db = this.deps.db;
    const [drivers, states, asked, carriers, jobs] = await Promise.all([
      this.deps.routing.drivers(),
      repo.driverStates(db),
      repo.driversWithOpenOffers(db),
      this.deps.dock.carriers(),
      repo.jobsOf(db, job.date),
    ]);
    const tried = new Set(job.tried);
    const routeOf = assignedRoutes(jobs);
    const open = drivers
      .filter(
        (d) =>
          d.active &&
          (states.get(d.id)?.state ?? 'available') === 'available' &&
          !tried.has(candidateKey({ kind: 'driver', id: d.id })) &&
          !asked.has(d.id),
      )
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    const ranked: Ranked[] = [];
    if (job.kind === 'route') {
      const free = open.filter((d) => !routeOf.has(d.id));
      free.sort((a, b) => Number(b.id === preferred) - Number(a.id === preferred));
      for (const d of free) ranked.push({ candidate: { kind: 'driver', id: d.id, name: d.name }, addedMin: null });
    } else {
      const onRoute = open.filter((d) => routeOf.get(d.id)?.vehicleId);
      const routes = onRoute.map((d) => ({ vehicleId: routeOf.get(d.id)!.vehicleId!, orderIds: routeOf.get(d.id)!.orderIds }));
      const driverOf = new Map(onRoute.map((d) => [routeOf.get(d.id)!.vehicleId!, d]));
      const options = routes.length ? await this.deps.routing.insertionCosts(job.date, routes, job.orderIds.slice(0, 1)) : new Map();
      for (const o of options.get(job.orderIds[0]!) ?? []) {
        const d = driverOf.get(o.vehicleId)!;
        ranked.push({ candidate: { kind: 'driver', id: d.id, name: d.name }, addedMin: o.addedMin });
      }
    }
    for (const c of carriers)
      if (!tried.has(candidateKey({ kind: 'carrier', id: c.id })))
        ranked.push({ candidate: { kind: 'carrier', id: c.id, name: c.name }, addedMin: null });
    return ranked;
  }

  private async nextAfterFailure(job: DispatchJob, failed: DispatchOffer, at: number): Promise<NextStep> {
    const failures = job.failures + (job.offerId === failed.id ? 1 : 0);
    if (failures >= this.maxAttempts) return { kind: 'escalate', reason: 'too_many_failures' };
    if (job.firstOfferedAt !== null && at - job.firstOfferedAt >= this.escalateAfterMs) return { kind: 'escalate', reason: 'too_long' };
    const [best] = await this.rank(job);
    if (!best) return { kind: 'escalate', reason: 'no_candidate' };
    const lasted = Math.max(60_000, failed.expiresAt - failed.offeredAt);
    return { kind: 'offer', offerId: randomUUID(), candidate: best.candidate, expiresAt: at + lasted, addedMin: best.addedMin };
  }

  // ---- helpers

  private async openOffer(offerId: string) {
    const offer = await repo.offer(this.deps.db, offerId);
    if (!offer) throw new AppError('not_found', 'That offer no longer exists. Refresh the board.');
    const job = await repo.job(this.deps.db, offer.jobId);
    if (!job) throw new AppError('not_found', 'That job no longer exists. Refresh the board.');
    return { offer, job };
  }

  private async resolveCandidate(c: { kind: 'driver' | 'carrier'; id: string }): Promise<Candidate> {
    if (c.kind === 'carrier') {
      const carrier = (await this.deps.dock.carriers()).find((x) => x.id === c.id);
      if (!carrier) throw new AppError('not_found', 'That carrier is not known. Pick one from the list.');
      return { kind: 'carrier', id: carrier.id, name: carrier.name };
    }
    const d = await this.deps.routing.driver(c.id);
    if (!d || !d.active) throw new AppError('not_found', 'That driver is not in the register (or no longer drives).');
    return { kind: 'driver', id: d.id, name: d.name };
  }

  private async routeJob(date: string, vehicleId: string): Promise<{ job: NewJob; preferred: string | null }> {
    const route = (await this.deps.routing.dispatchedRoutes(date)).find((r) => r.vehicleId === vehicleId);
    if (!route)
      throw new AppError('not_found', `No dispatched route for that vehicle on ${date}. Dispatch the plan first.`, {
        reason: 'no_dispatched_route',
      });
    const active = (await repo.jobsOf(this.deps.db, date)).find((j) => j.kind === 'route' && j.vehicleId === vehicleId && j.state !== 'cancelled');
    if (active)
      throw new AppError('conflict', `${route.vehicleName}'s route is already on the board (${active.state}).`, {
        reason: 'already_offered',
        jobId: active.id,
      });
    const depot = await this.deps.routing.depot();
    return {
      preferred: route.driverId,
      job: {
        date,
        kind: 'route',
        vehicleId,
        label: route.vehicleName,
        orderIds: route.stops.map((s) => s.orderId),
        zone: zoneOf(route.stops, depot),
        depot: depot.name,
        startsAt: route.stops[0]?.arrivalAt ?? null,
      },
    };
  }

  private async orderJob(date: string, orderId: string): Promise<{ job: NewJob; preferred: null }> {
    const order = (await this.deps.routing.orders(date)).find((o) => o.id === orderId);
    if (!order) throw new AppError('not_found', `That order is not an order of ${date}.`);
    const jobs = await repo.jobsOf(this.deps.db, date);
    const holder = jobs.find((j) => j.state !== 'cancelled' && j.orderIds.includes(orderId) && !(j.kind === 'order' && j.state === 'unassigned'));
    if (holder)
      throw new AppError('conflict', `${order.reference} is already on ${holder.label} (${holder.state}).`, { reason: 'already_offered', jobId: holder.id });
    const depot = await this.deps.routing.depot();
    const first = order.timeWindows[0];
    return {
      preferred: null,
      job: {
        date,
        kind: 'order',
        vehicleId: null,
        label: orderLabel(order),
        orderIds: [orderId],
        zone: zoneOf([order], depot),
        depot: depot.name,
        startsAt: first ? atMinuteOfDay(date, first.from, this.deps.timeZone()) : null,
      },
    };
  }

  /** One step: its rule and its outbox row in one transaction; then the board is told. */
  private async step<N extends DispatchMutatorName>(name: N, args: DispatchArgs<N>, ctx: CallContext, dates: string[]) {
    const run = this.mutators[name] as (tx: Tx, a: DispatchArgs<N>) => Promise<unknown>;
    const value = await this.deps.db.write(async (tx) => {
      const v = await run(tx, args);
      await recordMutation(tx, { name, args, actor: ctx.actor, userId: ctx.userId, at: this.deps.now() });
      return v;
    });
    this.deps.onChanged(dates);
    return value;
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

const FAILURE_WORDS: Record<string, string> = {
  capacity: 'not enough room on board',
  time_window: 'its time window cannot be met',
  breaks: 'the drivers’ breaks',
  shift: 'the shifts end too soon',
  max_duration: 'routes would get too long',
  max_distance: 'routes would get too far',
  skills: 'no vehicle has the skills it needs',
  precedence: 'its pickup is elsewhere',
};

function orderLabel(o: { reference: string; customer: string } | undefined): string {
  return o ? `${o.reference} ${o.customer}`.trim().slice(0, 200) : 'Order';
}

/** Each driver's accepted route of the day. */
function assignedRoutes(jobs: DispatchJob[]): Map<string, DispatchJob> {
  const out = new Map<string, DispatchJob>();
  for (const j of jobs)
    if (j.kind === 'route' && j.state === 'assigned' && j.assignee?.kind === 'driver') out.set(j.assignee.id, j);
  return out;
}

function isLate(j: DispatchJob, now: number): boolean {
  return (j.state === 'offered' || j.state === 'escalated' || j.state === 'unassigned') && j.startsAt !== null && now >= j.startsAt;
}
