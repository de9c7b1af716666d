/** Between core's evaluated Plan and the editable Draft the screen's edit model works on. */
import type { DraftRouteInput, Plan, PlanRoute, Vehicle } from '@shared/contract';
import type { Draft } from './plan-edit';

/**
 * Every vehicle of the day gets a row (an empty one can receive a dragged stop); routes of
 * vehicles no longer available stay too, so nothing planned disappears from view.
 */
export function draftOf(plan: Plan, vehicles: readonly Pick<Vehicle, 'id'>[]): Draft {
  const byVehicle = new Map(plan.routes.map((r) => [r.vehicleId, r]));
  const ids = [...vehicles.map((v) => v.id), ...plan.routes.map((r) => r.vehicleId)];
  const seen = new Set<string>();
  const routes = ids
    .filter((id) => !seen.has(id) && seen.add(id))
    .map((vehicleId) => {
      const r: PlanRoute | undefined = byVehicle.get(vehicleId);
      return {
        vehicleId,
        driverId: r?.driverId ?? null,
        locked: r?.locked ?? false,
        lockedStops: r?.lockedStops ?? 0,
        stops: (r?.stops ?? []).flatMap((s) => (s.orderId ? [s.orderId] : [])),
      };
    });
  return { routes, unassigned: plan.unassigned.map((u) => u.orderId) };
}

/** What core's updatePlan takes: every vehicle's route, empty ones too (they keep their driver). */
export function routeInputs(draft: Draft): DraftRouteInput[] {
  return draft.routes.map((r) => ({
    vehicleId: r.vehicleId,
    driverId: r.driverId,
    orderIds: r.stops,
    locked: r.locked,
    lockedStops: Math.min(r.lockedStops, r.stops.length),
  }));
}

/** Same routes, drivers and locks (the order of the unassigned list does not matter). */
export function sameRoutes(a: Draft, b: Draft): boolean {
  return JSON.stringify(routeInputs(a)) === JSON.stringify(routeInputs(b));
}
