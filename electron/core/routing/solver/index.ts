/**
 * One solve: a few independent runs, each a multi-start construction with local search, vehicle
 * minimisation (ejection pool, then ruin & recreate with absence counters), then ruin & recreate
 * under simulated annealing; the best run's plan gets the last share of the time to refine at a
 * lower temperature. The answer is re-verified by the independent checker.
 */
import { AppError } from '@shared/contract/errors';
import type { CompiledProblem } from '../compile';
import { checkSolution } from '../checker';
import type { Solution, UnassignedReason } from '../model';
import { Ctx } from './context';
import { localSearch, Mover } from './local-search';
import { buildSolution } from './output';
import { aloneReason } from './reasons';
import { compareObj, SolState } from './route';
import { fleetMinimize } from './fleet-min';
import { lowerBound, minimizeRoutes } from './route-min';
import { recreate } from './ruin-recreate';
import { anneal, stopped, type Budget, type Incumbent } from './search';
import { schedule } from './schedule';

export interface SolveOptions {
  /** Wall-clock limit in milliseconds (default 5 s). */
  timeLimitMs?: number;
  /** Stop after this many ruin & recreate iterations (tests use it for repeatable runs). */
  maxIterations?: number;
  seed?: number;
  /** Most of the time spent on removing vehicles before the cost search (0..1, default 0.5). */
  routeMinShare?: number;
  /**
   * Time for emptying one route in the ejection-pool phase, as a share of a run (default 0.25);
   * failing hands over to the absence-counter search for the rest of routeMinShare.
   */
  routeAttemptShare?: number;
  /** Local search on every new best during annealing (default off: it measured no better). */
  polish?: boolean;
  /** Independent runs sharing the time (default: as many as fit, 1–2; see solveCompiled). */
  runs?: number;
}

export interface Progress {
  phase: 'construction' | 'vehicles' | 'cost' | 'done';
  elapsedMs: number;
  vehicles: number;
  cost: number;
  distance: number;
  unassigned: number;
  /** The best plan so far (when asked for with progressSolutions). */
  solution?: Solution;
}

export interface SolveHooks {
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
  /** Include the best plan in progress reports (costs a schedule pass per report). */
  progressSolutions?: boolean;
}

export interface SolveStats {
  iterations: number;
  timeToBestMs: number;
  elapsedMs: number;
}

/** Search constants, in one place so experiments can vary them (`npm run bench:vrp -- --tune k=v`). */
export const tuning = {
  /**
   * Start and end temperature of a run's annealing, times the average arc cost. Colder than
   * SISR's schedule, which is made for millions of iterations: a solve of a few seconds makes
   * thousands to tens of thousands. Run back to back per seed at 2 s, t0 1 / tf 0.01 gave
   * shorter or equal plans than 3 / 0.03 on generated VRPTW and pickup-delivery families
   * (scripts/lib/vrp-families.ts), Solomon r105/rc103 (fewer vehicles) and X-n139 (issue 17).
   * With a limit in iterations only, the schedule stays near t0 (it cools with the clock).
   */
  t0: 1,
  tf: 0.01,
  /** Start temperature of the winner's final annealing (lower: it refines). */
  finalT0: 0.5,
  /** Share of the time for the winner's final annealing when there are several runs. */
  finalShare: 0.3,
  maxRuns: 2,
  /** Price of a stop left out while annealing a vehicle-minimised plan, times the average arc. */
  absence: 5,
  maxDetour: 200,
  /** Ejection-pool time per route as a share of a run, and failures before it stops. */
  attemptShare: 0.25,
  maxFails: 1,
  fleet: 'both' as 'both' | 'absence' | 'ejection',
  /** Local search around every ruin & recreate in the cost phase (1) or not (0). */
  descend: 0,
  /** Local search on the final plan (1) or not (0). */
  finalDescent: 1,
  /** Nearest neighbours per stop in that local search. */
  descendNear: 10,
};

const movers = new WeakMap<SolState, Mover>();
function mover(s: SolState): Mover {
  let m = movers.get(s);
  if (!m) movers.set(s, (m = new Mover(s)));
  return m;
}

export function solveCompiled(
  P: CompiledProblem,
  opts: SolveOptions = {},
  hooks: SolveHooks = {},
): { solution: Solution; stats: SolveStats } {
  const t0 = performance.now();
  const now = () => performance.now() - t0;
  const limit = opts.timeLimitMs ?? 5000;
  const budget: Budget = {
    deadline: limit,
    maxIterations: opts.maxIterations ?? Infinity,
    signal: hooks.signal,
    now,
  };
  const seed = opts.seed ?? 1;
  const ctx = new Ctx(P, seed);
  checkLocked(P);

  // Units that no vehicle can serve even alone never enter the search.
  const reasons = new Map<number, UnassignedReason>();
  const candidates: number[] = [];
  for (let u = 0; u < P.units.length; u++) {
    if (ctx.pinned[u]) continue;
    const r = aloneReason(ctx, u);
    if (r) reasons.set(u, r);
    else candidates.push(u);
  }
  let best: Incumbent | null = null;
  let phase: Progress['phase'] = 'construction';
  let lastReport = -Infinity;
  const report = (force = false, inc?: Incumbent) => {
    // The best of this run and of the earlier runs.
    const b = inc && (!best || compareObj(inc.obj, best.obj, P.minimizeVehicles) < 0) ? inc : best;
    if (!b || !hooks.onProgress || (!force && now() - lastReport < 100)) return;
    lastReport = now();
    const p: Progress = {
      phase,
      elapsedMs: now(),
      vehicles: b.obj.vehicles,
      cost: b.obj.cost,
      distance: b.snap.reduce((a, tasks, v) => a + (tasks.length ? schedule(P, v, tasks).distance : 0), 0),
      unassigned: b.unassigned.size,
    };
    if (hooks.progressSolutions) p.solution = finish(P, b, reasons);
    hooks.onProgress(p);
  };
  // Independent runs share the time: where a run settles (above all after vehicle minimisation)
  // varies a lot with the seed, and on Solomon and CVRPLIB instances several shorter runs beat
  // one long one. A run needs time to be worth it, roughly growing with n² like construction.
  const perRunMs = Math.max(500, 0.05 * P.tasks.length ** 2);
  const runs = Math.max(1, opts.runs ?? Math.min(tuning.maxRuns, Math.floor(limit / perRunMs)));
  let iterations = 0;
  // With several runs, the winner gets a last share of the time to itself, at a lower temperature.
  const finalShare = runs > 1 ? tuning.finalShare : 0;
  const runsEnd = budget.deadline - finalShare * (budget.deadline - now());
  const runsIterations = Math.floor(budget.maxIterations * (1 - finalShare));
  // The first run always happens, so even a cancelled solve returns a plan.
  for (let r = 0; r < runs && (r === 0 || !stopped({ ...budget, deadline: runsEnd }, iterations)); r++) {
    if (r > 0) ctx.reseed(seed + r * 7919);
    const runBudget: Budget = {
      ...budget,
      deadline: now() + (runsEnd - now()) / (runs - r),
      maxIterations: Math.floor((runsIterations - iterations) / (runs - r)),
    };
    const run = runOnce(ctx, candidates, runBudget, opts, limit / runs, (ph, inc, force) => {
      phase = ph;
      report(force, inc);
    });
    iterations += run.iterations;
    if (!best || compareObj(run.best.obj, best.obj, P.minimizeVehicles) < 0) best = run.best;
  }
  best = best!;
  if (finalShare > 0 && !stopped(budget, iterations)) {
    ctx.reseed(seed + 104729);
    const sol = new SolState(ctx);
    sol.restore(best.snap, best.unassigned);
    const inc: Incumbent = { ...best, unassigned: new Set(best.unassigned) };
    phase = 'cost';
    iterations += annealFrom(
      sol,
      inc,
      { ...budget, maxIterations: budget.maxIterations - iterations },
      opts,
      tuning.finalT0,
      (ph, b, force) => report(force, b),
    );
    best = inc;
  }
  // The annealer judges ruin & recreate moves only: a last descent with the local search's moves
  // (2-opt*, or-opt, cross-exchange, …) often still finds a shorter plan.
  if (tuning.finalDescent && !hooks.signal?.aborted) best = descend(ctx, best, budget);
  phase = 'done';
  report(true);
  const solution = finish(P, best, reasons);
  return { solution, stats: { iterations, timeToBestMs: best.at, elapsedMs: now() } };
}

/** Local search from the incumbent's plan; the better of the two. */
function descend(ctx: Ctx, best: Incumbent, budget: Budget): Incumbent {
  const sol = new SolState(ctx);
  sol.restore(best.snap, best.unassigned);
  // A little past the deadline: the descent is quick, and stopping it early keeps a valid plan.
  const slack = Math.max(50, 0.02 * budget.deadline);
  localSearch(sol, {
    ...budget,
    deadline: Math.max(budget.now(), budget.deadline) + slack,
    maxIterations: Infinity,
  });
  const o = sol.objective();
  if (compareObj(o, best.obj, ctx.P.minimizeVehicles) >= 0) return best;
  return { snap: sol.snapshot(), unassigned: new Set(sol.unassigned), obj: o, at: budget.now() };
}

/** One pipeline: construction, vehicle minimisation, annealing. */
function runOnce(
  ctx: Ctx,
  candidates: number[],
  budget: Budget,
  opts: SolveOptions,
  runLimit: number,
  report: (phase: Progress['phase'], best: Incumbent, force: boolean) => void,
): { best: Incumbent; iterations: number } {
  const P = ctx.P;
  const sol = new SolState(ctx);
  construct(sol, candidates, budget, (plan, force) => report('construction', plan, force));
  const best: Incumbent = {
    snap: sol.snapshot(),
    unassigned: new Set(sol.unassigned),
    obj: sol.objective(),
    at: budget.now(),
  };
  report('construction', best, true);
  let iterations = 0;
  // Vehicle minimisation gets its share of the time first; it stops early when it cannot remove more.
  if (P.minimizeVehicles && P.units.length > 0) {
    // Also called as a heartbeat: the report is throttled and shows the best plan so far.
    const onImprove = () => report('vehicles', best, false);
    const share = opts.routeMinShare ?? 0.5;
    const rmBudget: Budget = {
      ...budget,
      deadline: budget.now() + (budget.deadline - budget.now()) * share,
      maxIterations: Math.floor(budget.maxIterations * share),
    };
    // The ejection pool removes the easy routes fast and stops at its first failure; the
    // absence-counter search then keeps at it for the rest of the share.
    if (tuning.fleet !== 'absence') {
      const attemptMs = (opts.routeAttemptShare ?? tuning.attemptShare) * runLimit;
      iterations += minimizeRoutes(sol, best, rmBudget, onImprove, attemptMs, tuning.maxFails, onImprove);
      sol.restore(best.snap, best.unassigned);
    }
    if (tuning.fleet !== 'ejection') {
      const left = { ...rmBudget, maxIterations: rmBudget.maxIterations - iterations };
      iterations += fleetMinimize(sol, best, left, lowerBound(sol), onImprove, onImprove);
      sol.restore(best.snap, best.unassigned);
    }
    // The ejections leave routes in a rough state: tidy them before annealing.
    localSearch(sol, budget, onImprove);
    const o = sol.objective();
    if (compareObj(o, best.obj, P.minimizeVehicles) < 0) {
      best.snap = sol.snapshot();
      best.obj = o;
      best.at = budget.now();
    }
  }
  iterations += annealFrom(
    sol,
    best,
    { ...budget, maxIterations: budget.maxIterations - iterations },
    opts,
    tuning.t0,
    report,
  );
  return { best, iterations };
}

/** Cost search from the current solution; temperatures scale with the average arc cost. */
function annealFrom(
  sol: SolState,
  best: Incumbent,
  budget: Budget,
  opts: SolveOptions,
  t0: number,
  report: (phase: Progress['phase'], best: Incumbent, force: boolean) => void,
): number {
  const avgArc = best.obj.cost / Math.max(1, sol.ctx.P.tasks.length + best.obj.vehicles);
  return anneal(sol, best, budget, {
    t0: t0 * avgArc,
    tf: Math.min(t0, tuning.tf) * avgArc,
    onImprove: () => report('cost', best, false),
    onTick: () => report('cost', best, false),
    absencePrice: tuning.absence * avgArc,
    maxDetour: tuning.maxDetour,
    polish: opts.polish ? (s) => localSearch(s, budget) : undefined,
    descend: tuning.descend
      ? (s, tasks) => localSearch(s, budget, undefined, tasks, mover(s), tuning.descendNear)
      : undefined,
  });
}

/**
 * Several greedy constructions (different insertion orders), each polished by local search; the
 * best one is kept. Which basin the search starts in matters more than anything done later on
 * tightly constrained instances, so a few cheap starts pay off. Stops early on big instances.
 */
function construct(
  sol: SolState,
  candidates: number[],
  budget: Budget,
  /** Gets the best plan so far: the first one before its local search, then now and then. */
  onPlan: (plan: Incumbent, force: boolean) => void,
): void {
  const orders = ['far', 'random', 'window', 'demand', 'random', 'close'] as const;
  const start = budget.now();
  let bestSnap: number[][] | null = null;
  let bestUn = new Set<number>();
  let bestObj = null as ReturnType<SolState['objective']> | null;
  const empty = sol.snapshot();
  const emptyUn = new Set(sol.unassigned);
  let shown: Incumbent | null = null;
  for (let k = 0; k < orders.length; k++) {
    if (k > 0) {
      // Keep construction to a small share of the time.
      if (budget.now() - start > 0.1 * (budget.deadline - start) || stopped(budget, 0)) break;
      sol.restore(empty, emptyUn);
    }
    recreate(sol, candidates, 0, orders[k]);
    if (!shown) {
      shown = {
        snap: sol.snapshot(),
        unassigned: new Set(sol.unassigned),
        obj: sol.objective(),
        at: budget.now(),
      };
      onPlan(shown, true);
    }
    localSearch(sol, budget, () => onPlan(shown!, false));
    const o = sol.objective();
    if (!bestObj || compareObj(o, bestObj, sol.ctx.P.minimizeVehicles) < 0) {
      bestObj = o;
      bestSnap = sol.snapshot();
      bestUn = new Set(sol.unassigned);
      if (compareObj(o, shown.obj, sol.ctx.P.minimizeVehicles) < 0)
        shown = { snap: bestSnap, unassigned: bestUn, obj: o, at: budget.now() };
    }
  }
  sol.restore(bestSnap!, bestUn);
}

function finish(P: CompiledProblem, best: Incumbent, reasons: Map<number, UnassignedReason>): Solution {
  const unassigned = [...reasons].map(([unit, reason]) => ({ unit, reason }));
  for (const u of best.unassigned) if (!reasons.has(u)) unassigned.push({ unit: u, reason: 'no_room' });
  unassigned.sort((a, b) => a.unit - b.unit);
  const solution = buildSolution(P, best.snap, unassigned);
  const violations = checkSolution(P, solution);
  // Never hand out a plan the independent checker rejects: that is a solver bug, not a user error.
  if (violations.length) {
    throw new AppError(
      'internal',
      `The route plan failed its final check: ${violations
        .slice(0, 3)
        .map((v) => v.message)
        .join('; ')}`,
      { violations },
    );
  }
  return solution;
}

function checkLocked(P: CompiledProblem): void {
  P.vehicles.forEach((veh, v) => {
    if (!veh.locked.length) return;
    const s = schedule(P, v, veh.locked);
    if (!s.ok) {
      throw new AppError(
        'invalid_input',
        `The locked stops of vehicle ${veh.id} cannot be kept as they are (${s.failure?.replace('_', ' ')}). Unlock them or change the vehicle.`,
      );
    }
  });
}
