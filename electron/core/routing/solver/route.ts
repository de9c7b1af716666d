/**
 * A solution under search: one route per vehicle with prefix/suffix segments kept up to date,
 * where every task is, and which units are unassigned.
 */
import type { Ctx } from './context';
import { concat, Seg } from './segment';

export class Route {
  tasks: number[] = [];
  /** pref[i] = start depot + tasks[0..i-1]; suf[i] = tasks[i..] + end depot (i = 0..L). */
  pref: Seg[] = [];
  suf: Seg[] = [];
  cost = 0;
  duration = 0;
  /** Arc cost of the whole route from its segments (no fixed cost); 0 when empty. */
  arcCost = 0;
  /** Segments hold values for the current task list (false before the first update). */
  private valid = false;
  constructor(
    readonly v: number,
    /** Length of the locked prefix; nothing moves there. */
    readonly locked: number,
  ) {}

  get used(): boolean {
    return this.tasks.length > 0;
  }

  /** Recomputes segments; with the previous task list, only the part between the common head and tail. */
  update(ctx: Ctx, old?: number[]): void {
    const L = this.tasks.length;
    const m = ctx.mats[this.v]!;
    while (this.pref.length <= L) {
      this.pref.push(new Seg(ctx.K));
      this.suf.push(new Seg(ctx.K));
    }
    let head = 0;
    let tail = 0;
    if (old && this.valid) {
      const t = this.tasks;
      const oL = old.length;
      while (head < L && head < oL && t[head] === old[head]) head++;
      while (tail < L - head && tail < oL - head && t[L - 1 - tail] === old[oL - 1 - tail]) tail++;
      // Suffix segments of the common tail keep their values but move to new indices.
      const shift = L - oL;
      if (shift > 0) {
        for (let i = L; i >= L - tail; i--) swapSeg(this.suf, i, i - shift);
      } else if (shift < 0) {
        for (let i = L - tail; i <= L; i++) swapSeg(this.suf, i, i - shift);
      }
    } else {
      this.pref[0]!.copyFrom(ctx.startSeg[this.v]!);
      this.suf[L]!.copyFrom(ctx.endSeg[this.v]!);
    }
    this.valid = true;
    for (let i = head; i < L; i++) concat(this.pref[i + 1]!, this.pref[i]!, ctx.taskSeg[this.tasks[i]!]!, m);
    for (let i = L - tail - 1; i >= 0; i--)
      concat(this.suf[i]!, ctx.taskSeg[this.tasks[i]!]!, this.suf[i + 1]!, m);
    const full = concat(scratch(ctx.K), this.pref[L]!, ctx.endSeg[this.v]!, m);
    this.arcCost = L === 0 ? 0 : full.cost;
    if (L === 0) {
      this.cost = 0;
      this.duration = 0;
    } else if (ctx.exact[this.v]) {
      this.cost = ctx.exactCost(this.v, this.tasks);
      this.duration = full.d;
    } else {
      this.cost = full.cost + ctx.P.vehicles[this.v]!.fixedCost;
      this.duration = full.d;
    }
  }

  /** The whole route as one segment. */
  full(ctx: Ctx, out: Seg): Seg {
    return concat(out, this.pref[this.tasks.length]!, ctx.endSeg[this.v]!, ctx.mats[this.v]!);
  }
}

function swapSeg(a: Seg[], i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

let scratchSeg: Seg | null = null;
function scratch(K: number): Seg {
  if (!scratchSeg || scratchSeg.del.length !== K) scratchSeg = new Seg(K);
  return scratchSeg;
}

export interface Objective {
  /** Weighted unserved units: priority first, then count. */
  unserved: number;
  vehicles: number;
  cost: number;
}

export function unitWeight(priority: number): number {
  return 1 + priority * 1e6;
}

/** Negative when a is better. Vehicles count only when the problem asks to minimise them. */
export function compareObj(a: Objective, b: Objective, minimizeVehicles: boolean): number {
  if (a.unserved !== b.unserved) return a.unserved - b.unserved;
  if (minimizeVehicles && a.vehicles !== b.vehicles) return a.vehicles - b.vehicles;
  return a.cost - b.cost;
}

export class SolState {
  routes: Route[];
  /** Route index of each task, -1 when unassigned. */
  where: Int32Array;
  unassigned = new Set<number>();
  /** Bumped whenever a route becomes used or empty, so callers can cache the list of used routes. */
  usedVersion = 0;
  /** Original task lists of routes changed since beginJournal(), for a cheap rollback. */
  private journal: Map<number, number[]> | null = null;
  private savedUnassigned = new Set<number>();

  constructor(readonly ctx: Ctx) {
    const P = ctx.P;
    this.routes = P.vehicles.map((veh, v) => new Route(v, veh.locked.length));
    this.where = new Int32Array(P.tasks.length).fill(-1);
    P.units.forEach((_, u) => this.unassigned.add(u));
    for (const r of this.routes) {
      r.tasks = [...P.vehicles[r.v]!.locked];
      for (const t of r.tasks) {
        this.where[t] = r.v;
        this.unassigned.delete(P.tasks[t]!.unit);
      }
      r.update(ctx);
    }
  }

  setRoute(r: Route, tasks: number[]): void {
    if (this.journal && !this.journal.has(r.v)) this.journal.set(r.v, r.tasks);
    for (const t of r.tasks) if (this.where[t] === r.v) this.where[t] = -1;
    const old = r.tasks;
    if (old.length > 0 !== tasks.length > 0) this.usedVersion++;
    r.tasks = tasks;
    for (const t of tasks) this.where[t] = r.v;
    r.update(this.ctx, old);
  }

  beginJournal(): void {
    this.journal = new Map();
    this.savedUnassigned = new Set(this.unassigned);
  }

  commit(): void {
    this.journal = null;
  }

  /** Routes changed since beginJournal() (empty when no journal is open). */
  changedRoutes(): number[] {
    return this.journal ? [...this.journal.keys()] : [];
  }

  rollback(): void {
    const j = this.journal;
    this.journal = null;
    if (!j) return;
    for (const [v, tasks] of j) this.setRoute(this.routes[v]!, tasks);
    this.unassigned = this.savedUnassigned;
  }

  objective(): Objective {
    const P = this.ctx.P;
    let unserved = 0;
    for (const u of this.unassigned) unserved += unitWeight(P.units[u]!.priority);
    let vehicles = 0;
    let cost = 0;
    let longest = 0;
    for (const r of this.routes) {
      if (!r.used) continue;
      vehicles++;
      cost += r.cost;
      longest = Math.max(longest, r.duration);
    }
    return { unserved, vehicles, cost: cost + P.balance * longest };
  }

  snapshot(): number[][] {
    return this.routes.map((r) => [...r.tasks]);
  }

  restore(snap: number[][], unassigned: Set<number>): void {
    this.usedVersion++;
    this.where.fill(-1);
    this.routes.forEach((r, i) => {
      r.tasks = [...snap[i]!];
      for (const t of r.tasks) this.where[t] = r.v;
      r.update(this.ctx);
    });
    this.unassigned = new Set(unassigned);
  }
}
