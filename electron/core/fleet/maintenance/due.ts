/**
 * When a service item is next due, by whichever of distance, engine hours and date comes first,
 * and how close that is. "Soon" and "due" are shares of the interval left, so a 500 km check and a
 * 30,000 km service both warn in proportion.
 */
import type { DueState } from '@shared/contract';

export interface Interval {
  everyKm: number | null;
  everyHours: number | null;
  everyDays: number | null;
}

export interface LastDone {
  at: number | null;
  km: number | null;
  hours: number | null;
}

export interface Due {
  nextAt: number | null;
  nextKm: number | null;
  nextHours: number | null;
  state: DueState;
}

const SOON = 0.15;
const DUE = 0.05;
const DAY = 86_400_000;

export function dueOf(
  item: Interval,
  last: LastDone,
  now: { at: number; km: number | null; hours: number | null },
): Due {
  const next = (base: number | null, every: number | null) =>
    base === null || every === null ? null : base + every;
  const nextKm = next(last.km, item.everyKm);
  const nextHours = next(last.hours, item.everyHours);
  const nextAt = last.at === null || item.everyDays === null ? null : last.at + item.everyDays * DAY;
  // The share of each interval still left; the smallest decides.
  const left: number[] = [];
  if (nextKm !== null && now.km !== null) left.push((nextKm - now.km) / item.everyKm!);
  if (nextHours !== null && now.hours !== null) left.push((nextHours - now.hours) / item.everyHours!);
  if (nextAt !== null) left.push((nextAt - now.at) / (item.everyDays! * DAY));
  // Never done and no baseline: nothing to count from, so it is due now.
  if (left.length === 0) return { nextAt, nextKm, nextHours, state: 'due' };
  const least = Math.min(...left);
  const state: DueState = least <= 0 ? 'overdue' : least <= DUE ? 'due' : least <= SOON ? 'soon' : 'ok';
  return { nextAt, nextKm, nextHours, state };
}
