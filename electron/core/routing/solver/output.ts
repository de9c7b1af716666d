/** Writes the plan the caller sees: steps with times and loads, per-route and overall totals. */
import type { CompiledProblem } from '../compile';
import { UNASSIGNED_REASONS, type RouteOut, type Solution, type Step, type UnassignedReason } from '../model';
import { schedule } from './schedule';

export function buildSolution(
  P: CompiledProblem,
  routes: number[][],
  unassigned: { unit: number; reason: UnassignedReason }[],
): Solution {
  const K = P.dims.length;
  const out: RouteOut[] = [];
  routes.forEach((tasks, v) => {
    if (!tasks.length) return;
    const veh = P.vehicles[v]!;
    const s = schedule(P, v, tasks);
    if (!s.ok) throw new Error(`internal: route of vehicle ${veh.id} is not feasible (${s.failure})`);
    // Load on board when leaving each step: start with the first trip's deliveries.
    const tripLoads: number[][] = [];
    let cur = new Array<number>(K).fill(0);
    for (const it of s.items) {
      if (it.kind === 'reload') {
        tripLoads.push(cur);
        cur = new Array<number>(K).fill(0);
      } else if (it.kind === 'task') {
        const t = P.tasks[it.ref]!;
        for (let k = 0; k < K; k++) cur[k]! += t.depotLoad[k]!;
      }
    }
    tripLoads.push(cur);
    let trip = 0;
    let load = [...tripLoads[0]!];
    let inTransit = new Array<number>(K).fill(0);
    let dist = 0;
    const steps: Step[] = [];
    for (const it of s.items) {
      dist += it.travelDist;
      if (it.kind === 'reload') {
        trip++;
        load = inTransit.map((x, k) => x + tripLoads[trip]![k]!);
      } else if (it.kind === 'task') {
        const t = P.tasks[it.ref]!;
        load = load.map((x, k) => x + t.net[k]!);
        if (t.kind !== 'job') inTransit = inTransit.map((x, k) => x + t.net[k]!);
      }
      if ((it.kind === 'start' && !veh.hasStart) || (it.kind === 'end' && !veh.hasEnd)) continue;
      const step: Step = {
        type: it.kind === 'task' ? P.tasks[it.ref]!.kind : it.kind,
        location: it.loc,
        arrival: it.arrival,
        waiting: it.start - it.arrival,
        service: it.service,
        load: [...load],
        distance: dist,
      };
      if (it.kind === 'task') step.id = P.tasks[it.ref]!.id;
      if (it.kind === 'break') step.id = veh.breaks[it.ref]!.id;
      steps.push(step);
    }
    out.push({
      vehicle: veh.id,
      steps,
      cost: s.cost,
      distance: s.distance,
      duration: s.duration,
      travelTime: s.travel,
      waiting: s.waiting,
      service: s.service,
      trips: s.trips,
    });
  });
  const served = P.units.length - unassigned.length;
  const un = new Set(unassigned.map((x) => x.unit));
  const sum = (f: (r: RouteOut) => number) => out.reduce((a, r) => a + f(r), 0);
  return {
    routes: out,
    unassigned: unassigned.map(({ unit, reason }) => ({
      id: P.units[unit]!.id,
      type: P.units[unit]!.type,
      reason,
      message: UNASSIGNED_REASONS[reason],
    })),
    summary: {
      cost: sum((r) => r.cost),
      distance: sum((r) => r.distance),
      duration: sum((r) => r.duration),
      waiting: sum((r) => r.waiting),
      service: sum((r) => r.service),
      vehicles: out.length,
      served,
      unassigned: unassigned.length,
      priority: P.units.reduce((a, u, i) => a + (un.has(i) ? 0 : u.priority), 0),
    },
  };
}
