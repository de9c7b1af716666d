/**
 * Cheapest feasible insertion of one unit (a job, or a shipment's pickup+delivery pair) into the
 * current routes, with SISR's "blinks" (skip a position at random) for diversity.
 */
import { EPS } from './schedule';
import { concat, Seg } from './segment';
import type { Route, SolState } from './route';

interface Cand {
  r: Route;
  i: number;
  j: number;
  delta: number;
}

export interface InsertOptions {
  blink: number;
  /** Open an empty vehicle only when no used route can take the unit (vehicle minimisation). */
  newRouteLast: boolean;
  /** Never open an empty vehicle (vehicle minimisation puts stops back into the others only). */
  noNewRoute?: boolean;
}

const MAX_VERIFY = 8;

/**
 * Granular insertion: with more than minRoutes routes, try the routes through one of the k
 * nearest stops first (the cheapest place is nearly always there).
 */
export const GRANULAR = { k: 30, minRoutes: 8 };

export class Inserter {
  private readonly a: Seg;
  private readonly b: Seg;
  private readonly cands: Cand[] = [];
  /** How many candidates to keep: several when the segment check must be confirmed exactly. */
  private readonly limit: number;
  private readonly typeStamp: Int32Array;
  private readonly routeStamp: Int32Array;
  private stampNo = 0;
  /** Used and empty routes, rebuilt when SolState.usedVersion moves. */
  private usedRoutes: Route[] = [];
  private emptyRoutes: Route[] = [];
  private seenVersion = -1;
  /** Longest route duration before this insertion (route balancing). */
  private longest = 0;

  constructor(private readonly sol: SolState) {
    const K = sol.ctx.K;
    this.a = new Seg(K);
    this.b = new Seg(K);
    this.limit = sol.ctx.exact.some(Boolean) ? MAX_VERIFY : 1;
    this.typeStamp = new Int32Array(sol.ctx.P.vehicles.length);
    this.routeStamp = new Int32Array(sol.ctx.P.vehicles.length);
  }

  /** Inserts unit u at its cheapest feasible place; false when it fits nowhere. */
  insert(u: number, opts: InsertOptions): boolean {
    const { sol } = this;
    const ctx = sol.ctx;
    const tasks = ctx.P.units[u]!.tasks;
    this.refreshRoutes();
    const U = ctx.P.units.length;
    const empties: Route[] = [];
    this.cands.length = 0;
    this.longest = 0;
    if (ctx.P.balance > 0) for (const r of this.usedRoutes) this.longest = Math.max(this.longest, r.duration);
    // Only where the segment check is exact: an optimistic candidate nearby could still fail later.
    if (GRANULAR.k > 0 && this.limit === 1 && this.usedRoutes.length > GRANULAR.minRoutes) {
      // Routes through a near neighbour first; the others only when none of those can take it.
      const mark = ++this.stampNo;
      for (const t of tasks) {
        const nb = ctx.neighbors[t]!;
        for (let q = 0; q < nb.length && q < GRANULAR.k; q++) {
          const w = sol.where[nb[q]!]!;
          if (w >= 0) this.routeStamp[w] = mark;
        }
      }
      for (const r of this.usedRoutes)
        if (this.routeStamp[r.v] === mark && ctx.canServe[r.v * U + u]) this.scan(r, tasks, opts.blink);
      if (!this.cands.length)
        for (const r of this.usedRoutes)
          if (this.routeStamp[r.v] !== mark && ctx.canServe[r.v * U + u]) this.scan(r, tasks, opts.blink);
    } else {
      for (const r of this.usedRoutes) if (ctx.canServe[r.v * U + u]) this.scan(r, tasks, opts.blink);
    }
    for (const r of this.emptyRoutes) {
      if (!ctx.canServe[r.v * U + u]) continue;
      empties.push(r);
      if (!(opts.newRouteLast || opts.noNewRoute)) this.scan(r, tasks, opts.blink);
    }
    if (this.commitBest(u)) return true;
    if (!opts.newRouteLast || !empties.length || opts.noNewRoute) return false;
    this.cands.length = 0;
    for (const r of empties) this.scan(r, tasks, 0);
    return this.commitBest(u);
  }

  private refreshRoutes(): void {
    const { sol } = this;
    if (this.seenVersion === sol.usedVersion) return;
    this.seenVersion = sol.usedVersion;
    this.usedRoutes = sol.routes.filter((r) => r.used);
    // One empty vehicle per type is enough: the others would give the same answer.
    const stamp = ++this.stampNo;
    this.emptyRoutes = [];
    for (const r of sol.routes) {
      if (r.used) continue;
      const type = this.sol.ctx.typeId[r.v]!;
      if (this.typeStamp[type] === stamp) continue;
      this.typeStamp[type] = stamp;
      this.emptyRoutes.push(r);
    }
  }

  private scan(r: Route, tasks: number[], blink: number): void {
    if (!this.loadFits(r, tasks)) return;
    if (tasks.length === 1) this.scanSingle(r, tasks[0]!, blink);
    else this.scanPair(r, tasks[0]!, tasks[1]!, blink);
  }

  /** Necessary load test for the whole route: the load leaving the depot and the load coming back. */
  private loadFits(r: Route, tasks: number[]): boolean {
    const ctx = this.sol.ctx;
    const K = ctx.K;
    if (K === 0) return true;
    const full = r.pref[r.tasks.length]!;
    const cap = ctx.segCap[r.v]!;
    const u = ctx.P.tasks[tasks[0]!]!.unit * K;
    for (let k = 0; k < K; k++) {
      const del = full.del[k]! + ctx.unitDel[u + k]!;
      if (del > cap[k]! + EPS || del + full.net[k]! + ctx.unitNet[u + k]! > cap[k]! + EPS) return false;
    }
    return true;
  }

  private baseCost(r: Route): number {
    const ctx = this.sol.ctx;
    return r.used ? r.arcCost : -ctx.P.vehicles[r.v]!.fixedCost;
  }

  private scanSingle(r: Route, t: number, blink: number): void {
    const ctx = this.sol.ctx;
    const m = ctx.mats[r.v]!;
    const ts = ctx.taskSeg[t]!;
    const base = this.baseCost(r);
    const rng = ctx.rng;
    const L = r.tasks.length;
    const P = ctx.P;
    const veh = P.vehicles[r.v]!;
    const n = m.n;
    const tl = P.tasks[t]!.loc;
    const fixed = L === 0 ? veh.fixedCost : 0;
    const cap = ctx.segCap[r.v]!;
    for (let i = r.locked; i <= L; i++) {
      if (blink > 0 && rng.next() < blink) continue;
      // Arc-cost delta first: most positions are already beaten and need no feasibility check.
      const prev = i === 0 ? veh.start : P.tasks[r.tasks[i - 1]!]!.loc;
      const next = i === L ? veh.end : P.tasks[r.tasks[i]!]!.loc;
      const approx = m.cost[prev * n + tl]! + m.cost[tl * n + next]! - m.cost[prev * n + next]! + fixed;
      if (approx >= this.threshold()) continue;
      // Cheap time test before the full concatenation: reach t by its window end, leave in time for the rest.
      const pre = r.pref[i]!;
      const arrive = pre.e + pre.d - pre.tw + m.dur[prev * n + tl]!;
      if (arrive > ts.l + EPS) break;
      const suf = r.suf[i]!;
      if (Math.max(arrive, ts.e) + ts.d + m.dur[tl * n + next]! > suf.l + EPS) continue;
      // concat(concat(pre, ts), suf) and ctx.feasible, in scalars (same arithmetic, no writes).
      const t1 = m.dur[prev * n + tl]!;
      const delta1 = pre.d - pre.tw + t1;
      const dWT1 = Math.max(ts.e - delta1 - pre.l, 0);
      const tw1 = pre.tw + ts.tw + Math.max(pre.e + delta1 - ts.l, 0);
      // Once the prefix plus the new stop is late, every later position is too.
      if (tw1 > EPS) break;
      const e1 = Math.max(ts.e - delta1, pre.e) - dWT1;
      const l1 = Math.min(ts.l - delta1, pre.l) + Math.max(pre.e + delta1 - ts.l, 0);
      const d1 = pre.d + ts.d + t1 + dWT1;
      const t2 = m.dur[tl * n + next]!;
      const delta2 = d1 - tw1 + t2;
      if (tw1 + suf.tw + Math.max(e1 + delta2 - suf.l, 0) > EPS) continue;
      const d = d1 + suf.d + t2 + Math.max(suf.e - delta2 - l1, 0);
      if (d > veh.maxDuration + EPS) continue;
      if (veh.maxDistance < Infinity) {
        const dist = pre.dist + ts.dist + m.dist[prev * n + tl]! + suf.dist + m.dist[tl * n + next]!;
        if (dist > veh.maxDistance + EPS) continue;
      }
      if (!this.capacityFits(pre, ts, suf, cap)) continue;
      const cost = pre.cost + ts.cost + m.cost[prev * n + tl]! + suf.cost + m.cost[tl * n + next]!;
      this.offer(r, i, -1, cost - base + this.balanceCost(d));
    }
  }

  /** Load of pre + ts + suf within cap in every dimension (as ctx.feasible on the concatenation). */
  private capacityFits(pre: Seg, ts: Seg, suf: Seg, cap: Float64Array): boolean {
    const K = pre.del.length;
    for (let k = 0; k < K; k++) {
      const pn = pre.net[k]!;
      const mx = Math.max(Math.max(pre.mx[k]!, pn + ts.mx[k]!), pn + ts.net[k]! + suf.mx[k]!);
      if (pre.del[k]! + ts.del[k]! + suf.del[k]! + mx > cap[k]! + EPS) return false;
    }
    return true;
  }

  private scanPair(r: Route, p: number, d: number, blink: number): void {
    const ctx = this.sol.ctx;
    const m = ctx.mats[r.v]!;
    const base = this.baseCost(r);
    const L = r.tasks.length;
    for (let i = r.locked; i <= L; i++) {
      if (blink > 0 && ctx.rng.next() < blink) continue;
      const mid = concat(this.b, r.pref[i]!, ctx.taskSeg[p]!, m);
      if (mid.tw > EPS) break;
      for (let j = i; j <= L; j++) {
        if (j > i) {
          concat(mid, mid, ctx.taskSeg[r.tasks[j - 1]!]!, m);
          if (mid.tw > EPS) break;
        }
        concat(this.a, mid, ctx.taskSeg[d]!, m);
        concat(this.a, this.a, r.suf[j]!, m);
        if (ctx.feasible(this.a, r.v)) this.offer(r, i, j, this.a.cost - base + this.balanceCost(this.a.d));
      }
    }
  }

  /** With balancing on, lengthening the longest route costs its weight per second. */
  private balanceCost(duration: number): number {
    const w = this.sol.ctx.P.balance;
    return w > 0 ? w * Math.max(0, duration - this.longest) : 0;
  }

  private threshold(): number {
    return this.cands.length < this.limit ? Infinity : this.cands[this.limit - 1]!.delta;
  }

  private offer(r: Route, i: number, j: number, delta: number): void {
    const c = this.cands;
    const limit = this.limit;
    if (c.length === limit && delta >= c[limit - 1]!.delta) return;
    const cand = { r, i, j, delta };
    if (c.length < limit) c.push(cand);
    else c[limit - 1] = cand;
    for (let k = c.length - 1; k > 0 && c[k - 1]!.delta > c[k]!.delta; k--) {
      const t = c[k]!;
      c[k] = c[k - 1]!;
      c[k - 1] = t;
    }
  }

  private commitBest(u: number): boolean {
    const { sol } = this;
    const ctx = sol.ctx;
    const tasks = ctx.P.units[u]!.tasks;
    // Candidates from several routes: compare true costs when the segment cost is only a bound.
    let best: { r: Route; seq: number[]; delta: number } | null = null;
    for (const c of this.cands) {
      const seq = build(c.r.tasks, tasks, c.i, c.j);
      if (!ctx.exact[c.r.v]) {
        if (!best || c.delta < best.delta) best = { r: c.r, seq, delta: c.delta };
        continue;
      }
      if (best && c.delta >= best.delta) continue;
      const cost = ctx.exactCost(c.r.v, seq);
      if (cost === Infinity) continue;
      const delta = cost - c.r.cost;
      if (!best || delta < best.delta) best = { r: c.r, seq, delta };
    }
    if (!best) return false;
    sol.setRoute(best.r, best.seq);
    sol.unassigned.delete(u);
    return true;
  }
}

function build(route: number[], tasks: number[], i: number, j: number): number[] {
  if (tasks.length === 1) return [...route.slice(0, i), tasks[0]!, ...route.slice(i)];
  return [...route.slice(0, i), tasks[0]!, ...route.slice(i, j), tasks[1]!, ...route.slice(j)];
}
