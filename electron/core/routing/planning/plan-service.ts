/**
 * The working plan of each day: evaluate, edit (with optimistic revisions), lock, save versions,
 * load them back, and dispatch. Evaluation (which may ask a routing server) runs outside write
 * transactions; each write re-checks the revision it was based on.
 */
import {
  AppError,
  type DraftRouteInput,
  type ParsedInput,
  type Plan,
  type PlanStatus,
  type PlanVersionInfo,
} from '@shared/contract';
import type { Readable } from '../../db/connection';
import type { Tx } from '../../db/database';
import type { CallContext } from '../../router';
import { change, type PlanningContext } from './context';
import { emptyDraft, withRoute } from './draft-store';
import type { Evaluated } from './evaluate';
import type { PlanEvaluator } from './evaluator';
import * as fleet from './fleet-repo';
import * as plans from './plans-repo';
import type { StoredDraft, StoredRoute } from './plans-repo';
import type { DayData } from './problem';
import { readSettings } from './settings';

type RouteInput = ParsedInput<'routes.evaluate'>['routes'][number];

export async function loadDay(db: Readable, siteId: string, date: string): Promise<DayData> {
  const [orders, vehicles, drivers, settings] = await Promise.all([
    fleet.listOrders(db, siteId, date),
    fleet.listVehicles(db, siteId, date, true),
    fleet.listDrivers(db, siteId, date, true),
    readSettings(db),
  ]);
  return { date, orders, vehicles, drivers, settings };
}

export class PlanService {
  constructor(
    private readonly c: PlanningContext,
    /** Evaluation runs off the main thread, in the evaluator's worker. */
    private readonly evaluator: PlanEvaluator,
  ) {}

  async draftOf(db: Readable, date: string): Promise<StoredDraft> {
    return (await plans.getDraft(db, this.c.siteId, date)) ?? emptyDraft(date, this.c.now());
  }

  /** Evaluates stored or proposed routes against the day's current data. */
  async evaluateDraft(draft: StoredDraft, day?: DayData): Promise<Evaluated> {
    const data = day ?? (await loadDay(this.c.db, this.c.siteId, draft.date));
    return this.evaluator.evaluate(
      {
        day: data,
        routes: draft.routes,
        reasons: draft.reasons,
        meta: {
          revision: draft.revision,
          status: await this.statusOf(draft),
          version: draft.version,
          updatedAt: draft.updatedAt,
        },
      },
      this.c.timeZone,
    );
  }

  async getPlan(date: string): Promise<Plan> {
    return (await this.evaluateDraft(await this.draftOf(this.c.db, date))).plan;
  }

  /** "What if": the given routes evaluated, nothing stored. */
  async evaluate(input: ParsedInput<'routes.evaluate'>): Promise<Plan> {
    const draft = await this.draftOf(this.c.db, input.date);
    const day = await loadDay(this.c.db, this.c.siteId, input.date);
    const routes = mergeLayouts(draft.routes, validateRoutes(day, input.routes));
    return (await this.evaluateDraft({ ...draft, routes, modified: true }, day)).plan;
  }

  async update(input: ParsedInput<'routes.updatePlan'>, ctx: CallContext): Promise<Plan> {
    // The day as the write read it: the plan is evaluated against the data it was checked with,
    // and an edit reads the day's orders once, not twice.
    let day: DayData | undefined;
    const draft = await change(
      this.c,
      { name: 'routes.updatePlan', args: input, ctx },
      [input.date],
      async (tx) => {
        const current = await this.draftOf(tx, input.date);
        if (current.revision !== input.baseRevision)
          throw new AppError(
            'conflict',
            'The plan was changed elsewhere since you loaded it. Your view has been refreshed; make the change again.',
            { revision: current.revision },
          );
        day = await loadDay(tx, this.c.siteId, input.date);
        const routes = mergeLayouts(current.routes, validateRoutes(day, input.routes));
        return this.put(tx, { ...current, routes });
      },
    );
    return (await this.evaluateDraft(draft, day)).plan;
  }

  async lockRoute(input: ParsedInput<'routes.lockRoute'>, ctx: CallContext): Promise<Plan> {
    const draft = await change(
      this.c,
      { name: 'routes.lockRoute', args: input, ctx },
      [input.date],
      async (tx) => {
        const current = await this.draftOf(tx, input.date);
        const vehicle = await fleet.getVehicle(tx, input.vehicleId);
        if (!vehicle) throw new AppError('not_found', 'That vehicle no longer exists. Refresh the plan.');
        const existing = current.routes.find((r) => r.vehicleId === input.vehicleId);
        const route: StoredRoute = existing ?? {
          vehicleId: vehicle.id,
          driverId: null,
          orderIds: [],
          locked: false,
          lockedStops: 0,
        };
        const next: StoredRoute = {
          ...route,
          locked: input.locked,
          lockedStops: Math.min(
            route.orderIds.length,
            input.locked ? route.orderIds.length : (input.lockedStops ?? 0),
          ),
        };
        const routes = existing
          ? current.routes.map((r) => (r === existing ? next : r))
          : [...current.routes, next];
        return this.put(tx, { ...current, routes });
      },
    );
    return (await this.evaluateDraft(draft)).plan;
  }

  async clear(date: string, ctx: CallContext): Promise<Plan> {
    const draft = await change(
      this.c,
      { name: 'routes.clearPlan', args: { date }, ctx },
      [date],
      async (tx) => {
        const current = await this.draftOf(tx, date);
        return this.put(tx, { ...current, routes: [], reasons: {} });
      },
    );
    return (await this.evaluateDraft(draft)).plan;
  }

  /** Replaces the draft's routes (used by the optimiser too); bumps the revision. */
  async put(tx: Tx, draft: StoredDraft, modified = true): Promise<StoredDraft> {
    const next: StoredDraft = { ...draft, revision: draft.revision + 1, modified, updatedAt: this.c.now() };
    await plans.putDraft(tx, this.c.siteId, next);
    return next;
  }

  listVersions(date: string): Promise<PlanVersionInfo[]> {
    return plans.listVersions(this.c.db, this.c.siteId, date);
  }

  async save(input: ParsedInput<'routes.savePlan'>, ctx: CallContext): Promise<PlanVersionInfo> {
    return this.snapshot(input.date, input.note, 'saved', ctx, 'routes.savePlan', input);
  }

  async loadVersion(input: ParsedInput<'routes.loadVersion'>, ctx: CallContext): Promise<Plan> {
    const draft = await change(
      this.c,
      { name: 'routes.loadVersion', args: input, ctx },
      [input.date],
      async (tx) => {
        const v = await plans.getVersion(tx, this.c.siteId, input.date, input.version);
        if (!v)
          throw new AppError(
            'not_found',
            `There is no version ${input.version} of the plan for ${input.date}.`,
          );
        const orders = new Set((await fleet.listOrders(tx, this.c.siteId, input.date)).map((o) => o.id));
        // Orders deleted since the version was saved drop out; everything else is as it was.
        const routes = v.routes.map((r) =>
          withRoute(
            r,
            r.orderIds.filter((id) => orders.has(id)),
          ),
        );
        const current = await this.draftOf(tx, input.date);
        return this.put(tx, { ...current, routes, reasons: v.reasons, version: v.info.version }, false);
      },
    );
    return (await this.evaluateDraft(draft)).plan;
  }

  async dispatch(input: ParsedInput<'routes.dispatch'>, ctx: CallContext): Promise<PlanVersionInfo> {
    // Drivers are assigned on the draft first (an edit like any other), then the snapshot is taken.
    const day = await loadDay(this.c.db, this.c.siteId, input.date);
    const drivers = new Map(day.drivers.map((d) => [d.id, d]));
    for (const a of input.assignments) {
      if (!drivers.has(a.driverId))
        throw new AppError('not_found', 'One of the chosen drivers no longer exists.');
      if (!day.vehicles.some((v) => v.id === a.vehicleId))
        throw new AppError('not_found', 'One of the vehicles no longer exists.');
    }
    const draft = await this.draftOf(this.c.db, input.date);
    const byVehicle = new Map(input.assignments.map((a) => [a.vehicleId, a.driverId]));
    const routes = draft.routes.map((r) =>
      byVehicle.has(r.vehicleId) ? { ...r, driverId: byVehicle.get(r.vehicleId)! } : r,
    );
    for (const [vehicleId, driverId] of byVehicle)
      if (!routes.some((r) => r.vehicleId === vehicleId))
        routes.push({ vehicleId, driverId, orderIds: [], locked: false, lockedStops: 0 });
    const used = routes.filter((r) => r.orderIds.length);
    if (!used.length) throw new AppError('conflict', 'There is nothing to dispatch: no route has stops.');
    const missing = used.filter((r) => !r.driverId);
    if (missing.length) {
      const names = missing.map((r) => day.vehicles.find((v) => v.id === r.vehicleId)?.name ?? r.vehicleId);
      throw new AppError('conflict', `Assign a driver to ${names.join(', ')} before dispatching.`, {
        reason: 'driver_missing',
        vehicleIds: missing.map((r) => r.vehicleId),
      });
    }
    const twice = used.map((r) => r.driverId!).filter((d, i, all) => all.indexOf(d) !== i);
    if (twice.length)
      throw new AppError('conflict', `${drivers.get(twice[0]!)!.name} is assigned to two routes.`, {
        reason: 'driver_twice',
        driverId: twice[0],
      });
    return this.snapshot(
      input.date,
      input.note,
      'dispatched',
      ctx,
      'routes.dispatch',
      input,
      routes,
      draft.revision,
    );
  }

  /** Saves the draft (optionally with new routes) as the next version; dispatch refuses a broken plan. */
  private async snapshot(
    date: string,
    note: string,
    status: 'saved' | 'dispatched',
    ctx: CallContext,
    name: string,
    args: unknown,
    routes?: StoredRoute[],
    baseRevision?: number,
  ): Promise<PlanVersionInfo> {
    const draft = await this.draftOf(this.c.db, date);
    const candidate: StoredDraft = routes ? { ...draft, routes } : draft;
    const { plan, routes: evaluatedRoutes } = await this.evaluateDraft(candidate);
    if (status === 'dispatched' && !plan.feasible)
      throw new AppError(
        'conflict',
        `The plan breaks ${plan.summary.violations} rule(s). Fix the marked stops before dispatching.`,
        { reason: 'violations', violations: plan.summary.violations },
      );
    if (!plan.summary.served && status === 'saved' && !draft.routes.length)
      throw new AppError('conflict', 'There is no plan to save yet: optimise or add stops to a route first.');
    return change(this.c, { name, args, ctx }, [date], async (tx) => {
      const current = await this.draftOf(tx, date);
      if (current.revision !== (baseRevision ?? draft.revision))
        throw new AppError('conflict', 'The plan changed while it was being saved. Review it and try again.');
      const version = await plans.nextVersionNumber(tx, this.c.siteId, date);
      const now = this.c.now();
      const info: PlanVersionInfo = {
        date,
        version,
        status,
        note,
        savedBy: ctx.actor,
        savedAt: now,
        dispatchedAt: status === 'dispatched' ? now : null,
        summary: plan.summary,
      };
      const savedPlan: Plan = { ...plan, status, version, revision: current.revision + 1, updatedAt: now };
      await plans.insertVersion(tx, this.c.siteId, {
        info,
        routes: evaluatedRoutes,
        reasons: current.reasons,
        plan: savedPlan,
      });
      await this.put(tx, { ...current, routes: evaluatedRoutes, version }, false);
      return info;
    });
  }

  private async statusOf(draft: StoredDraft): Promise<PlanStatus> {
    if (draft.modified || draft.version === null) return 'draft';
    const v = await plans.getVersion(this.c.db, this.c.siteId, draft.date, draft.version);
    return v?.info.status ?? 'draft';
  }
}

/** Checks an edited route set against the day: known vehicles, drivers and orders, each used once. */
export function validateRoutes(day: DayData, routes: RouteInput[]): StoredRoute[] {
  const vehicles = new Map(day.vehicles.map((v) => [v.id, v]));
  const drivers = new Map(day.drivers.map((d) => [d.id, d]));
  const orders = new Map(day.orders.map((o) => [o.id, o]));
  const seenVehicles = new Set<string>();
  const seenDrivers = new Set<string>();
  const seenOrders = new Set<string>();
  return routes.map((r: DraftRouteInput & RouteInput) => {
    const vehicle = vehicles.get(r.vehicleId);
    if (!vehicle)
      throw new AppError('not_found', 'A vehicle in the plan no longer exists. Refresh the plan.', {
        vehicleId: r.vehicleId,
      });
    if (seenVehicles.has(r.vehicleId))
      throw new AppError('invalid_input', `${vehicle.name} has two routes in the plan.`);
    seenVehicles.add(r.vehicleId);
    if (r.driverId) {
      const driver = drivers.get(r.driverId);
      if (!driver)
        throw new AppError('not_found', 'A driver in the plan no longer exists. Refresh the plan.', {
          driverId: r.driverId,
        });
      if (seenDrivers.has(r.driverId))
        throw new AppError('invalid_input', `${driver.name} is on two routes.`);
      seenDrivers.add(r.driverId);
    }
    for (const id of r.orderIds) {
      const o = orders.get(id);
      if (!o)
        throw new AppError(
          'not_found',
          `An order in the plan no longer exists on ${day.date}. Refresh the plan.`,
          { orderId: id },
        );
      if (seenOrders.has(id))
        throw new AppError('invalid_input', `${o.reference} is on the plan twice.`, { orderId: id });
      seenOrders.add(id);
    }
    return {
      vehicleId: r.vehicleId,
      driverId: r.driverId ?? null,
      orderIds: [...r.orderIds],
      locked: r.locked,
      lockedStops: Math.min(r.lockedStops, r.orderIds.length),
    };
  });
}

/** Keeps the solver's break/reload layout on routes whose orders did not change. */
function mergeLayouts(previous: StoredRoute[], next: StoredRoute[]): StoredRoute[] {
  const before = new Map(previous.map((r) => [r.vehicleId, r]));
  return next.map((r) => {
    const old = before.get(r.vehicleId);
    return old?.layout
      ? { ...withRoute(old, r.orderIds), driverId: r.driverId, locked: r.locked, lockedStops: r.lockedStops }
      : r;
  });
}
