/**
 * Route planning's vehicle and driver register: what may be created and changed. Each mutator runs
 * inside one write transaction on a `RegisterStore`, with the arguments the workstation recorded
 * in its outbox, so the same code decides on the workstation (when the planner acts, and again
 * when sync replays pending changes over fresh server data) and on the sync server.
 */
import { AppError, type Driver, type Vehicle } from '../../contract';
import type { SyncedArgs } from '../../contract/sync-mutators';
import { parseHhMm } from '../time';

/** A vehicle or driver as it is stored and synced: availability on a day is not part of it. */
export type StoredVehicle = Omit<Vehicle, 'available'>;
export type StoredDriver = Omit<Driver, 'available'>;

export interface RegisterStore {
  getVehicle(id: string): Promise<StoredVehicle | undefined>;
  putVehicle(v: StoredVehicle): Promise<void>;
  getDriver(id: string): Promise<StoredDriver | undefined>;
  putDriver(d: StoredDriver): Promise<void>;
  /** Whether another record of the kind has this name, ignoring case. */
  nameTaken(kind: 'vehicle' | 'driver', name: string, exceptId: string): Promise<boolean>;
  /**
   * The load dimensions the station declared. Absent where there are none (the sync server: they
   * are each station's routing settings), so only the workstation checks a capacity it is given.
   */
  dimensions?(): Promise<readonly string[]>;
}

/** Refuses amounts in dimensions the site has not declared (a typo would silently mean "no load"). */
export function undeclaredDimensions(
  amounts: Record<string, number>,
  dimensions: readonly string[],
): string[] {
  return Object.keys(amounts).filter((d) => !dimensions.includes(d));
}

/** A new vehicle before its form is applied: a day shift, no costs, no limits, plannable. */
export function blankVehicle(id: string): StoredVehicle {
  return {
    id,
    name: '',
    plate: '',
    profile: 'van',
    capacity: {},
    skills: [],
    shiftStart: 420,
    shiftEnd: 1020,
    breakWindow: null,
    breakMin: 0,
    maxDurationMin: null,
    maxDistanceKm: null,
    fixedCost: 0,
    costPerKm: 0,
    costPerHour: 0,
    maxTrips: 1,
    reloadMin: 0,
    active: true,
    planning: true,
  };
}

type VehicleArgs = Omit<SyncedArgs<'routes.updateVehicle'>, 'id'>;

/** The form's fields in stored units (times as minutes), only those given. */
function vehicleFields(input: VehicleArgs): Partial<StoredVehicle> {
  const out: Partial<StoredVehicle> = {};
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined) continue;
    if (k === 'shiftStart' || k === 'shiftEnd') out[k] = parseHhMm(v as string)!;
    else if (k === 'breakWindow') {
      const w = v as { from: string; to: string } | null;
      out.breakWindow = w && { from: parseHhMm(w.from)!, to: parseHhMm(w.to)! };
    } else if (k === 'skills') out.skills = [...new Set(v as string[])];
    else (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

/**
 * The recorded arguments of a vehicle edit: only the fields that differ from `current` (what the
 * planner saw), so a concurrent edit of another field on another workstation stays.
 */
export function vehicleEditArgs(
  input: SyncedArgs<'routes.updateVehicle'>,
  current: StoredVehicle | undefined,
): SyncedArgs<'routes.updateVehicle'> {
  if (!current) return input;
  const { id, ...rest } = input;
  const stored = vehicleFields(rest);
  const out: Record<string, unknown> = { id };
  for (const [k, v] of Object.entries(rest))
    if (
      v !== undefined &&
      JSON.stringify(stored[k as keyof StoredVehicle]) !== JSON.stringify(current[k as keyof StoredVehicle])
    )
      out[k] = v;
  return out as SyncedArgs<'routes.updateVehicle'>;
}

/** The recorded arguments of a driver edit, as `vehicleEditArgs`. */
export function driverEditArgs(
  input: SyncedArgs<'routes.updateDriver'>,
  current: StoredDriver | undefined,
): SyncedArgs<'routes.updateDriver'> {
  if (!current) return input;
  const out: Record<string, unknown> = { id: input.id };
  for (const [k, v] of Object.entries(input))
    if (
      k !== 'id' &&
      v !== undefined &&
      JSON.stringify(v) !== JSON.stringify(current[k as keyof StoredDriver])
    )
      out[k] = v;
  return out as SyncedArgs<'routes.updateDriver'>;
}

async function checkVehicle(s: RegisterStore, v: StoredVehicle, capacityGiven: boolean): Promise<void> {
  if (v.shiftStart >= v.shiftEnd)
    throw new AppError('invalid_input', 'The shift must end after it starts.', {
      field: 'shiftEnd',
      reason: 'shift_order',
    });
  if (v.breakWindow && v.breakWindow.to - v.breakWindow.from < v.breakMin)
    throw new AppError('invalid_input', `A ${v.breakMin}-minute break does not fit in its window.`, {
      field: 'breakWindow',
      reason: 'break_too_long',
      breakMin: v.breakMin,
    });
  // Only a capacity given now is checked: one synced from a station with other dimensions stays
  // (planning ignores dimensions this station has not declared), and editing its name still works.
  if (capacityGiven && s.dimensions) {
    const dimensions = await s.dimensions();
    const bad = undeclaredDimensions(v.capacity, dimensions);
    if (bad.length)
      throw new AppError(
        'invalid_input',
        `Capacity in undeclared dimension ${bad.join(', ')}; use ${dimensions.join(', ')}.`,
        {
          field: 'capacity',
          reason: 'undeclared_dimension',
          dimensions: bad,
          declared: [...dimensions],
        },
      );
  }
  if (await s.nameTaken('vehicle', v.name, v.id))
    throw new AppError('conflict', `There is already a vehicle called ${v.name}.`, {
      field: 'name',
      reason: 'name_taken',
    });
}

const vehicleGone = () => new AppError('not_found', 'That vehicle no longer exists. Refresh the list.');
const driverGone = () => new AppError('not_found', 'That driver no longer exists. Refresh the list.');
const idTaken = (what: string) =>
  new AppError('conflict', `A ${what} with this id already exists.`, { reason: 'id_taken' });

export async function createVehicle(
  s: RegisterStore,
  args: SyncedArgs<'routes.createVehicle'>,
): Promise<StoredVehicle> {
  if (await s.getVehicle(args.id)) throw idTaken('vehicle');
  const { id, ...fields } = args;
  const v = { ...blankVehicle(id), ...vehicleFields(fields) };
  await checkVehicle(s, v, true);
  await s.putVehicle(v);
  return v;
}

export async function updateVehicle(
  s: RegisterStore,
  args: SyncedArgs<'routes.updateVehicle'>,
): Promise<StoredVehicle> {
  const current = await s.getVehicle(args.id);
  if (!current) throw vehicleGone();
  const { id: _id, ...fields } = args;
  const v = { ...current, ...vehicleFields(fields) };
  await checkVehicle(s, v, fields.capacity !== undefined);
  await s.putVehicle(v);
  return v;
}

export async function createDriver(
  s: RegisterStore,
  args: SyncedArgs<'routes.createDriver'>,
): Promise<StoredDriver> {
  if (await s.getDriver(args.id)) throw idTaken('driver');
  const d: StoredDriver = {
    id: args.id,
    name: args.name,
    phone: args.phone,
    skills: [...new Set(args.skills)],
    active: args.active,
  };
  if (await s.nameTaken('driver', d.name, d.id))
    throw new AppError('conflict', `There is already a driver called ${d.name}.`, {
      field: 'name',
      reason: 'name_taken',
    });
  await s.putDriver(d);
  return d;
}

export async function updateDriver(
  s: RegisterStore,
  args: SyncedArgs<'routes.updateDriver'>,
): Promise<StoredDriver> {
  const current = await s.getDriver(args.id);
  if (!current) throw driverGone();
  const d: StoredDriver = {
    id: current.id,
    name: args.name ?? current.name,
    phone: args.phone ?? current.phone,
    skills: args.skills ? [...new Set(args.skills)] : current.skills,
    active: args.active ?? current.active,
  };
  if (await s.nameTaken('driver', d.name, d.id))
    throw new AppError('conflict', `There is already a driver called ${d.name}.`, {
      field: 'name',
      reason: 'name_taken',
    });
  await s.putDriver(d);
  return d;
}
