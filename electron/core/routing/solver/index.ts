/**
 * One solve: multi-start construction with local search, vehicle minimisation (ejection pool),
 * then ruin & recreate under simulated annealing until the time limit. The answer is re-verified
 * by the independent checker.
 */
import { AppError } from '@shared/contract/errors';
import type { CompiledProblem } from '../compile';
import { checkSolution } from '../checker';
import type { Solution, UnassignedReason } from '../model';
import { Ctx } from './context';
import { localSearch } from './local-search';
import { buildSolution } from './output';
import { aloneReason } from './reasons';
import { compareObj, SolState } from './route';
import { minimizeRoutes } from './route-min';
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
  /** Time for emptying one route, as a share of the limit (default 0.25); failing ends that phase. */
  routeAttemptShare?: number;
  /** Local search on every new best during annealing (default off: it measured no better). */
  polish?: boolean;
  /** Independent runs sharing the time (default: as many as fit, 1–4; see solveCompiled). */
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
  const runs = Math.max(1, opts.runs ?? Math.min(4, Math.floor(limit / perRunMs)));
  let iterations = 0;
  // The first run always happens, so even a cancelled solve returns a plan.
  for (let r = 0; r < runs && (r === 0 || !stopped(budget, iterations)); r++) {
    if (r > 0) ctx.reseed(seed + r * 7919);
    const runBudget: Budget = {
      ...budget,
      deadline: now() + (budget.deadline - now()) / (runs - r),
      maxIterations: Math.floor((budget.maxIterations - iterations) / (runs - r)),
    };
    const run = runOnce(ctx, candidates, runBudget, opts, limit / runs, (ph, inc, force) => {
      phase = ph;
      report(force, inc);
    });
    iterations += run.iterations;
    if (!best || compareObj(run.best.obj, best.obj, P.minimizeVehicles) < 0) best = run.best;
  }
  best = best!;
  phase = 'done';
  report(true);
  const solution = finish(P, best, reasons);
  return { solution, stats: { iterations, timeToBestMs: best.at, elapsedMs: now() } };
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
  construct(sol, candidates, budget);
  const best: Incumbent = { snap: sol.snapshot(), unassigned: new Set(sol.unassigned), obj: sol.objective(), at: budget.now() };
  report('construction', best, true);
  let iterations = 0;
  // Vehicle minimisation gets its share of the time first; it stops early when it cannot remove more.
  if (P.minimizeVehicles && P.units.length > 0) {
    const onImprove = () => report('vehicles', best, false);
    const share = opts.routeMinShare ?? 0.5;
    const rmBudget: Budget = { ...budget, deadline: budget.now() + (budget.deadline - budget.now()) * share };
    iterations += minimizeRoutes(sol, best, rmBudget, onImprove, (opts.routeAttemptShare ?? 0.25) * runLimit);
    sol.restore(best.snap, best.unassigned);
    // The ejections leave routes in a rough state: tidy them before annealing.
    localSearch(sol, budget);
    const o = sol.objective();
    if (compareObj(o, best.obj, P.minimizeVehicles) < 0) {
      best.snap = sol.snapshot();
      best.obj = o;
      best.at = budget.now();
    }
  }
  const avgArc = best.obj.cost / Math.max(1, P.tasks.length + best.obj.vehicles);
  iterations += anneal(sol, best, { ...budget, maxIterations: budget.maxIterations - iterations }, {
    t0: 0.1 * avgArc,
    tf: 0.002 * avgArc,
    onImprove: () => report('cost', best, false),
    absencePrice: 5 * avgArc,
    maxDetour: 200,
    polish: opts.polish ? (s) => localSearch(s, budget) : undefined,
  });
  return { best, iterations };
}

/**
 * Several greedy constructions (different insertion orders), each polished by local search; the
 * best one is kept. Which basin the search starts in matters more than anything done later on
 * tightly constrained instances, so a few cheap starts pay off. Stops early on big instances.
 */
function construct(sol: SolState, candidates: number[], budget: Budget): void {
  const orders = ['far', 'random', 'window', 'demand', 'random', 'close'] as const;
  const start = budget.now();
  let bestSnap: number[][] | null = null;
  let bestUn = new Set<number>();
  let bestObj = null as ReturnType<SolState['objective']> | null;
  const empty = sol.snapshot();
  const emptyUn = new Set(sol.unassigned);
  for (let k = 0; k < orders.length; k++) {
    if (k > 0) {
      // Keep construction to a small share of the time.
      if (budget.now() - start > 0.1 * (budget.deadline - start) || stopped(budget, 0)) break;
      sol.restore(empty, emptyUn);
    }
    recreate(sol, candidates, 0, orders[k]);
    localSearch(sol, budget);
    const o = sol.objective();
    if (!bestObj || compareObj(o, bestObj, sol.ctx.P.minimizeVehicles) < 0) {
      bestObj = o;
      bestSnap = sol.snapshot();
      bestUn = new Set(sol.unassigned);
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
