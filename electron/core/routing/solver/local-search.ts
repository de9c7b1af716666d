/**
 * Granular local search: for each stop and its nearest neighbours, try relocate (before/after),
 * swap, or-opt (2–3 stops), cross-exchange (segments up to 3), 2-opt* between routes and 2-opt
 * inside a route; apply the first improving move. Each candidate route is described as a list of
 * pieces of existing routes, so one evaluator (segment concatenation, O(1) per cached piece)
 * and one builder serve every move.
 */
import { EPS } from './schedule';
import { concat, Seg } from './segment';
import type { Route, SolState } from './route';
import { stopped, type Budget } from './search';

// Piece kinds: prefix [0, a) of a route, suffix [a, L), a range [a, b), a range reversed, one task.
export const PREF = 0;
export const SUF = 1;
export const RANGE = 2;
export const REV = 3;
export const TASK = 4;
export type Piece = [kind: number, route: number, a: number, b: number];

export class Mover {
  private readonly acc: Seg;
  private readonly tmp: Seg;
  /** Vehicles whose cached segments may be reused for each other (same matrices, depots, shift). */
  private readonly twin: string[];

  constructor(private readonly sol: SolState) {
    const ctx = sol.ctx;
    this.acc = new Seg(ctx.K);
    this.tmp = new Seg(ctx.K);
    this.twin = ctx.P.vehicles.map(
      (v) => `${v.mat}|${v.costMat}|${v.start}|${v.end}|${v.shiftStart}|${v.shiftEnd}`,
    );
  }

  /** Cost of the route vehicle w would drive through these pieces, Infinity if infeasible. */
  evaluate(w: number, pieces: Piece[]): number {
    const ctx = this.sol.ctx;
    const m = ctx.mats[w]!;
    const acc = this.acc;
    // `cur` points at cached segments where possible, so nothing is copied.
    let cur: Seg = ctx.startSeg[w]!;
    let count = 0;
    for (const [kind, ri, a, b] of pieces) {
      if (kind === TASK) {
        cur = concat(acc, cur, ctx.taskSeg[ri]!, m);
        count++;
        if (cur.tw > EPS) return Infinity;
        continue;
      }
      const r = this.sol.routes[ri]!;
      const own = this.twin[r.v] === this.twin[w];
      if (kind === PREF && own && r.v === w) {
        cur = r.pref[a]!;
        count += a;
      } else if (kind === SUF && own) {
        count += r.tasks.length - a;
        return this.close(w, concat(this.tmp, cur, r.suf[a]!, m), count);
      } else {
        const [from, to] = kind === PREF ? [0, a] : kind === SUF ? [a, r.tasks.length] : [a, b];
        if (kind === REV)
          for (let k = to - 1; k >= from; k--) cur = concat(acc, cur, ctx.taskSeg[r.tasks[k]!]!, m);
        else for (let k = from; k < to; k++) cur = concat(acc, cur, ctx.taskSeg[r.tasks[k]!]!, m);
        count += to - from;
      }
      if (cur.tw > EPS) return Infinity;
    }
    return this.close(w, concat(this.tmp, cur, ctx.endSeg[w]!, m), count);
  }

  /** Arc-cost-only version of evaluate: cheap filter before the feasibility check. */
  costOnly(w: number, pieces: Piece[]): number {
    const ctx = this.sol.ctx;
    const P = ctx.P;
    const m = ctx.mats[w]!;
    const n = m.n;
    const veh = P.vehicles[w]!;
    let last = veh.start;
    let c = 0;
    let count = 0;
    for (const [kind, ri, a, b] of pieces) {
      if (kind === TASK) {
        const loc = P.tasks[ri]!.loc;
        c += m.cost[last * n + loc]!;
        last = loc;
        count++;
        continue;
      }
      const r = this.sol.routes[ri]!;
      const own = this.twin[r.v] === this.twin[w];
      const t = r.tasks;
      if (kind === PREF && own && r.v === w) {
        c += r.pref[a]!.cost;
        if (a > 0) last = P.tasks[t[a - 1]!]!.loc;
        count += a;
      } else if (kind === SUF && own) {
        if (a === t.length) break;
        c += m.cost[last * n + P.tasks[t[a]!]!.loc]! + r.suf[a]!.cost;
        return count + t.length - a > 0 ? c + veh.fixedCost : 0;
      } else {
        const [from, to] = kind === PREF ? [0, a] : kind === SUF ? [a, t.length] : [a, b];
        for (let q = from; q < to; q++) {
          const loc = P.tasks[t[kind === REV ? to - 1 - (q - from) : q]!]!.loc;
          c += m.cost[last * n + loc]!;
          last = loc;
        }
        count += to - from;
      }
    }
    return count > 0 ? c + m.cost[last * n + veh.end]! + veh.fixedCost : 0;
  }

  private close(w: number, full: Seg, count: number): number {
    const ctx = this.sol.ctx;
    if (count === 0) return 0;
    if (!ctx.feasible(full, w)) return Infinity;
    return full.cost + ctx.P.vehicles[w]!.fixedCost;
  }

  build(pieces: Piece[]): number[] {
    const out: number[] = [];
    for (const [kind, ri, a, b] of pieces) {
      if (kind === TASK) {
        out.push(ri);
        continue;
      }
      const t = this.sol.routes[ri]!.tasks;
      const [from, to] = kind === PREF ? [0, a] : kind === SUF ? [a, t.length] : [a, b];
      if (kind === REV) for (let k = to - 1; k >= from; k--) out.push(t[k]!);
      else for (let k = from; k < to; k++) out.push(t[k]!);
    }
    return out;
  }

  /**
   * Applies the change if it lowers the total cost of the routes involved. For vehicles where
   * segment checks are optimistic, the scheduler has the last word. `force` applies any feasible
   * change (random perturbation).
   */
  tryApply(changes: { r: Route; pieces: Piece[] }[], force = false): boolean {
    const ctx = this.sol.ctx;
    let before = 0;
    let after = 0;
    for (const c of changes) before += c.r.cost;
    if (!force) {
      for (const c of changes) after += this.costOnly(c.r.v, c.pieces);
      if (after >= before - EPS) return false;
      after = 0;
    }
    for (const c of changes) {
      after += this.evaluate(c.r.v, c.pieces);
      if (after === Infinity) return false;
    }
    if (!force && after >= before - EPS) return false;
    const seqs = changes.map((c) => this.build(c.pieces));
    if (changes.some((c) => ctx.exact[c.r.v])) {
      let exactAfter = 0;
      for (let k = 0; k < changes.length; k++) {
        const c = changes[k]!;
        exactAfter += seqs[k]!.length ? ctx.exactCost(c.r.v, seqs[k]!) : 0;
      }
      if (exactAfter === Infinity || (!force && !(exactAfter < before - EPS))) return false;
    }
    changes.forEach((c, k) => this.sol.setRoute(c.r, seqs[k]!));
    return true;
  }
}

/**
 * Runs until no improving move is left (or the budget ends). Work list with "don't look" bits:
 * a stop is looked at again only when its route changed since it was last found stuck, so a
 * pass after a small change (ruin & recreate) costs about the size of the change, not of the plan.
 * `focus` limits the first pass to these stops (default: all, in random order).
 */
export function localSearch(
  sol: SolState,
  budget: Budget,
  tick?: () => void,
  focus?: Iterable<number>,
  mover?: Mover,
  /** Nearest neighbours tried per stop (default: all of ctx.neighbors). */
  near = Infinity,
): void {
  const ctx = sol.ctx;
  if (ctx.P.balance > 0) return; // moves are judged on route cost alone; balancing is left to the annealer
  const mv = mover ?? new Mover(sol);
  const T = ctx.P.tasks.length;
  const queued = new Uint8Array(T);
  const queue: number[] = [];
  const push = (t: number) => {
    if (queued[t]) return;
    queued[t] = 1;
    queue.push(t);
  };
  if (focus) for (const t of focus) push(t);
  else for (const t of ctx.rng.shuffle(Array.from({ length: T }, (_, i) => i))) push(t);
  let count = 0;
  for (let head = 0; head < queue.length; head++) {
    // Big instances take seconds here: let the caller report progress now and then.
    if ((++count & 63) === 0) {
      if (tick) tick();
      if (stopped(budget, 0)) return;
    }
    const u = queue[head]!;
    queued[u] = 0;
    if (sol.where[u]! < 0 || ctx.pinned[ctx.P.tasks[u]!.unit]) continue;
    const nb = ctx.neighbors[u]!;
    const k = Math.min(near, nb.length);
    for (let q = 0; q < k; q++) {
      const v = nb[q]!;
      const rb = sol.where[v]!;
      if (rb < 0) continue;
      const ra = sol.where[u]!;
      if (tryPair(sol, mv, u, v)) {
        for (const t of sol.routes[ra]!.tasks) push(t);
        if (rb !== ra) for (const t of sol.routes[rb]!.tasks) push(t);
        push(u);
        break;
      }
    }
    // Keep the list from growing without end: drop what has been looked at.
    if (head > 4096 && head * 2 > queue.length) {
      queue.splice(0, head + 1);
      head = -1;
    }
  }
}

function tryPair(sol: SolState, mv: Mover, u: number, v: number): boolean {
  const ru = sol.routes[sol.where[u]!]!;
  const rv = sol.routes[sol.where[v]!]!;
  const i = ru.tasks.indexOf(u);
  const j = rv.tasks.indexOf(v);
  if (i < ru.locked) return false;
  const a = ru.v;
  const b = rv.v;
  const Lu = ru.tasks.length;
  const pair = sol.ctx.P.tasks[u]!.partner >= 0 || sol.ctx.P.tasks[v]!.partner >= 0;
  if (ru !== rv) {
    if (pair) return false; // shipments move as pairs through ruin & recreate only
    const canV = sol.ctx.servable(b, u);
    // Relocate u after v, then before v.
    const afterV = j + 1 >= rv.locked;
    if (
      canV &&
      afterV &&
      mv.tryApply([
        {
          r: ru,
          pieces: [
            [PREF, a, i, 0],
            [SUF, a, i + 1, 0],
          ],
        },
        {
          r: rv,
          pieces: [
            [PREF, b, j + 1, 0],
            [TASK, u, 0, 0],
            [SUF, b, j + 1, 0],
          ],
        },
      ])
    )
      return true;
    if (
      canV &&
      j >= rv.locked &&
      mv.tryApply([
        {
          r: ru,
          pieces: [
            [PREF, a, i, 0],
            [SUF, a, i + 1, 0],
          ],
        },
        {
          r: rv,
          pieces: [
            [PREF, b, j, 0],
            [TASK, u, 0, 0],
            [SUF, b, j, 0],
          ],
        },
      ])
    )
      return true;
    if (j < rv.locked) return false;
    // Swap and cross-exchange: segments of 1–3 stops starting at u and at v.
    for (let k1 = 1; k1 <= 3 && i + k1 <= Lu; k1++) {
      for (let k2 = 1; k2 <= 3 && j + k2 <= rv.tasks.length; k2++) {
        if (!servableRange(sol, rv, j, j + k2, a) || !servableRange(sol, ru, i, i + k1, b)) continue;
        if (
          mv.tryApply([
            {
              r: ru,
              pieces: [
                [PREF, a, i, 0],
                [RANGE, b, j, j + k2],
                [SUF, a, i + k1, 0],
              ],
            },
            {
              r: rv,
              pieces: [
                [PREF, b, j, 0],
                [RANGE, a, i, i + k1],
                [SUF, b, j + k2, 0],
              ],
            },
          ])
        )
          return true;
      }
    }
    // Or-opt: move 2–3 consecutive stops starting at u to after v.
    for (let k = 2; k <= 3 && afterV && i + k <= Lu; k++) {
      if (!servableRange(sol, ru, i, i + k, b)) continue;
      if (
        mv.tryApply([
          {
            r: ru,
            pieces: [
              [PREF, a, i, 0],
              [SUF, a, i + k, 0],
            ],
          },
          {
            r: rv,
            pieces: [
              [PREF, b, j + 1, 0],
              [RANGE, a, i, i + k],
              [SUF, b, j + 1, 0],
            ],
          },
        ])
      )
        return true;
    }
    // 2-opt*: exchange the tails after u and after v.
    if (afterV && servableRange(sol, rv, j + 1, rv.tasks.length, a) && servableRange(sol, ru, i + 1, Lu, b)) {
      if (
        mv.tryApply([
          {
            r: ru,
            pieces: [
              [PREF, a, i + 1, 0],
              [SUF, b, j + 1, 0],
            ],
          },
          {
            r: rv,
            pieces: [
              [PREF, b, j + 1, 0],
              [SUF, a, i + 1, 0],
            ],
          },
        ])
      )
        return true;
      // The other pairing: u and v both start the exchanged tails.
      if (
        mv.tryApply([
          {
            r: ru,
            pieces: [
              [PREF, a, i, 0],
              [SUF, b, j, 0],
            ],
          },
          {
            r: rv,
            pieces: [
              [PREF, b, j, 0],
              [SUF, a, i, 0],
            ],
          },
        ])
      )
        return true;
    }
    return false;
  }
  if (j < ru.locked) return false;
  // Same route: relocate u after v, or-opt, and 2-opt (reverse the stretch between them).
  for (let k = 1; k <= 3 && i + k <= Lu; k++) {
    if (j >= i && j < i + k) break;
    const pieces: Piece[] =
      i < j
        ? [
            [PREF, a, i, 0],
            [RANGE, a, i + k, j + 1],
            [RANGE, a, i, i + k],
            [SUF, a, j + 1, 0],
          ]
        : [
            [PREF, a, j + 1, 0],
            [RANGE, a, i, i + k],
            [RANGE, a, j + 1, i],
            [SUF, a, i + k, 0],
          ];
    if (mv.tryApply([{ r: ru, pieces }])) return true;
  }
  const [lo, hi] = i < j ? [i, j] : [j, i];
  if (
    hi - lo >= 1 &&
    mv.tryApply([
      {
        r: ru,
        pieces: [
          [PREF, a, lo + 1, 0],
          [REV, a, lo + 1, hi + 1],
          [SUF, a, hi + 1, 0],
        ],
      },
    ])
  )
    return true;
  return false;
}

function servableRange(sol: SolState, r: Route, from: number, to: number, v: number): boolean {
  for (let k = from; k < to; k++) if (!sol.ctx.servable(v, r.tasks[k]!)) return false;
  return true;
}
