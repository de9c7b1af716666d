/**
 * Where a dispatched route stands against its plan: stops reached (a circle round each stop),
 * and fresh arrival times for the rest — from where the vehicle is now, at the speed the plan
 * assumed for that leg, then the plan's own legs and service times. A stop predicted past its
 * window's end (or past its planned time plus a tolerance, without a window) is running late.
 */
import type { RouteStopLive } from '@shared/contract';
import { distanceM } from '@shared/domain/geo';
import type { DispatchedRoute } from '../../routing/port';

export interface Visit {
  arrivedAt: number | null;
  departedAt: number | null;
}

const FALLBACK_KMH = 40;

export function predictStops(
  route: DispatchedRoute,
  visits: ReadonlyMap<string, Visit>,
  position: { lat: number; lon: number } | null,
  now: number,
  opts: { roadFactor: number; lateToleranceMin: number },
): RouteStopLive[] {
  let clock = now;
  let here = position;
  return route.stops.map((s) => {
    const v = visits.get(s.orderId);
    const base = {
      orderId: s.orderId,
      reference: s.reference,
      customer: s.customer,
      lat: s.lat,
      lon: s.lon,
      plannedAt: s.arrivalAt,
      windowEnd: s.windowEnd,
      arrivedAt: v?.arrivedAt ?? null,
      departedAt: v?.departedAt ?? null,
    };
    if (v?.departedAt) return { ...base, etaAt: null, state: 'done' as const, late: false };
    let eta: number;
    if (v?.arrivedAt) {
      eta = v.arrivedAt;
      clock = Math.max(clock, v.arrivedAt + s.serviceMin * 60_000);
    } else {
      let driveMin = s.driveMin;
      if (here) {
        const kmh = s.driveMin > 0 && s.legKm > 0 ? (s.legKm / s.driveMin) * 60 : FALLBACK_KMH;
        driveMin = ((distanceM(here.lat, here.lon, s.lat, s.lon) / 1000) * opts.roadFactor * 60) / kmh;
        here = null;
      }
      eta = clock + driveMin * 60_000;
      clock = eta + s.serviceMin * 60_000;
    }
    const deadline = s.windowEnd ?? s.arrivalAt + opts.lateToleranceMin * 60_000;
    return {
      ...base,
      etaAt: eta,
      state: v?.arrivedAt ? ('arrived' as const) : ('pending' as const),
      late: !v?.arrivedAt && eta > deadline,
    };
  });
}
