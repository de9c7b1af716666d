/** Shapes of core's Plan the screen draws from: timeline steps and vehicle rows. */
import type { PlanRoute, Vehicle } from '@shared/contract';
import { atMinuteOfDay } from '@shared/domain/time';
import type { TimelineStep } from './timeline-geometry';

const MIN = 60_000;

export function timelineSteps(route: PlanRoute): TimelineStep[] {
  return [
    { kind: 'start', arrival: route.departAt, waitingMs: 0, serviceMs: 0 },
    ...route.stops.map<TimelineStep>((s) => ({
      kind: s.kind === 'break' ? 'break' : s.kind === 'reload' ? 'reload' : 'stop',
      stopId: s.orderId,
      arrival: s.arrivalAt,
      waitingMs: s.waitMin * MIN,
      serviceMs: s.serviceMin * MIN,
    })),
    { kind: 'end', arrival: route.returnAt, waitingMs: 0, serviceMs: 0 },
  ];
}

export function shiftOf(v: Pick<Vehicle, 'shiftStart' | 'shiftEnd'>, date: string, timeZone: string) {
  return { from: atMinuteOfDay(date, v.shiftStart, timeZone), to: atMinuteOfDay(date, v.shiftEnd, timeZone) };
}
