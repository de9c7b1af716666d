/**
 * Vehicle minimisation with an ejection pool (after Nagata & Bräysy 2009): empty one route, then
 * put its stops back into the others. A stop that fits nowhere is forced in by ejecting one or
 * two others, chosen so the ejected ones are those that have been put back least often; random
 * feasible moves between attempts keep the search from cycling. Success removes a vehicle.
 * Runs on problems whose constraints the segment data captures exactly (no breaks, reloads,
 * shipments or multiple windows); the annealer's route removal covers the others.
 */
import { Inserter } from './insertion';
import { Mover, PREF, SUF, TASK } from './local-search';
import { EPS } from './schedule';
import { concat, Seg } from './segment';
import type { Route, SolState } from './route';
import { removeUnits } from './ruin-recreate';
import { stopped, type Budget, type Incumbent } from './search';

export function minimizeRoutes(
  sol: SolState,
  best: Incumbent,
  budget: Budget,
  onImprove: () => void,
  /** Time for emptying one route; a route that cannot be emptied in it ends the phase. */
  attemptMs = Infinity,
  /** Failed attempts (each on another route) before the phase ends. */
  maxFails = 1,
  /** Called every few iterations so the caller can report progress (it throttles). */
  tick: () => void = () => {},
): number {
  const ctx = sol.ctx;
  const P = ctx.P;
  if (ctx.exact.some(Boolean) || sol.unassigned.size > 0) return 0;
  const rng = ctx.rng;
  const lb = lowerBound(sol);
  const ins = new Inserter(sol);
  const mv = new Mover(sol);
  const ej = new Ejector(sol);
  const p = new Int32Array(P.units.length);
  let it = 0;
  let fails = 0;
  while (!stopped(budget, it) && best.obj.vehicles > lb) {
    const routes = sol.routes.filter((r) => r.used && r.locked === 0);
    if (routes.length < 2) break;
    const before = sol.snapshot();
    // The smaller of two random routes: short routes are the easiest to empty.
    const x = rng.pick(routes);
    const y = rng.pick(routes);
    const victim = y.tasks.length < x.tasks.length ? y : x;
    const pool = victim.tasks.map((t) => P.tasks[t]!.unit);
    removeUnits(sol, pool);
    p.fill(1);
    const attemptEnd = budget.now() + attemptMs;
    while (pool.length && !stopped(budget, it) && budget.now() < attemptEnd) {
      if ((++it & 31) === 0) tick();
      const u = pool.pop()!;
      if (ins.insert(u, { blink: 0, newRouteLast: true, noNewRoute: true })) continue;
      p[u]!++;
      const ejected = ej.forceInsert(u, p);
      if (!ejected) {
        pool.unshift(u);
        perturb(sol, mv, 50);
        continue;
      }
      pool.push(...ejected);
      perturb(sol, mv, 20);
    }
    if (pool.length) {
      sol.restore(before, new Set());
      // Another route may empty where this one did not; give up after a few tries.
      if (++fails >= maxFails) break;
      continue;
    }
    best.snap = sol.snapshot();
    best.unassigned = new Set();
    best.obj = sol.objective();
    best.at = budget.now();
    onImprove();
  }
  return it;
}

/** Vehicles needed for the total load alone (largest capacity, each dimension). */
export function lowerBound(sol: SolState): number {
  const P = sol.ctx.P;
  let lb = 1;
  for (let k = 0; k < P.dims.length; k++) {
    const total = P.tasks.reduce((a, t) => a + Math.max(t.depotLoad[k]!, t.net[k]! + t.depotLoad[k]!), 0);
    const cap = Math.max(...P.vehicles.map((v) => v.capacity[k]! * v.maxTrips));
    if (cap > 0 && Number.isFinite(cap)) lb = Math.max(lb, Math.ceil(total / cap - 1e-9));
  }
  return lb;
}

/** Random feasible relocations, swaps and tail exchanges, whatever their cost. */
function perturb(sol: SolState, mv: Mover, moves: number): void {
  const ctx = sol.ctx;
  const rng = ctx.rng;
  const T = ctx.P.tasks.length;
  for (let m = 0; m < moves; m++) {
    const u = rng.int(T);
    const nb = ctx.neighbors[u]!;
    if (sol.where[u]! < 0 || !nb.length) continue;
    const v = nb[rng.int(Math.min(10, nb.length))]!;
    if (sol.where[v]! < 0 || sol.where[u] === sol.where[v]) continue;
    const ru = sol.routes[sol.where[u]!]!;
    const rv = sol.routes[sol.where[v]!]!;
    const i = ru.tasks.indexOf(u);
    const j = rv.tasks.indexOf(v);
    if (i < ru.locked || j < rv.locked || !ctx.servable(rv.v, u) || !ctx.servable(ru.v, v)) continue;
    const a = ru.v;
    const b = rv.v;
    const op = rng.int(3);
    if (op === 0 && ru.tasks.length > 1) {
      mv.tryApply(
        [
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
        ],
        true,
      );
    } else if (op === 1) {
      mv.tryApply(
        [
          {
            r: ru,
            pieces: [
              [PREF, a, i, 0],
              [TASK, v, 0, 0],
              [SUF, a, i + 1, 0],
            ],
          },
          {
            r: rv,
            pieces: [
              [PREF, b, j, 0],
              [TASK, u, 0, 0],
              [SUF, b, j + 1, 0],
            ],
          },
        ],
        true,
      );
    } else if (i + 1 < ru.tasks.length || j + 1 < rv.tasks.length) {
      mv.tryApply(
        [
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
        ],
        true,
      );
    }
  }
}

interface Found {
  pos: number;
  ej: number[];
  psum: number;
  tie: number;
}

/** Finds where to force a stop in by ejecting ≤ 2 others with the least total "put back" count. */
class Ejector {
  private readonly pool: Seg[] = [];
  private readonly a: Seg;
  private readonly b: Seg;
  constructor(private readonly sol: SolState) {
    this.a = new Seg(sol.ctx.K);
    this.b = new Seg(sol.ctx.K);
  }

  forceInsert(u: number, p: Int32Array): number[] | null {
    const ctx = this.sol.ctx;
    const t = ctx.P.units[u]!.tasks[0]!;
    let best: (Found & { r: Route }) | null = null as (Found & { r: Route }) | null;
    for (const r of this.sol.routes) {
      if (!r.used || !ctx.servable(r.v, t)) continue;
      const found = this.searchRoute(r, t, p, best ? best.psum : Infinity);
      if (found && (!best || found.psum < best.psum || (found.psum === best.psum && found.tie < best.tie)))
        best = { r, ...found };
    }
    if (!best) return null;
    const { r, pos, ej } = best;
    const out: number[] = [];
    const seq: number[] = [];
    r.tasks.forEach((x, k) => {
      if (k === pos) seq.push(t);
      if (ej.includes(k)) out.push(x);
      else seq.push(x);
    });
    if (pos === r.tasks.length) seq.push(t);
    const units = out.map((x) => ctx.P.tasks[x]!.unit);
    this.sol.setRoute(r, seq);
    for (const x of units) this.sol.unassigned.add(x);
    this.sol.unassigned.delete(u);
    return units;
  }

  private w = 0;
  private r: Route | null = null;
  private best: Found | null = null;

  private sub(a: number, b: number): Seg {
    return this.pool[a * this.w + b]!;
  }

  /** Concatenates the pieces (empty ones are marked first = -1) and keeps the best candidate. */
  private tryPieces(pieces: Seg[], pos: number, ej: number[], psum: number): void {
    const ctx = this.sol.ctx;
    const r = this.r!;
    const m = ctx.mats[r.v]!;
    let cur: Seg = ctx.startSeg[r.v]!;
    for (const s of pieces) {
      if (s.first === -1) continue;
      cur = concat(this.a, cur, s, m);
      if (cur.tw > EPS) return;
    }
    concat(this.b, cur, ctx.endSeg[r.v]!, m);
    if (!ctx.feasible(this.b, r.v)) return;
    const tie = this.b.cost;
    const best = this.best;
    if (!best || psum < best.psum || (psum === best.psum && tie < best.tie))
      this.best = { pos, ej, psum, tie };
  }

  /** Table sub(a, b) = tasks[a..b-1] as one segment, then every (ejections, position) pair. */
  private searchRoute(r: Route, t: number, p: Int32Array, bound: number): Found | null {
    const ctx = this.sol.ctx;
    const m = ctx.mats[r.v]!;
    const L = r.tasks.length;
    const lo = r.locked;
    const w = (this.w = L + 1);
    this.r = r;
    this.best = null;
    while (this.pool.length < w * w) this.pool.push(new Seg(ctx.K));
    for (let a = 0; a <= L; a++) {
      this.sub(a, a).first = -1;
      for (let b = a + 1; b <= L; b++) {
        const seg = ctx.taskSeg[r.tasks[b - 1]!]!;
        if (b === a + 1) this.sub(a, b).copyFrom(seg);
        else concat(this.sub(a, b), this.sub(a, b - 1), seg, m);
      }
    }
    const ts = ctx.taskSeg[t]!;
    const units = r.tasks.map((x) => ctx.P.tasks[x]!.unit);
    const S = (a: number, b: number) => this.sub(a, b);
    for (let e1 = lo; e1 < L; e1++) {
      const p1 = p[units[e1]!]!;
      if (ctx.pinned[units[e1]!] || p1 >= Math.min(bound, (this.best as Found | null)?.psum ?? Infinity))
        continue;
      const one = [e1];
      for (let pos = lo; pos <= L; pos++) {
        if (pos <= e1) this.tryPieces([S(0, pos), ts, S(pos, e1), S(e1 + 1, L)], pos, one, p1);
        else this.tryPieces([S(0, e1), S(e1 + 1, pos), ts, S(pos, L)], pos, one, p1);
      }
      for (let e2 = e1 + 1; e2 < L; e2++) {
        const ps = p1 + p[units[e2]!]!;
        if (ctx.pinned[units[e2]!] || ps >= Math.min(bound, (this.best as Found | null)?.psum ?? Infinity))
          continue;
        const two = [e1, e2];
        for (let pos = lo; pos <= L; pos++) {
          if (pos <= e1)
            this.tryPieces([S(0, pos), ts, S(pos, e1), S(e1 + 1, e2), S(e2 + 1, L)], pos, two, ps);
          else if (pos <= e2)
            this.tryPieces([S(0, e1), S(e1 + 1, pos), ts, S(pos, e2), S(e2 + 1, L)], pos, two, ps);
          else this.tryPieces([S(0, e1), S(e1 + 1, e2), S(e2 + 1, pos), ts, S(pos, L)], pos, two, ps);
        }
      }
    }
    return this.best;
  }
}
