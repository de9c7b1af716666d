/** Geofences, alert rules and alerts: what people draw, set and acknowledge. */
import { randomUUID } from 'node:crypto';
import { AppError, type AlertRule, type FleetAlert, type Geofence, type ParsedInput } from '@shared/contract';
import type { CallContext } from '../../router';
import { change, type FleetContext } from '../context';
import * as repo from '../store/alerts-repo';
import type { TrackersService } from '../trackers-service';

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
    const id = input.id ?? randomUUID();
    const at = this.c.now();
    const saved = await change(
      this.c,
      { name: 'fleet.saveGeofence', args: { ...input, id }, ctx },
      ['geofences'],
      async (tx) => {
        const existing = await repo.geofenceExists(tx, id);
        if (input.id && !existing)
          throw new AppError('not_found', 'That geofence no longer exists. Refresh the list.');
        const g: Geofence = {
          id,
          name: input.name,
          shape: input.shape,
          color: input.color,
          createdAt: existing?.created_at ?? at,
          updatedAt: at,
        };
        await repo.saveGeofence(tx, this.c.siteId, g);
        return g;
      },
    );
    await this.onRulesChanged();
    return saved;
  }

  async deleteGeofence(id: string, ctx: CallContext): Promise<{ id: string }> {
    await change(
      this.c,
      { name: 'fleet.deleteGeofence', args: { id }, ctx },
      ['geofences', 'rules'],
      async (tx) => {
        if ((await repo.deleteGeofence(tx, id)) === 0)
          throw new AppError('not_found', 'That geofence no longer exists. Refresh the list.');
      },
    );
    await this.onRulesChanged();
    return { id };
  }

  async saveRule(input: ParsedInput<'fleet.saveRule'>, ctx: CallContext): Promise<AlertRule> {
    const rule: AlertRule = {
      id: input.id ?? randomUUID(),
      name: input.name,
      kind: input.kind,
      // Only what the kind uses is kept, so a rule never carries a stale limit.
      geofenceId: input.geofenceId,
      speedLimitKmh: input.kind === 'speeding' ? input.speedLimitKmh : null,
      minutes: input.kind === 'idle' || input.kind === 'offline' ? input.minutes : null,
      vehicleIds: [...new Set(input.vehicleIds)],
      active: input.active,
    };
    const saved = await change(this.c, { name: 'fleet.saveRule', args: rule, ctx }, ['rules'], async (tx) => {
      if (input.id && !(await repo.ruleExists(tx, rule.id)))
        throw new AppError('not_found', 'That rule no longer exists. Refresh the list.');
      if (rule.kind === 'offline') rule.geofenceId = null;
      if (rule.geofenceId && !(await repo.geofenceExists(tx, rule.geofenceId)))
        throw new AppError('not_found', 'That geofence no longer exists. Refresh the list.', {
          field: 'geofenceId',
        });
      for (const v of rule.vehicleIds)
        if (!(await this.c.routing.vehicle(v, tx)))
          throw new AppError('not_found', 'A vehicle of the rule no longer exists. Refresh the list.', {
            field: 'vehicleIds',
          });
      await repo.saveRule(tx, this.c.siteId, rule, this.c.now());
      return rule;
    });
    await this.onRulesChanged();
    return saved;
  }

  async deleteRule(id: string, ctx: CallContext): Promise<{ id: string }> {
    await change(this.c, { name: 'fleet.deleteRule', args: { id }, ctx }, ['rules'], async (tx) => {
      if ((await repo.deleteRule(tx, id)) === 0)
        throw new AppError('not_found', 'That rule no longer exists. Refresh the list.');
    });
    await this.onRulesChanged();
    return { id };
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
