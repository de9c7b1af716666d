/**
 * Optimisation runs: one per day at a time, in a worker thread (the core's event loop never waits
 * on the search), with throttled progress events, cancel (keeps the best plan so far), and the
 * independent checker's verdict on the result before it becomes the draft.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  AppError,
  isErrorCode,
  type OptimizeDone,
  type OptimizeProgress,
  type OptimizeRun,
  type ParsedInput,
} from '@shared/contract';
import type { CallContext } from '../../router';
import { UNASSIGNED_REASONS, type LockedStep, type Solution } from '../model';
import { solveInWorker } from '../solve-in-worker';
import { change, type PlanningContext } from './context';
import { matrixSource } from './matrix-cache';
import type { PlanService } from './plan-service';
import { loadDay } from './plan-service';
import type { LayoutItem, StoredDraft, StoredReasons, StoredRoute } from './plans-repo';
import { buildProblem, type BuiltProblem, type TaskRef } from './problem';

const PROGRESS_EVERY_MS = 250;

interface Run {
  info: OptimizeRun;
  abort: AbortController;
  progress: OptimizeProgress;
  done: Promise<void>;
}

export interface OptimizerOptions {
  /** Worker entry; defaults to the bundled solve-worker.js next to the core, or the .ts in dev. */
  workerUrl?: URL | string;
}

export class Optimizer {
  private readonly runs = new Map<string, Run>();
  private readonly starting = new Set<string>();
  private closed = false;

  constructor(
    private readonly c: PlanningContext,
    private readonly plans: PlanService,
    private readonly opts: OptimizerOptions = {},
  ) {}

  status(date: string): OptimizeProgress | null {
    return this.runs.get(date)?.progress ?? null;
  }

  /**
   * Refuses a change to a day's plan while it is being optimised: the result would replace it,
   * and the dispatcher's work would be lost without a word.
   */
  assertIdle(date: string): void {
    if (!this.runs.has(date) && !this.starting.has(date)) return;
    throw new AppError(
      'conflict',
      `The plan for ${date} is being optimised. Wait for it to finish or stop it, then make the change.`,
      { reason: 'optimizing', runId: this.runs.get(date)?.info.runId ?? null },
    );
  }

  async start(input: ParsedInput<'routes.optimize'>, ctx: CallContext): Promise<OptimizeRun> {
    if (this.closed) throw new AppError('unavailable', 'Loadstar is shutting down.');
    if (this.runs.has(input.date) || this.starting.has(input.date))
      throw new AppError(
        'conflict',
        `An optimisation for ${input.date} is already running. Wait for it or cancel it.`,
        {
          runId: this.runs.get(input.date)?.info.runId ?? null,
        },
      );
    // Claimed before the first await, so two clicks cannot start two runs for one day.
    this.starting.add(input.date);
    try {
      return await this.begin(input, ctx);
    } finally {
      this.starting.delete(input.date);
    }
  }

  private async begin(input: ParsedInput<'routes.optimize'>, ctx: CallContext): Promise<OptimizeRun> {
    const day = await loadDay(this.c.db, this.c.siteId, input.date);
    const timeLimitSec = input.timeLimitSec ?? day.settings.defaultTimeLimitSec;
    const draft = await this.plans.draftOf(this.c.db, input.date);
    // Drivers stay with their vehicles, unless they are away that day.
    const drivers = new Map(day.drivers.filter((d) => d.available).map((d) => [d.id, d]));
    const driverOf = new Map(
      draft.routes.map((r) => [r.vehicleId, r.driverId && drivers.has(r.driverId) ? r.driverId : null]),
    );

    // Kept as they are: locked routes; their vehicles and orders are not planned again.
    const kept = input.keepLocked ? draft.routes.filter((r) => r.locked && r.orderIds.length) : [];
    const keptOrders = new Set(kept.flatMap((r) => r.orderIds));
    const keptVehicles = new Set(kept.map((r) => r.vehicleId));
    // Half a pair on a locked route: the other half cannot be planned without it.
    const stranded = new Set(
      day.orders
        .filter((o) => o.pairedOrderId && keptOrders.has(o.pairedOrderId) && !keptOrders.has(o.id))
        .map((o) => o.id),
    );
    const orders = day.orders.filter((o) => !keptOrders.has(o.id) && !stranded.has(o.id));
    const vehicles = day.vehicles.filter((v) => v.available && !keptVehicles.has(v.id));
    const prefixes = new Map(
      input.keepLocked
        ? draft.routes.filter((r) => !r.locked && r.lockedStops > 0).map((r) => [r.vehicleId, r])
        : [],
    );
    const probe = buildProblem(day, orders, [], this.c.timeZone);
    const built = buildProblem(
      day,
      orders,
      vehicles.map((v) => {
        const prefix = prefixes.get(v.id);
        return {
          vehicle: v,
          driver: drivers.get(driverOf.get(v.id) ?? '') ?? null,
          locked: prefix ? lockedPrefix(prefix, probe) : undefined,
        };
      }),
      this.c.timeZone,
    );

    const info: OptimizeRun = {
      runId: randomUUID(),
      date: input.date,
      startedAt: this.c.now(),
      timeLimitSec,
    };
    const abort = new AbortController();
    const progress: OptimizeProgress = {
      runId: info.runId,
      date: input.date,
      phase: 'matrix',
      elapsedMs: 0,
      timeLimitSec,
      vehicles: 0,
      km: 0,
      cost: 0,
      unassigned: orders.length,
    };
    const run: Run = { info, abort, progress, done: Promise.resolve() };
    this.runs.set(input.date, run);
    this.c.events.emit('routes.optimizeProgress', { ...progress });
    let lastEmit = 0;
    const solving = solveInWorker(
      built.problem,
      { timeLimitMs: timeLimitSec * 1000, seed: input.seed, matrixSource: matrixSource(day.settings) },
      {
        signal: abort.signal,
        workerUrl: this.opts.workerUrl ?? defaultWorkerUrl(),
        onProgress: (p) => {
          Object.assign(run.progress, {
            phase: p.phase,
            elapsedMs: p.elapsedMs,
            vehicles: p.vehicles,
            km: Math.round(p.distance / 100) / 10,
            cost: Math.round(p.cost * 100) / 100,
            unassigned: p.unassigned,
          });
          const now = Date.now();
          if (now - lastEmit >= PROGRESS_EVERY_MS || p.phase === 'done') {
            lastEmit = now;
            this.c.events.emit('routes.optimizeProgress', { ...run.progress });
          }
        },
      },
    );
    // A search stopped before it found anything ends "cancelled"; a plan that cannot be applied
    // (the checker refused it, the draft changed meanwhile) ends "failed", stopped or not.
    run.done = solving.then(
      (result) =>
        this.apply(run, draft.revision, built, kept, driverOf, stranded, result.solution, input, ctx).catch(
          (e: unknown) => this.finish(run, { outcome: 'failed', error: errorBody(e) }),
        ),
      (e: unknown) =>
        this.finish(run, { outcome: abort.signal.aborted ? 'cancelled' : 'failed', error: errorBody(e) }),
    );
    return info;
  }

  cancel(runId: string): { runId: string; cancelled: boolean } {
    for (const run of this.runs.values()) {
      if (run.info.runId === runId) {
        run.abort.abort();
        return { runId, cancelled: true };
      }
    }
    return { runId, cancelled: false };
  }

  /** Waits for a run to settle (tests, shutdown). */
  async settled(date: string): Promise<void> {
    await this.runs.get(date)?.done;
  }

  async close(): Promise<void> {
    this.closed = true;
    const pending = [...this.runs.values()];
    for (const r of pending) r.abort.abort();
    await Promise.all(pending.map((r) => r.done));
  }

  private async apply(
    run: Run,
    baseRevision: number,
    built: BuiltProblem,
    kept: StoredRoute[],
    driverOf: Map<string, string | null>,
    stranded: Set<string>,
    solution: Solution,
    input: ParsedInput<'routes.optimize'>,
    ctx: CallContext,
  ): Promise<void> {
    const cancelled = run.abort.signal.aborted;
    const solved: StoredRoute[] = solution.routes.map((r) => {
      const layout: LayoutItem[] = [];
      for (const s of r.steps) {
        if (s.type === 'break') layout.push({ break: true });
        else if (s.type === 'reload') layout.push({ reload: true });
        else if (s.type !== 'start' && s.type !== 'end')
          layout.push(built.orderOfTask.get(`${s.type}:${s.id}`)!);
      }
      const orderIds = layout.filter((x): x is string => typeof x === 'string');
      const vehicleId = String(r.vehicle);
      const prefix = built.problem.vehicles?.find((v) => String(v.id) === vehicleId)?.locked?.length ?? 0;
      return {
        vehicleId,
        driverId: driverOf.get(vehicleId) ?? null,
        orderIds,
        locked: false,
        lockedStops: prefix,
        layout,
      };
    });
    // Drivers stay with their vehicles even when the vehicle got no route this time.
    const idleWithDriver: StoredRoute[] = [...driverOf]
      .filter(([v, d]) => d && !solved.some((r) => r.vehicleId === v) && !kept.some((r) => r.vehicleId === v))
      .map(([vehicleId, driverId]) => ({ vehicleId, driverId, orderIds: [], locked: false, lockedStops: 0 }));
    const reasons: StoredReasons = {};
    for (const u of solution.unassigned) {
      const entry = { reason: u.reason, message: UNASSIGNED_REASONS[u.reason] };
      for (const type of u.type === 'job' ? (['job'] as const) : (['pickup', 'delivery'] as const)) {
        const orderId = built.orderOfTask.get(`${type}:${u.id}`);
        if (orderId) reasons[orderId] = entry;
      }
    }
    for (const id of stranded)
      reasons[id] = {
        reason: 'not_planned',
        message: 'Its pair partner is on a locked route: put it on that route too.',
      };
    const routes = [...kept, ...solved, ...idleWithDriver];
    const draft = await this.plans.draftOf(this.c.db, run.info.date);
    unchangedSince(draft, baseRevision);
    const { plan } = await this.plans.evaluateDraft({ ...draft, routes, reasons });
    // The solver's own routes must pass the independent check; kept routes are the dispatcher's.
    const broken = plan.routes.filter(
      (r) => solved.some((s) => s.vehicleId === r.vehicleId) && r.violations.length,
    );
    if (broken.length) {
      this.c.logger.error('optimised plan failed the independent check', {
        date: run.info.date,
        violations: broken.flatMap((r) => r.violations.map((v) => v.message)).slice(0, 10),
      });
      throw new AppError(
        'internal',
        `The optimised plan failed the independent check (${broken[0]!.violations[0]!.message}); the previous plan is kept.`,
      );
    }
    const stored = await change(
      this.c,
      {
        name: 'routes.optimize',
        args: {
          ...input,
          runId: run.info.runId,
          outcome: cancelled ? 'cancelled' : 'finished',
          routes,
          reasons,
        },
        ctx,
      },
      [run.info.date],
      async (tx) => {
        const current = await this.plans.draftOf(tx, run.info.date);
        unchangedSince(current, baseRevision);
        return this.plans.put(tx, { ...current, routes, reasons });
      },
    );
    const final = await this.plans.evaluateDraft(stored);
    this.finish(run, { outcome: cancelled ? 'cancelled' : 'finished', plan: final.plan });
  }

  private finish(run: Run, result: Omit<OptimizeDone, 'runId' | 'date'>): void {
    if (result.error)
      this.c.logger.warn('optimisation ended without a plan', { date: run.info.date, ...result.error });
    this.runs.delete(run.info.date);
    this.c.events.emit('routes.optimizeDone', { runId: run.info.runId, date: run.info.date, ...result });
  }
}

/**
 * The locked prefix as solver steps. A pickup in it pulls the lock on through its delivery (the
 * model keeps pairs whole); a delivery whose pickup is not before it ends the prefix there.
 */
export function lockedPrefix(route: StoredRoute, b: BuiltProblem): LockedStep[] {
  const refs: (TaskRef | undefined)[] = route.orderIds.map((id) => b.taskOf.get(id));
  let end = Math.min(route.lockedStops, refs.length);
  for (let i = 0; i < end; i++) {
    const ref = refs[i];
    if (!ref) return stepsOf(refs.slice(0, i));
    if (ref.type === 'pickup') {
      const d = refs.findIndex((r) => r?.type === 'delivery' && r.id === ref.id);
      if (d < 0) return stepsOf(refs.slice(0, i));
      end = Math.max(end, d + 1);
    }
    if (ref.type === 'delivery' && !refs.slice(0, i).some((r) => r?.type === 'pickup' && r.id === ref.id))
      return stepsOf(refs.slice(0, i));
  }
  return stepsOf(refs.slice(0, end));
}

function stepsOf(refs: (TaskRef | undefined)[]): LockedStep[] {
  return refs.filter((r): r is TaskRef => r !== undefined).map((r) => ({ type: r.type, id: r.id }));
}

/**
 * Edits are refused while a run is going; one that slipped in as it started (or an order deleted
 * from the plan meanwhile) wins over the result, which was planned without knowing of it.
 */
function unchangedSince(draft: StoredDraft, baseRevision: number): void {
  if (draft.revision !== baseRevision)
    throw new AppError(
      'conflict',
      'The plan was changed while it was being optimised, so the optimised plan was not applied. The changes are kept; optimise again.',
      { reason: 'changed_meanwhile' },
    );
}

function errorBody(e: unknown): NonNullable<OptimizeDone['error']> {
  if (e instanceof AppError) {
    const reason = (e.details as { reason?: unknown } | undefined)?.reason;
    return { code: e.code, message: e.message, ...(typeof reason === 'string' ? { reason } : {}) };
  }
  const code = (e as { code?: unknown })?.code;
  return {
    code: isErrorCode(code) ? code : 'internal',
    message: `Route optimisation failed: ${(e as Error)?.message ?? String(e)}`,
  };
}

/** In a bundled build the worker is its own entry file next to the core's chunks. */
function defaultWorkerUrl(): URL | undefined {
  if (import.meta.url.endsWith('.ts')) return undefined;
  for (const rel of ['./solve-worker.js', '../solve-worker.js']) {
    const url = new URL(rel, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}
