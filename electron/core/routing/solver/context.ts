/**
 * Everything the search modules share for one solve: the compiled problem, per-vehicle matrices,
 * one segment per stop and depot, skill compatibility and granular neighbour lists.
 */
import type { CompiledProblem } from '../compile';
import { EPS, schedule } from './schedule';
import { Seg, stopSeg, type Mats } from './segment';
import { Rng } from './rng';

export class Ctx {
  readonly K: number;
  readonly mats: Mats[];
  readonly taskSeg: Seg[];
  readonly startSeg: Seg[];
  readonly endSeg: Seg[];
  /** canServe[v * units + u]: the vehicle has every skill the unit needs. */
  readonly canServe: Uint8Array;
  /** Closest other tasks of each task, nearest first. */
  readonly neighbors: Int32Array[];
  /** Segment checks are optimistic for this vehicle: confirm with the scheduler. */
  readonly exact: boolean[];
  /** Capacity the segment check uses (multi-trip vehicles get their total over all trips). */
  readonly segCap: Float64Array[];
  rng: Rng;
  /** Small integer per distinct vehicle type (same typeKey). */
  readonly typeId: Int32Array;
  /** Per unit and dimension (u * K + k): loaded at the depot, and net change over all its stops. */
  readonly unitDel: Float64Array;
  readonly unitNet: Float64Array;
  /** Units with a locked stop: they stay where they are. */
  readonly pinned: Uint8Array;

  constructor(
    readonly P: CompiledProblem,
    seed: number,
    neighborCount = 40,
  ) {
    const K = (this.K = P.dims.length);
    this.rng = new Rng(seed);
    const n = P.n;
    this.mats = P.vehicles.map((v) => ({
      n,
      dur: P.dur[v.mat]!,
      dist: P.dist[v.mat]!,
      cost: P.cost[v.costMat]!,
    }));
    this.taskSeg = P.tasks.map((t) => stopSeg(K, t.loc, t.service, t.twStart, t.twEnd, t.depotLoad, t.net));
    const zero = new Array<number>(K).fill(0);
    this.startSeg = P.vehicles.map((v) => stopSeg(K, v.start, 0, v.shiftStart, v.shiftEnd, zero, zero));
    this.endSeg = P.vehicles.map((v) => stopSeg(K, v.end, 0, v.shiftStart, v.shiftEnd, zero, zero));
    this.exact = P.vehicles.map((v) => P.exactTasks || v.exact);
    this.segCap = P.vehicles.map((v) => Float64Array.from(v.capacity, (c) => c * v.maxTrips));
    const U = P.units.length;
    this.canServe = new Uint8Array(P.vehicles.length * U);
    P.vehicles.forEach((v, vi) =>
      P.units.forEach((u, ui) => {
        const ok = u.tasks.every((t) => P.tasks[t]!.skills.every((s) => v.skills.has(s)));
        this.canServe[vi * U + ui] = ok ? 1 : 0;
      }),
    );
    this.neighbors = this.buildNeighbors(neighborCount);
    const types = new Map<string, number>();
    this.typeId = Int32Array.from(P.vehicles, (v) => {
      if (!types.has(v.typeKey)) types.set(v.typeKey, types.size);
      return types.get(v.typeKey)!;
    });
    this.unitDel = new Float64Array(U * K);
    this.unitNet = new Float64Array(U * K);
    P.units.forEach((u, ui) => {
      for (const t of u.tasks)
        for (let k = 0; k < K; k++) {
          this.unitDel[ui * K + k]! += P.tasks[t]!.depotLoad[k]!;
          this.unitNet[ui * K + k]! += P.tasks[t]!.net[k]!;
        }
    });
    this.pinned = new Uint8Array(U);
    for (const v of P.vehicles) for (const t of v.locked) this.pinned[P.tasks[t]!.unit] = 1;
  }

  private buildNeighbors(count: number): Int32Array[] {
    const { P } = this;
    const T = P.tasks.length;
    const m = this.mats[0];
    const k = Math.min(count, T - 1);
    if (!m || k <= 0) return P.tasks.map(() => new Int32Array(0));
    const idx = Array.from({ length: T }, (_, i) => i);
    return P.tasks.map((a, i) => {
      // Symmetrised cost so that both "a before b" and "b before a" neighbourhoods are covered.
      const key = (j: number) => {
        const b = P.tasks[j]!;
        return m.cost[a.loc * m.n + b.loc]! + m.cost[b.loc * m.n + a.loc]!;
      };
      const cand = idx.filter((j) => j !== i).map((j) => [key(j), j] as const);
      cand.sort((x, y) => x[0] - y[0]);
      return Int32Array.from(cand.slice(0, k), (c) => c[1]);
    });
  }

  /** A fresh random stream for another independent run. */
  reseed(seed: number): void {
    this.rng = new Rng(seed);
  }

  servable(v: number, task: number): boolean {
    return this.canServe[v * this.P.units.length + this.P.tasks[task]!.unit] === 1;
  }

  /** Segment-level feasibility of a whole route (start depot … end depot). */
  feasible(s: Seg, v: number): boolean {
    if (s.tw > EPS) return false;
    const veh = this.P.vehicles[v]!;
    if (s.d > veh.maxDuration + EPS || s.dist > veh.maxDistance + EPS) return false;
    const cap = this.segCap[v]!;
    for (let k = 0; k < this.K; k++) if (s.del[k]! + s.mx[k]! > cap[k]! + EPS) return false;
    return true;
  }

  /** Exact cost of a route, or Infinity when infeasible. */
  exactCost(v: number, tasks: number[]): number {
    const s = schedule(this.P, v, tasks);
    return s.ok ? s.cost : Infinity;
  }
}
