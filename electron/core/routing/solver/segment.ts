/**
 * Concatenation data for a sequence of stops (Vidal et al. 2013): duration, time warp, earliest and
 * latest start, plus load profile and arc sums. Joining two sequences is O(1), so any move that
 * re-links a few pieces of routes is checked for windows, capacity and limits in constant time.
 */

export class Seg {
  first = 0;
  last = 0;
  /** Minimal duration (travel + service + unavoidable waiting). */
  d = 0;
  /** Time warp: how much the sequence is late in total; 0 means feasible. */
  tw = 0;
  e = 0;
  l = 0;
  dist = 0;
  cost = 0;
  travel = 0;
  /** Per dimension: loaded at the depot for these stops, net change, max prefix of the net change. */
  del: Float64Array;
  net: Float64Array;
  mx: Float64Array;
  constructor(K: number) {
    this.del = new Float64Array(K);
    this.net = new Float64Array(K);
    this.mx = new Float64Array(K);
  }
  copyFrom(s: Seg): this {
    this.first = s.first;
    this.last = s.last;
    this.d = s.d;
    this.tw = s.tw;
    this.e = s.e;
    this.l = s.l;
    this.dist = s.dist;
    this.cost = s.cost;
    this.travel = s.travel;
    this.del.set(s.del);
    this.net.set(s.net);
    this.mx.set(s.mx);
    return this;
  }
}

/** Matrices of one vehicle, flattened n×n. */
export interface Mats {
  n: number;
  dur: Float64Array;
  dist: Float64Array;
  cost: Float64Array;
}

/** out = a + b; out may be a. */
export function concat(out: Seg, a: Seg, b: Seg, m: Mats): Seg {
  const arc = a.last * m.n + b.first;
  const t = m.dur[arc]!;
  const delta = a.d - a.tw + t;
  const dWT = Math.max(b.e - delta - a.l, 0);
  const dTW = Math.max(a.e + delta - b.l, 0);
  const e = Math.max(b.e - delta, a.e) - dWT;
  const l = Math.min(b.l - delta, a.l) + dTW;
  out.d = a.d + b.d + t + dWT;
  out.tw = a.tw + b.tw + dTW;
  out.e = e;
  out.l = l;
  out.dist = a.dist + b.dist + m.dist[arc]!;
  out.cost = a.cost + b.cost + m.cost[arc]!;
  out.travel = a.travel + b.travel + t;
  const K = a.del.length;
  for (let k = 0; k < K; k++) {
    const an = a.net[k]!;
    out.mx[k] = Math.max(a.mx[k]!, an + b.mx[k]!);
    out.del[k] = a.del[k]! + b.del[k]!;
    out.net[k] = an + b.net[k]!;
  }
  out.first = a.first;
  out.last = b.last;
  return out;
}

/** A single stop: service time and the hull of its windows (several windows are verified exactly). */
export function stopSeg(
  K: number,
  loc: number,
  service: number,
  e: number,
  l: number,
  depotLoad: number[],
  net: number[],
): Seg {
  const s = new Seg(K);
  s.first = s.last = loc;
  s.d = service;
  s.e = e;
  s.l = l;
  for (let k = 0; k < K; k++) {
    s.del[k] = depotLoad[k]!;
    s.net[k] = net[k]!;
    s.mx[k] = Math.max(0, net[k]!);
  }
  return s;
}
