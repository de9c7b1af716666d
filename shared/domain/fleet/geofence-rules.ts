/**
 * Geofences and alert rules: what may be saved and deleted. Each mutator runs inside one write
 * transaction on a `GeofenceStore`, with the arguments the workstation recorded in its outbox, so
 * the same code decides on the workstation (when the planner acts, and again when sync replays
 * pending changes over fresh server data) and on the sync server (which has the last word).
 */
import { AppError, type AlertRule, type Geofence } from '../../contract';
import type { SyncedArgs } from '../../contract/sync-mutators';

export interface GeofenceStore {
  getGeofence(id: string): Promise<Geofence | undefined>;
  putGeofence(g: Geofence): Promise<void>;
  /** Deletes the geofence and the rules on it (the alerts it raised stay as history); false if absent. */
  deleteGeofence(id: string): Promise<boolean>;
  ruleExists(id: string): Promise<boolean>;
  putRule(r: AlertRule, now: number): Promise<void>;
  deleteRule(id: string): Promise<boolean>;
  /**
   * Whether the register has this vehicle. Absent where the register is not kept (the sync
   * server: route planning's vehicles do not sync yet), so only the workstation checks it.
   */
  vehicleExists?(id: string): Promise<boolean>;
}

export interface FleetEnv {
  now: number;
}

const geofenceGone = () => new AppError('not_found', 'That geofence no longer exists. Refresh the list.');

/** The recorded arguments of a rule save: what the planner set, with only what its kind uses. */
export function ruleArgs(input: Omit<AlertRule, 'id'> & { id?: string }, newId: string): SyncedArgs<'fleet.saveRule'> {
  return {
    id: input.id ?? newId,
    isNew: input.id === undefined,
    name: input.name,
    kind: input.kind,
    // An offline rule is about the tracker, never a place.
    geofenceId: input.kind === 'offline' ? null : input.geofenceId,
    speedLimitKmh: input.kind === 'speeding' ? input.speedLimitKmh : null,
    minutes: input.kind === 'idle' || input.kind === 'offline' ? input.minutes : null,
    vehicleIds: [...new Set(input.vehicleIds)],
    active: input.active,
  };
}

export async function saveGeofence(
  s: GeofenceStore,
  env: FleetEnv,
  args: SyncedArgs<'fleet.saveGeofence'>,
): Promise<Geofence> {
  const existing = await s.getGeofence(args.id);
  if (!args.isNew && !existing) throw geofenceGone();
  if (args.isNew && existing)
    throw new AppError('conflict', 'A geofence with this id already exists.', { reason: 'id_taken' });
  const g: Geofence = {
    id: args.id,
    name: args.name,
    shape: args.shape,
    color: args.color,
    createdAt: existing?.createdAt ?? env.now,
    updatedAt: env.now,
  };
  await s.putGeofence(g);
  return g;
}

export async function deleteGeofence(
  s: GeofenceStore,
  _env: FleetEnv,
  args: SyncedArgs<'fleet.deleteGeofence'>,
): Promise<{ id: string }> {
  if (!(await s.deleteGeofence(args.id))) throw geofenceGone();
  return { id: args.id };
}

export async function saveRule(s: GeofenceStore, env: FleetEnv, args: SyncedArgs<'fleet.saveRule'>): Promise<AlertRule> {
  const exists = await s.ruleExists(args.id);
  if (!args.isNew && !exists) throw new AppError('not_found', 'That rule no longer exists. Refresh the list.');
  if (args.isNew && exists) throw new AppError('conflict', 'A rule with this id already exists.', { reason: 'id_taken' });
  const { isNew: _isNew, ...rule } = args;
  if (rule.geofenceId && !(await s.getGeofence(rule.geofenceId)))
    throw new AppError('not_found', 'That geofence no longer exists. Refresh the list.', { field: 'geofenceId' });
  if (s.vehicleExists)
    for (const v of rule.vehicleIds)
      if (!(await s.vehicleExists(v)))
        throw new AppError('not_found', 'A vehicle of the rule no longer exists. Refresh the list.', {
          field: 'vehicleIds',
        });
  await s.putRule(rule, env.now);
  return rule;
}

export async function deleteRule(
  s: GeofenceStore,
  _env: FleetEnv,
  args: SyncedArgs<'fleet.deleteRule'>,
): Promise<{ id: string }> {
  if (!(await s.deleteRule(args.id))) throw new AppError('not_found', 'That rule no longer exists. Refresh the list.');
  return { id: args.id };
}
