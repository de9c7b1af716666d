/**
 * SISR ruin & recreate (Christiaens & Vanden Berghe 2020): remove strings of neighbouring stops
 * from a few nearby routes, then put them back one by one at their cheapest place with blinks.
 * Removing nearby strings "induces slack" in several routes at once, which is what lets a
 * plain cheapest insertion find better combinations.
 */
import type { SolState } from './route';
import { Inserter } from './insertion';

export interface RuinParams {
  /** Average number of removed stops. */
  cbar: number;
  /** Longest string removed from one route. */
  lmax: number;
}

/** Removes strings around a random seed stop; returns the removed units. */
export function ruin(sol: SolState, params: RuinParams): number[] {
  const ctx = sol.ctx;
  const rng = ctx.rng;
  const P = ctx.P;
  let assigned = 0;
  let used = 0;
  for (const r of sol.routes) {
    if (!r.used) continue;
    used++;
    assigned += r.tasks.length - r.locked;
  }
  if (!assigned) return [];
  const avg = assigned / Math.max(1, used);
  const lsMax = Math.min(params.lmax, avg);
  const ksMax = (4 * params.cbar) / (1 + lsMax) - 1;
  const ks = Math.floor(rng.next() * ksMax) + 1;
  // The k-th movable assigned stop, counting route by route (no list built per iteration).
  let k = rng.int(assigned);
  let seed = -1;
  for (const r of sol.routes) {
    const movable = r.tasks.length - r.locked;
    if (!r.used || movable <= 0) continue;
    if (k < movable) {
      seed = r.tasks[r.locked + k]!;
      break;
    }
    k -= movable;
  }
  const ruined = new Set<number>();
  const removedUnits = new Set<number>();
  const visit = [seed, ...ctx.neighbors[seed]!];
  for (const c of visit) {
    if (ruined.size >= ks) break;
    const ri = sol.where[c]!;
    if (ri < 0 || ruined.has(ri)) continue;
    const r = sol.routes[ri]!;
    const pos = r.tasks.indexOf(c);
    if (pos < r.locked) continue;
    const len = r.tasks.length - r.locked;
    const l = Math.floor(rng.next() * Math.min(len, lsMax)) + 1;
    let removeIdx: number[];
    if (l >= len || rng.next() < 0.5) {
      removeIdx = stringAround(r.locked, r.tasks.length, pos, l, rng.next());
    } else {
      // Split string: a longer string with a kept substring in the middle.
      let m = 1;
      while (l + m < len && rng.next() < 0.5) m++;
      const window = stringAround(r.locked, r.tasks.length, pos, l + m, rng.next());
      const keepAt = Math.floor(rng.next() * (l + 1));
      removeIdx = window.filter((_, k) => k < keepAt || k >= keepAt + m);
    }
    for (const k of removeIdx) {
      const u = P.tasks[r.tasks[k]!]!.unit;
      if (!ctx.pinned[u]) removedUnits.add(u);
    }
    ruined.add(ri);
  }
  removeUnits(sol, [...removedUnits]);
  return [...removedUnits];
}

function stringAround(lo: number, hi: number, pos: number, l: number, u: number): number[] {
  const first = Math.max(lo, pos - l + 1);
  const last = Math.min(pos, hi - l);
  const start = first + Math.floor(u * (last - first + 1));
  return Array.from({ length: l }, (_, k) => start + k);
}

/** Takes units (both halves of a shipment) out of their routes and marks them unassigned. */
export function removeUnits(sol: SolState, units: number[]): void {
  const P = sol.ctx.P;
  const drop = new Set<number>();
  const touched = new Set<number>();
  for (const u of units) {
    for (const t of P.units[u]!.tasks) {
      drop.add(t);
      const ri = sol.where[t]!;
      if (ri >= 0) touched.add(ri);
    }
    sol.unassigned.add(u);
  }
  for (const ri of touched) {
    const r = sol.routes[ri]!;
    sol.setRoute(
      r,
      r.tasks.filter((t) => !drop.has(t)),
    );
  }
}

/** One inserter per solution: it caches route lists between calls. */
const inserters = new WeakMap<SolState, Inserter>();

export type Order = 'random' | 'demand' | 'far' | 'close' | 'window';

/** Puts units back, largest/farthest/… first as SISR does; returns those that fit nowhere. */
export function recreate(
  sol: SolState,
  units: number[],
  blink: number,
  order?: Order,
  noNewRoute = false,
): number[] {
  const ctx = sol.ctx;
  const rng = ctx.rng;
  const P = ctx.P;
  const how: Order = order ?? pickOrder(rng.next());
  const depot = P.vehicles[0]?.start ?? 0;
  const m = ctx.mats[0];
  const key = (u: number): number => {
    const t = P.tasks[P.units[u]!.tasks[0]!]!;
    switch (how) {
      case 'demand':
        return -t.depotLoad.reduce((a, x) => a + x, 0) - t.net.reduce((a, x) => a + Math.abs(x), 0);
      case 'far':
        return m ? -m.cost[depot * m.n + t.loc]! : 0;
      case 'close':
        return m ? m.cost[depot * m.n + t.loc]! : 0;
      case 'window':
        return t.twEnd - t.twStart;
      default:
        return 0;
    }
  };
  const list = how === 'random' ? rng.shuffle([...units]) : [...units].sort((a, b) => key(a) - key(b));
  // Higher priority first, whatever the order: they are the ones that must not be crowded out.
  list.sort((a, b) => P.units[b]!.priority - P.units[a]!.priority);
  let ins = inserters.get(sol);
  if (!ins) inserters.set(sol, (ins = new Inserter(sol)));
  const failed: number[] = [];
  for (const u of list) {
    if (!ins.insert(u, { blink, newRouteLast: P.minimizeVehicles, noNewRoute })) failed.push(u);
  }
  return failed;
}

function pickOrder(u: number): Order {
  // Weights 4:4:2:1 from the SISR paper.
  if (u < 4 / 11) return 'random';
  if (u < 8 / 11) return 'demand';
  if (u < 10 / 11) return 'far';
  return 'close';
}
