/**
 * Simulated-annealing loop over ruin & recreate, on a lexicographic objective: unserved jobs
 * (by priority) never get worse, then vehicles (when minimised), then cost with a temperature.
 * Anytime: the best plan so far is kept and reported; stops on deadline, iteration cap or abort.
 */
import { compareObj, type Objective, type SolState } from './route';
import { recreate, removeUnits, ruin } from './ruin-recreate';

export interface Budget {
  deadline: number;
  maxIterations: number;
  signal?: AbortSignal;
  now: () => number;
}

export interface Incumbent {
  snap: number[][];
  unassigned: Set<number>;
  obj: Objective;
  at: number;
}

export interface AnnealOptions {
  t0: number;
  tf: number;
  onImprove: (best: Incumbent) => void;
  /** Heartbeat every few iterations, so progress shows while the best plan stays the same. */
  onTick?: () => void;
  /** Optional polishing of every new best (local search). */
  polish?: (sol: SolState) => void;
  /**
   * Local search on the stops of the routes that ruin & recreate changed, before the candidate
   * is judged (so every candidate is a local optimum of the move set around the change).
   */
  descend?: (sol: SolState, tasks: number[]) => void;
  /** Acceptance price of a stop left out (vehicle-minimised plans); 0 = open a vehicle instead. */
  absencePrice?: number;
  /** Accepted iterations with stops left out before returning to the best plan. */
  maxDetour?: number;
}

export function stopped(b: Budget, it: number): boolean {
  return it >= b.maxIterations || b.now() >= b.deadline || !!b.signal?.aborted;
}

export function anneal(sol: SolState, best: Incumbent, budget: Budget, opts: AnnealOptions): number {
  const ctx = sol.ctx;
  const rng = ctx.rng;
  const minV = ctx.P.minimizeVehicles;
  const start = budget.now();
  const span = Math.max(1, budget.deadline - start);

  let cur = sol.objective();
  let it = 0;
  let temp = opts.t0;
  const cbar = Math.min(10, Math.max(2, Math.round(ctx.P.tasks.length / 10)));
  const absence = minV ? (opts.absencePrice ?? 0) : 0;
  let detour = 0;
  for (; !stopped(budget, it); it++) {
    if ((it & 15) === 0) {
      const t = budget.now();
      const frac = Math.min(1, (t - start) / span);
      temp = opts.t0 * Math.pow(opts.tf / opts.t0, frac);
      opts.onTick?.();
    }
    sol.beginJournal();
    const removed = ruin(sol, { cbar, lmax: 10 });
    // Now and then empty the shortest route too, so vehicle count can drop without a dedicated phase.
    if (minV && rng.next() < 0.02) {
      const shortest = sol.routes
        .filter((r) => r.used && r.locked === 0)
        .sort((a, b) => a.tasks.length - b.tasks.length)[0];
      if (shortest) {
        const units = [...new Set(shortest.tasks.map((t) => ctx.P.tasks[t]!.unit))];
        removeUnits(sol, units);
      }
    }
    recreate(sol, [...sol.unassigned], 0.01, undefined, absence > 0);
    if (opts.descend) {
      const tasks: number[] = [];
      for (const u of removed) for (const t of ctx.P.units[u]!.tasks) tasks.push(t);
      opts.descend(sol, tasks);
    }
    const cand = sol.objective();
    let accept: boolean;
    const threshold = -temp * Math.log(rng.next() + 1e-300);
    if (absence > 0) {
      // No vehicle is opened; a stop that does not fit stays out at a price, so tight plans can
      // be reshuffled through states that miss a few stops. The best plan is judged strictly.
      accept =
        (cand.vehicles < cur.vehicles && cand.unserved <= cur.unserved) ||
        (cand.vehicles <= cur.vehicles &&
          cand.cost + absence * cand.unserved < cur.cost + absence * cur.unserved + threshold);
    } else {
      const lexBetter =
        cand.unserved < cur.unserved ||
        (minV && cand.unserved === cur.unserved && cand.vehicles < cur.vehicles);
      const lexSame = cand.unserved === cur.unserved && (!minV || cand.vehicles === cur.vehicles);
      accept = lexBetter || (lexSame && cand.cost < cur.cost + threshold);
    }
    if (!accept) {
      sol.rollback();
      continue;
    }
    sol.commit();
    cur = cand;
    // Do not wander short of stops for long: go back to the best plan.
    const astray = cur.unserved > best.obj.unserved;
    if (astray && ++detour > (opts.maxDetour ?? 500)) {
      sol.restore(best.snap, best.unassigned);
      cur = sol.objective();
      detour = 0;
    } else if (!astray) detour = 0;
    if (compareObj(cand, best.obj, minV) < 0) {
      if (opts.polish) {
        opts.polish(sol);
        cur = sol.objective();
      }
      best.snap = sol.snapshot();
      best.unassigned = new Set(sol.unassigned);
      best.obj = cur;
      best.at = budget.now();
      opts.onImprove(best);
    }
  }
  return it;
}
