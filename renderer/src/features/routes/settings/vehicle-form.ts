import type { CommandInput, Vehicle, VehicleProfile } from '@shared/contract';
import { timeOfDay } from '../../../lib/format';
import { listText, numberText, parseAmounts, parseList, parseNumber } from './form-values';

/** What the vehicle dialog edits: text boxes as typed, times as `HH:MM`. */
export interface VehicleForm {
  name: string;
  plate: string;
  profile: VehicleProfile;
  capacity: Record<string, string>;
  skills: string;
  shiftStart: string;
  shiftEnd: string;
  hasBreak: boolean;
  breakFrom: string;
  breakTo: string;
  breakMin: string;
  maxDurationMin: string;
  maxDistanceKm: string;
  fixedCost: string;
  costPerKm: string;
  costPerHour: string;
  maxTrips: string;
  reloadMin: string;
  active: boolean;
  planning: boolean;
}

export function vehicleToForm(v: Vehicle | undefined, locale: string): VehicleForm {
  return {
    name: v?.name ?? '',
    plate: v?.plate ?? '',
    profile: v?.profile ?? 'van',
    capacity: Object.fromEntries(
      Object.entries(v?.capacity ?? {}).map(([k, n]) => [k, numberText(n, locale)]),
    ),
    skills: listText(v?.skills ?? []),
    shiftStart: timeOfDay(v?.shiftStart ?? 420),
    shiftEnd: timeOfDay(v?.shiftEnd ?? 1020),
    hasBreak: Boolean(v?.breakWindow),
    breakFrom: timeOfDay(v?.breakWindow?.from ?? 660),
    breakTo: timeOfDay(v?.breakWindow?.to ?? 780),
    breakMin: numberText(v ? v.breakMin : 30, locale),
    maxDurationMin: numberText(v?.maxDurationMin, locale),
    maxDistanceKm: numberText(v?.maxDistanceKm, locale),
    fixedCost: numberText(v?.fixedCost ?? 0, locale),
    costPerKm: numberText(v?.costPerKm ?? 0, locale),
    costPerHour: numberText(v?.costPerHour ?? 0, locale),
    maxTrips: numberText(v?.maxTrips ?? 1, locale),
    reloadMin: numberText(v?.reloadMin ?? 0, locale),
    active: v?.active ?? true,
    planning: v?.planning ?? true,
  };
}

type VehicleInput = CommandInput<'routes.createVehicle'>;

/**
 * The dialog's boxes → the create/update command input, or the field (command path) whose box
 * is not a number. Range checks are core's: it says what is wrong, next to the same field.
 */
export function vehicleFromForm(
  f: VehicleForm,
  dimensions: readonly string[],
  locale: string,
): { input: VehicleInput } | { badField: string } {
  const capacity = parseAmounts(f.capacity, dimensions, locale);
  if (capacity.bad) return { badField: `capacity.${capacity.bad}` };
  const required = ['fixedCost', 'costPerKm', 'costPerHour', 'maxTrips', 'reloadMin'] as const;
  const optional = ['maxDurationMin', 'maxDistanceKm'] as const;
  const numbers: Record<string, number | null> = {};
  for (const key of [...required, ...optional, 'breakMin' as const]) {
    const n = parseNumber(f[key], locale);
    const mayBeEmpty = (optional as readonly string[]).includes(key) || (key === 'breakMin' && !f.hasBreak);
    if (Number.isNaN(n) || (n === null && !mayBeEmpty)) return { badField: key };
    numbers[key] = n;
  }
  return {
    input: {
      name: f.name,
      plate: f.plate,
      profile: f.profile,
      capacity: capacity.amounts,
      skills: parseList(f.skills),
      shiftStart: f.shiftStart,
      shiftEnd: f.shiftEnd,
      breakWindow: f.hasBreak ? { from: f.breakFrom, to: f.breakTo } : null,
      breakMin: f.hasBreak ? numbers.breakMin! : 0,
      maxDurationMin: numbers.maxDurationMin,
      maxDistanceKm: numbers.maxDistanceKm,
      fixedCost: numbers.fixedCost!,
      costPerKm: numbers.costPerKm!,
      costPerHour: numbers.costPerHour!,
      maxTrips: numbers.maxTrips!,
      reloadMin: numbers.reloadMin!,
      active: f.active,
      planning: f.planning,
    },
  };
}
