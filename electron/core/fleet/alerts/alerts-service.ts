/** Geofences, alert rules and alerts: what people draw, set and acknowledge. */
import { randomUUID } from 'node:crypto';
import { type AlertRule, type FleetAlert, type Geofence, type ParsedInput } from '@shared/contract';
import type { SyncedArgs, SyncedMutatorName } from '@shared/contract/sync-mutators';
import * as rules from '@shared/domain/fleet/geofence-rules';
import type { Queryable } from '../../db/connection';
import type { CallContext } from '../../router';
import { change, type FleetContext } from '../context';
import * as repo from '../store/alerts-repo';
import type { TrackersService } from '../trackers-service';

type GeofenceMutatorName = Extract<SyncedMutatorName, `fleet.${string}`>;

export class AlertsService {
  constructor(
    private readonly c: FleetContext,
    private readonly trackers: TrackersService,
    /** Rules or geofences changed: the engine reloads them. */
    private readonly onRulesChanged: () => Promise<void>,
  ) {}

  geofences(): Promise<Geofence[]> {
    return repo.listGeofences(this.c.db, this.c.siteId);
  }

  rules(): Promise<AlertRule[]> {
    return repo.listRules(this.c.db, this.c.siteId);
  }

  async saveGeofence(input: ParsedInput<'fleet.saveGeofence'>, ctx: CallContext): Promise<Geofence> {
    // An edit records what it changes against what the planner saw (this workstation's copy).
    const current = input.id === undefined ? undefined : await repo.getGeofence(this.c.db, input.id);
    return this.run('fleet.saveGeofence', rules.geofenceArgs(input, current, randomUUID()), ctx, ['geofences']);
  }

  async deleteGeofence(id: string, ctx: CallContext): Promise<{ id: string }> {
    return this.run('fleet.deleteGeofence', { id }, ctx, ['geofences', 'rules']);
  }

  async saveRule(input: ParsedInput<'fleet.saveRule'>, ctx: CallContext): Promise<AlertRule> {
    const current = input.id === undefined ? undefined : await repo.getRule(this.c.db, input.id);
    return this.run('fleet.saveRule', rules.ruleArgs(input, current, randomUUID()), ctx, ['rules']);
  }

  async deleteRule(id: string, ctx: CallContext): Promise<{ id: string }> {
    return this.run('fleet.deleteRule', { id }, ctx, ['rules']);
  }

  /**
   * The geofence and rule mutators as sync replays them: the shared rules on this file, with the
   * recorded arguments, inside the caller's transaction, recording nothing.
   */
  readonly mutators: { [N in GeofenceMutatorName]: (tx: Queryable, args: SyncedArgs<N>) => Promise<unknown> } = {
    'fleet.saveGeofence': (tx, args) => rules.saveGeofence(this.store(tx), this.env(), args),
    'fleet.deleteGeofence': (tx, args) => rules.deleteGeofence(this.store(tx), this.env(), args),
    'fleet.saveRule': (tx, args) => rules.saveRule(this.store(tx), this.env(), args),
    'fleet.deleteRule': (tx, args) => rules.deleteRule(this.store(tx), this.env(), args),
  };

  private store(tx: Queryable): rules.GeofenceStore {
    const site = this.c.siteId;
    return {
      getGeofence: (id) => repo.getGeofence(tx, id),
      putGeofence: (g) => repo.saveGeofence(tx, site, g),
      deleteGeofence: async (id) => (await repo.deleteGeofence(tx, id)) > 0,
      getRule: (id) => repo.getRule(tx, id),
      putRule: (r, now) => repo.saveRule(tx, site, r, now),
      deleteRule: async (id) => (await repo.deleteRule(tx, id)) > 0,
      vehicleExists: async (id) => (await this.c.routing.vehicle(id, tx)) !== undefined,
    };
  }

  private env() {
    return { now: this.c.now() };
  }

  /** One planner's change: the shared rule and its outbox row in one transaction; the engine reloads. */
  private async run<N extends GeofenceMutatorName, T>(
    name: N,
    args: SyncedArgs<N>,
    ctx: CallContext,
    parts: string[],
  ): Promise<T> {
    const mutator = this.mutators[name] as (tx: Queryable, a: SyncedArgs<N>) => Promise<unknown>;
    const saved = await change(this.c, { name, args, ctx }, parts, (tx) => mutator(tx, args));
    await this.onRulesChanged();
    return saved as T;
  }

  async alerts(filter: ParsedInput<'fleet.listAlerts'>): Promise<FleetAlert[]> {
    const rows = await repo.listAlerts(this.c.db, filter);
    const names = await this.names();
    return rows.map((r) => names.describe(r, r.acknowledgedAt, r.acknowledgedBy));
  }

  async acknowledge(
    input: ParsedInput<'fleet.acknowledgeAlerts'>,
    ctx: CallContext,
  ): Promise<{ acknowledged: number }> {
    const args = { ids: [...new Set(input.ids)], at: input.at ?? this.c.now() };
    const acknowledged = await change(
      this.c,
      { name: 'fleet.acknowledgeAlerts', args, ctx },
      ['alerts'],
      (tx) => repo.acknowledge(tx, args.ids, args.at, ctx.actor),
    );
    return { acknowledged };
  }

  /** Vehicle and geofence names, to word stored alerts. */
  async names(): Promise<{
    describe(a: repo.StoredAlert, ackAt?: number | null, ackBy?: string | null): FleetAlert;
  }> {
    const [vehicles, fences] = await Promise.all([this.c.routing.vehicles(), this.geofences()]);
    const vehicleNames = new Map(vehicles.map((v) => [v.id, v.name]));
    const fenceNames = new Map(fences.map((g) => [g.id, g.name]));
    const trackerIds = new Map(this.trackers.all().map((t) => [t.key, t]));
    return {
      describe: (a, ackAt = null, ackBy = null) => {
        const t = trackerIds.get(a.tracker);
        return {
          id: a.id,
          kind: a.kind,
          ruleId: a.ruleId,
          vehicleId: a.vehicleId,
          trackerId: t?.id ?? '',
          name: (a.vehicleId && vehicleNames.get(a.vehicleId)) || t?.name || t?.uid || '',
          geofenceId: a.geofenceId,
          geofenceName: a.geofenceId ? (fenceNames.get(a.geofenceId) ?? null) : null,
          at: a.at,
          lat: a.lat,
          lon: a.lon,
          value: a.value,
          reference: a.reference,
          acknowledgedAt: ackAt,
          acknowledgedBy: ackBy,
        };
      },
    };
  }
}
