import type { CommandInput, Vehicle, VehicleProfile } from '@shared/contract';
import { formatHhMm } from '@shared/domain/time';
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

export function vehicleToForm(v: Vehicle | undefined): VehicleForm {
  return {
    name: v?.name ?? '',
    plate: v?.plate ?? '',
    profile: v?.profile ?? 'van',
    capacity: Object.fromEntries(Object.entries(v?.capacity ?? {}).map(([k, n]) => [k, String(n)])),
    skills: listText(v?.skills ?? []),
    shiftStart: formatHhMm(v?.shiftStart ?? 420),
    shiftEnd: formatHhMm(v?.shiftEnd ?? 1020),
    hasBreak: Boolean(v?.breakWindow),
    breakFrom: formatHhMm(v?.breakWindow?.from ?? 660),
    breakTo: formatHhMm(v?.breakWindow?.to ?? 780),
    breakMin: numberText(v ? v.breakMin : 30),
    maxDurationMin: numberText(v?.maxDurationMin),
    maxDistanceKm: numberText(v?.maxDistanceKm),
    fixedCost: numberText(v?.fixedCost ?? 0),
    costPerKm: numberText(v?.costPerKm ?? 0),
    costPerHour: numberText(v?.costPerHour ?? 0),
    maxTrips: numberText(v?.maxTrips ?? 1),
    reloadMin: numberText(v?.reloadMin ?? 0),
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
): { input: VehicleInput } | { badField: string } {
  const capacity = parseAmounts(f.capacity, dimensions);
  if (capacity.bad) return { badField: `capacity.${capacity.bad}` };
  const required = ['fixedCost', 'costPerKm', 'costPerHour', 'maxTrips', 'reloadMin'] as const;
  const optional = ['maxDurationMin', 'maxDistanceKm'] as const;
  const numbers: Record<string, number | null> = {};
  for (const key of [...required, ...optional, 'breakMin' as const]) {
    const n = parseNumber(f[key]);
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
