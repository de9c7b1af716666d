/**
 * Fleet minimisation by ruin & recreate with absence counters (SISR, Christiaens & Vanden Berghe
 * 2020, section 6): take one route away, then ruin and recreate without opening vehicles; a
 * candidate is kept when fewer stops are left out, or when the stops left out have been left out
 * less often so far. Every iteration counts one more absence for each stop still out, so stops
 * that are hard to place get priority until they fit. Once all fit, the next route goes.
 */
import type { SolState } from './route';
import { recreate, removeUnits, ruin } from './ruin-recreate';
import { stopped, type Budget, type Incumbent } from './search';

export function fleetMinimize(
  sol: SolState,
  best: Incumbent,
  budget: Budget,
  lowerBound: number,
  onImprove: () => void,
  /** Called every few iterations so the caller can report progress (it throttles). */
  tick: () => void = () => {},
): number {
  const ctx = sol.ctx;
  const P = ctx.P;
  const rng = ctx.rng;
  if (sol.unassigned.size > 0) return 0;
  const absent = new Float64Array(P.units.length);
  const cbar = Math.min(10, Math.max(2, Math.round(P.tasks.length / 10)));
  const absenceSum = (): number => {
    let s = 0;
    for (const u of sol.unassigned) s += absent[u]!;
    return s;
  };
  /** Takes away the smaller of two random unlocked routes; false when none is left to take. */
  const dropRoute = (): boolean => {
    const routes = sol.routes.filter((r) => r.used && r.locked === 0);
    if (routes.length < 2 || best.obj.vehicles <= lowerBound) return false;
    const x = rng.pick(routes);
    const y = rng.pick(routes);
    const victim = y.tasks.length < x.tasks.length ? y : x;
    removeUnits(sol, [...new Set(victim.tasks.map((t) => P.tasks[t]!.unit))]);
    return true;
  };
  if (!dropRoute()) return 0;
  let count = sol.unassigned.size;
  let sum = absenceSum();
  let it = 0;
  while (!stopped(budget, it)) {
    if ((++it & 31) === 0) tick();
    sol.beginJournal();
    ruin(sol, { cbar, lmax: 10 });
    recreate(sol, [...sol.unassigned], 0.01, undefined, true);
    const c = sol.unassigned.size;
    const s = absenceSum();
    if (c < count || s < sum) {
      sol.commit();
      count = c;
      sum = s;
    } else sol.rollback();
    if (count === 0) {
      best.snap = sol.snapshot();
      best.unassigned = new Set();
      best.obj = sol.objective();
      best.at = budget.now();
      onImprove();
      if (!dropRoute()) break;
      count = sol.unassigned.size;
      sum = absenceSum();
      continue;
    }
    for (const u of sol.unassigned) absent[u]!++;
    sum += count;
  }
  return it;
}
