/**
 * Why a unit cannot be served even alone: tried on every distinct kind of vehicle that could
 * take it, and the most telling failure is reported.
 */
import type { CompiledProblem } from '../compile';
import type { UnassignedReason } from '../model';
import type { Ctx } from './context';
import { schedule, type ScheduleFailure } from './schedule';

const RANK: UnassignedReason[] = [
  'skills',
  'capacity',
  'breaks',
  'max_distance',
  'max_duration',
  'time_window',
];

function toReason(f: ScheduleFailure): UnassignedReason {
  switch (f) {
    case 'capacity':
    case 'breaks':
    case 'max_distance':
    case 'max_duration':
    case 'skills':
      return f;
    default:
      return 'time_window';
  }
}

/** null when some vehicle can serve the unit on its own (after its locked stops). */
export function aloneReason(ctx: Ctx, u: number): UnassignedReason | null {
  const P: CompiledProblem = ctx.P;
  if (!P.vehicles.length) return 'no_vehicle';
  const tasks = P.units[u]!.tasks;
  const seen = new Set<string>();
  let best: UnassignedReason = 'skills';
  for (let v = 0; v < P.vehicles.length; v++) {
    const veh = P.vehicles[v]!;
    if (seen.has(veh.typeKey)) continue;
    seen.add(veh.typeKey);
    if (!ctx.canServe[v * P.units.length + u]) continue;
    const s = schedule(P, v, [...veh.locked, ...tasks]);
    if (s.ok) return null;
    const r = toReason(s.failure!);
    // Report the failure that got furthest: "time window" says more than "skills" once skills match.
    if (RANK.indexOf(r) > RANK.indexOf(best)) best = r;
  }
  return best;
}
