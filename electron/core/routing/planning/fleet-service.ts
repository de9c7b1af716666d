/** Vehicles, drivers, who is away which day, and the routing settings. */
import { randomUUID } from 'node:crypto';
import {
  AppError,
  type Driver,
  type ParsedInput,
  type RoutingSettings,
  type Vehicle,
} from '@shared/contract';
import type { SyncedArgs } from '@shared/contract/sync-mutators';
import * as register from '@shared/domain/routing/register';
import type { Queryable } from '../../db/connection';
import type { CallContext } from '../../router';
import { change, type PlanningContext } from './context';
import * as repo from './fleet-repo';
import { readSettings, urlProblem, writeSettings } from './settings';

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
    return this.run('routes.createVehicle', { ...input, id: randomUUID() }, ctx, available);
  }

  async updateVehicle(input: ParsedInput<'routes.updateVehicle'>, ctx: CallContext): Promise<Vehicle> {
    // An edit records what it changes against what the planner saw (this workstation's copy).
    const args = register.vehicleEditArgs(input, await repo.getVehicle(this.c.db, input.id));
    return this.run('routes.updateVehicle', args, ctx, available);
  }

  listDrivers(date: string | undefined, includeInactive: boolean): Promise<Driver[]> {
    return repo.listDrivers(this.c.db, this.c.siteId, date ?? null, includeInactive);
  }

  async createDriver(input: ParsedInput<'routes.createDriver'>, ctx: CallContext): Promise<Driver> {
    return this.run(
      'routes.createDriver',
      { ...input, id: randomUUID() },
      ctx,
      (d: register.StoredDriver) => ({ ...d, available: d.active }),
    );
  }

  async updateDriver(input: ParsedInput<'routes.updateDriver'>, ctx: CallContext): Promise<Driver> {
    const args = register.driverEditArgs(input, await repo.getDriver(this.c.db, input.id));
    // Read without a date, so no day absence applies.
    return this.run('routes.updateDriver', args, ctx, (d: register.StoredDriver) => ({
      ...d,
      available: d.active,
    }));
  }

  /**
   * The register's mutators as sync replays them: the shared rules on this file, with the
   * recorded arguments, inside the caller's transaction, recording nothing.
   */
  readonly mutators: {
    [N in RegisterMutatorName]: (tx: Queryable, args: SyncedArgs<N>) => Promise<unknown>;
  } = {
    'routes.createVehicle': (tx, args) => register.createVehicle(this.store(tx), args),
    'routes.updateVehicle': (tx, args) => register.updateVehicle(this.store(tx), args),
    'routes.createDriver': (tx, args) => register.createDriver(this.store(tx), args),
    'routes.updateDriver': (tx, args) => register.updateDriver(this.store(tx), args),
  };

  private store(tx: Queryable): register.RegisterStore {
    const site = this.c.siteId;
    return {
      getVehicle: (id) => repo.getVehicle(tx, id),
      putVehicle: (v) => repo.saveVehicle(tx, site, v, this.c.now()),
      getDriver: (id) => repo.getDriver(tx, id),
      putDriver: (d) => repo.saveDriver(tx, site, d, this.c.now()),
      nameTaken: (kind, name, exceptId) =>
        repo.nameTaken(tx, kind === 'vehicle' ? 'route_vehicles' : 'route_drivers', site, name, exceptId),
      dimensions: async () => (await readSettings(tx)).dimensions,
    };
  }

  /** One planner's change: the shared rule and its outbox row in one transaction. */
  private async run<N extends RegisterMutatorName, S, T>(
    name: N,
    args: SyncedArgs<N>,
    ctx: CallContext,
    shown: (saved: S) => T,
  ): Promise<T> {
    const mutator = this.mutators[name] as (tx: Queryable, a: SyncedArgs<N>) => Promise<unknown>;
    // What the write returns is the answer (a retry after a crash is answered from it).
    return change(this.c, { name, args, ctx }, [], async (tx) => shown((await mutator(tx, args)) as S));
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

/** Read without a date (see updateVehicle), so no day absence applies. */
const available = (v: register.StoredVehicle): Vehicle => ({ ...v, available: v.active && v.planning });

type RegisterMutatorName =
  'routes.createVehicle' | 'routes.updateVehicle' | 'routes.createDriver' | 'routes.updateDriver';
