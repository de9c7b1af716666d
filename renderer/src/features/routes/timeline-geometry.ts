/**
 * Where things sit on the per-vehicle timeline: the day's span rounded to whole hours in the
 * site's zone, hour ticks, and each route cut into driving, waiting, service and break pieces.
 */
import { minuteOfDay } from '@shared/domain/time';

const MIN = 60_000;
const HOUR = 60 * MIN;

/** One step of an evaluated route, times as epoch ms. */
export interface TimelineStep {
  kind: 'start' | 'stop' | 'break' | 'reload' | 'end';
  stopId?: string;
  arrival: number;
  waitingMs: number;
  serviceMs: number;
}

export type SegmentKind = 'drive' | 'wait' | 'service' | 'break' | 'reload';

export interface Segment {
  kind: SegmentKind;
  from: number;
  to: number;
  stopId?: string;
}

/** Driving from each departure to the next arrival, then any wait, then the work done there. */
export function segmentsOf(steps: readonly TimelineStep[]): Segment[] {
  const out: Segment[] = [];
  let departure: number | null = null;
  for (const s of steps) {
    if (departure !== null && s.arrival > departure)
      out.push({ kind: 'drive', from: departure, to: s.arrival });
    const begin = s.arrival + s.waitingMs;
    if (s.waitingMs > 0) out.push({ kind: 'wait', from: s.arrival, to: begin, stopId: s.stopId });
    if (s.serviceMs > 0 || s.kind === 'stop') {
      const kind: SegmentKind = s.kind === 'break' ? 'break' : s.kind === 'reload' ? 'reload' : 'service';
      if (s.kind !== 'start' && s.kind !== 'end')
        out.push({ kind, from: begin, to: begin + s.serviceMs, stopId: s.stopId });
    }
    departure = begin + s.serviceMs;
  }
  return out;
}

/** The start of the zone's hour that `ms` falls in (zones with half-hour offsets included). */
export function floorToZoneHour(ms: number, timeZone: string): number {
  const floorMinute = ms - (((ms % MIN) + MIN) % MIN);
  return floorMinute - (minuteOfDay(ms, timeZone) % 60) * MIN;
}

export interface Axis {
  from: number;
  to: number;
  pxPerMin: number;
  width: number;
  ticks: number[];
}

/**
 * An axis covering every instant given (route times, shift windows), widened to whole hours
 * with at least `minHours` shown, so an empty or one-stop day is still a readable scale.
 */
export function makeAxis(
  instants: readonly number[],
  timeZone: string,
  pxPerMin: number,
  fallback: { from: number; to: number },
  minHours = 4,
): Axis {
  const finite = instants.filter(Number.isFinite);
  const lo = finite.length ? Math.min(...finite) : fallback.from;
  const hi = finite.length ? Math.max(...finite) : fallback.to;
  const from = floorToZoneHour(lo, timeZone);
  let to = floorToZoneHour(hi, timeZone);
  if (to < hi) to += HOUR;
  if (to - from < minHours * HOUR) to = from + minHours * HOUR;
  const ticks: number[] = [];
  for (let t = from; t <= to; t += HOUR) ticks.push(t);
  return { from, to, pxPerMin, width: ((to - from) / MIN) * pxPerMin, ticks };
}

export function xOf(axis: Axis, ms: number): number {
  return ((ms - axis.from) / MIN) * axis.pxPerMin;
}

/** The insertion index for a drop at horizontal position `x` among a route's stop starts. */
export function dropIndex(stopXs: readonly number[], x: number): number {
  let i = 0;
  while (i < stopXs.length && stopXs[i]! < x) i++;
  return i;
}
