/** Vehicles, drivers, who is away which day, and the routing settings. */
import { randomUUID } from 'node:crypto';
import {
  AppError,
  type Driver,
  type ParsedInput,
  type RoutingSettings,
  type Vehicle,
} from '@shared/contract';
import { parseHhMm } from '@shared/domain/time';
import type { CallContext } from '../../router';
import { change, type PlanningContext } from './context';
import * as repo from './fleet-repo';
import { undeclaredDimensions } from './orders-service';
import { readSettings, urlProblem, writeSettings } from './settings';

type VehicleFields = Omit<ParsedInput<'routes.updateVehicle'>, 'id'>;

export class FleetService {
  constructor(private readonly c: PlanningContext) {}

  settings(): Promise<RoutingSettings> {
    return readSettings(this.c.db);
  }

  async updateSettings(
    input: ParsedInput<'routes.updateSettings'>,
    ctx: CallContext,
  ): Promise<RoutingSettings> {
    for (const key of ['tileUrl', 'osrmUrl'] as const) {
      const problem = input[key] === undefined ? null : urlProblem(key, input[key]!.trim());
      if (problem)
        throw new AppError('invalid_input', problem.message, { field: key, reason: problem.reason });
    }
    return change(this.c, { name: 'routes.updateSettings', args: input, ctx }, [], (tx) =>
      writeSettings(tx, input),
    );
  }

  listVehicles(date: string | undefined, includeInactive: boolean): Promise<Vehicle[]> {
    return repo.listVehicles(this.c.db, this.c.siteId, date ?? null, includeInactive);
  }

  async createVehicle(input: ParsedInput<'routes.createVehicle'>, ctx: CallContext): Promise<Vehicle> {
    const id = randomUUID();
    return change(this.c, { name: 'routes.createVehicle', args: { ...input, id }, ctx }, [], async (tx) => {
      const v = this.applyVehicle(blankVehicle(id), input, (await readSettings(tx)).dimensions);
      if (await repo.nameTaken(tx, 'route_vehicles', this.c.siteId, v.name, null))
        throw new AppError('conflict', `There is already a vehicle called ${v.name}.`, { field: 'name' });
      await repo.saveVehicle(tx, this.c.siteId, v, this.c.now());
      return v;
    });
  }

  async updateVehicle(input: ParsedInput<'routes.updateVehicle'>, ctx: CallContext): Promise<Vehicle> {
    return change(this.c, { name: 'routes.updateVehicle', args: input, ctx }, [], async (tx) => {
      const current = await repo.getVehicle(tx, input.id);
      if (!current) throw new AppError('not_found', 'That vehicle no longer exists. Refresh the list.');
      const v = this.applyVehicle(current, input, (await readSettings(tx)).dimensions);
      if (
        v.name.toLowerCase() !== current.name.toLowerCase() &&
        (await repo.nameTaken(tx, 'route_vehicles', this.c.siteId, v.name, v.id))
      )
        throw new AppError('conflict', `There is already a vehicle called ${v.name}.`, { field: 'name' });
      await repo.saveVehicle(tx, this.c.siteId, v, this.c.now());
      return v;
    });
  }

  private applyVehicle(base: Vehicle, input: VehicleFields, dimensions: string[]): Vehicle {
    const v: Vehicle = {
      ...base,
      ...stripUndefined({
        name: input.name,
        plate: input.plate,
        profile: input.profile,
        capacity: input.capacity,
        skills: input.skills && [...new Set(input.skills)],
        breakMin: input.breakMin,
        maxDurationMin: input.maxDurationMin,
        maxDistanceKm: input.maxDistanceKm,
        fixedCost: input.fixedCost,
        costPerKm: input.costPerKm,
        costPerHour: input.costPerHour,
        maxTrips: input.maxTrips,
        reloadMin: input.reloadMin,
        active: input.active,
        planning: input.planning,
      }),
    };
    if (input.shiftStart !== undefined) v.shiftStart = parseHhMm(input.shiftStart)!;
    if (input.shiftEnd !== undefined) v.shiftEnd = parseHhMm(input.shiftEnd)!;
    if (input.breakWindow !== undefined)
      v.breakWindow = input.breakWindow && {
        from: parseHhMm(input.breakWindow.from)!,
        to: parseHhMm(input.breakWindow.to)!,
      };
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
    const bad = undeclaredDimensions(v.capacity, dimensions);
    if (bad.length)
      throw new AppError(
        'invalid_input',
        `Capacity in undeclared dimension ${bad.join(', ')}; use ${dimensions.join(', ')}.`,
        { field: 'capacity', reason: 'undeclared_dimension', dimensions: bad, declared: dimensions },
      );
    // Read without a date (see updateVehicle), so no day absence applies.
    v.available = v.active && v.planning;
    return v;
  }

  listDrivers(date: string | undefined, includeInactive: boolean): Promise<Driver[]> {
    return repo.listDrivers(this.c.db, this.c.siteId, date ?? null, includeInactive);
  }

  async createDriver(input: ParsedInput<'routes.createDriver'>, ctx: CallContext): Promise<Driver> {
    const d: Driver = {
      id: randomUUID(),
      ...input,
      skills: [...new Set(input.skills)],
      available: input.active,
    };
    return change(this.c, { name: 'routes.createDriver', args: d, ctx }, [], async (tx) => {
      if (await repo.nameTaken(tx, 'route_drivers', this.c.siteId, d.name, null))
        throw new AppError('conflict', `There is already a driver called ${d.name}.`, { field: 'name' });
      await repo.saveDriver(tx, this.c.siteId, d, this.c.now());
      return d;
    });
  }

  async updateDriver(input: ParsedInput<'routes.updateDriver'>, ctx: CallContext): Promise<Driver> {
    return change(this.c, { name: 'routes.updateDriver', args: input, ctx }, [], async (tx) => {
      const current = await repo.getDriver(tx, input.id);
      if (!current) throw new AppError('not_found', 'That driver no longer exists. Refresh the list.');
      const d: Driver = {
        ...current,
        ...stripUndefined({ ...input, skills: input.skills && [...new Set(input.skills)] }),
      };
      d.available = d.active && current.available;
      if (
        d.name.toLowerCase() !== current.name.toLowerCase() &&
        (await repo.nameTaken(tx, 'route_drivers', this.c.siteId, d.name, d.id))
      )
        throw new AppError('conflict', `There is already a driver called ${d.name}.`, { field: 'name' });
      await repo.saveDriver(tx, this.c.siteId, d, this.c.now());
      return d;
    });
  }

  async setAvailability(
    input: ParsedInput<'routes.setAvailability'>,
    ctx: CallContext,
  ): Promise<Vehicle | Driver> {
    return change(this.c, { name: 'routes.setAvailability', args: input, ctx }, [input.date], async (tx) => {
      const found =
        input.kind === 'vehicle' ? await repo.getVehicle(tx, input.id) : await repo.getDriver(tx, input.id);
      if (!found) throw new AppError('not_found', `That ${input.kind} no longer exists. Refresh the list.`);
      await repo.setAbsence(tx, this.c.siteId, input.date, input.kind, input.id, !input.available);
      const after =
        input.kind === 'vehicle'
          ? await repo.getVehicle(tx, input.id, input.date)
          : await repo.getDriver(tx, input.id, input.date);
      return after!;
    });
  }
}

/** A new vehicle before its form is applied: a day shift, no costs, no limits, plannable. */
export function blankVehicle(id: string): Vehicle {
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
    available: true,
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
