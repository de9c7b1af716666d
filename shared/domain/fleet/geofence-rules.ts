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
  getRule(id: string): Promise<AlertRule | undefined>;
  putRule(r: AlertRule, now: number): Promise<void>;
  deleteRule(id: string): Promise<boolean>;
  /**
   * Whether the register (route planning's vehicles, synced) has this vehicle.
   */
  vehicleExists(id: string): Promise<boolean>;
}

export interface FleetEnv {
  now: number;
}

const geofenceGone = () => new AppError('not_found', 'That geofence no longer exists. Refresh the list.');

type RuleFields = Omit<AlertRule, 'id'>;
type GeofenceFields = Pick<Geofence, 'name' | 'shape' | 'color'>;

/** Only what a rule's kind uses is kept, so a rule never carries a stale limit or place. */
export function normalRule<R extends RuleFields>(r: R): R {
  return {
    ...r,
    // An offline rule is about the tracker, never a place.
    geofenceId: r.kind === 'offline' ? null : r.geofenceId,
    speedLimitKmh: r.kind === 'speeding' ? r.speedLimitKmh : null,
    minutes: r.kind === 'idle' || r.kind === 'offline' ? r.minutes : null,
    vehicleIds: [...new Set(r.vehicleIds)],
  };
}

/** The fields of `next` that differ from `current` (all of them for a new record). */
function changedFields<T extends object>(next: T, current: T | undefined): Partial<T> {
  if (!current) return next;
  const out: Partial<T> = {};
  for (const k of Object.keys(next) as (keyof T)[])
    if (JSON.stringify(next[k]) !== JSON.stringify(current[k])) out[k] = next[k];
  return out;
}

/**
 * The recorded arguments of a geofence save: every field for a new one, for an edit only those
 * that differ from `current` (what the planner saw), so a concurrent edit of another field stays.
 */
export function geofenceArgs(
  input: GeofenceFields & { id?: string },
  current: Geofence | undefined,
  newId: string,
): SyncedArgs<'fleet.saveGeofence'> {
  const fields = { name: input.name, shape: input.shape, color: input.color };
  if (input.id === undefined) return { id: newId, isNew: true, ...fields };
  return { id: input.id, isNew: false, ...changedFields<GeofenceFields>(fields, current) };
}

/** The recorded arguments of a rule save, as `geofenceArgs`. */
export function ruleArgs(
  input: RuleFields & { id?: string },
  current: AlertRule | undefined,
  newId: string,
): SyncedArgs<'fleet.saveRule'> {
  const { id: _id, ...fields } = normalRule(input);
  if (input.id === undefined) return { id: newId, isNew: true, ...fields };
  const { id: _cid, ...before } = current ?? ({} as AlertRule);
  return { id: input.id, isNew: false, ...changedFields<RuleFields>(fields, current ? before : undefined) };
}

/** Fields of `args` that are set (an edit's), over `base`. */
function over<T extends object>(base: T, args: Partial<T>): T {
  const out = { ...base };
  for (const [k, v] of Object.entries(args)) if (v !== undefined && k in base) (out as Record<string, unknown>)[k] = v;
  return out;
}

const incomplete = (what: string) =>
  new AppError('invalid_input', `A new ${what} needs all its fields; make it again.`, { reason: 'incomplete' });

export async function saveGeofence(
  s: GeofenceStore,
  env: FleetEnv,
  args: SyncedArgs<'fleet.saveGeofence'>,
): Promise<Geofence> {
  const existing = await s.getGeofence(args.id);
  if (!args.isNew && !existing) throw geofenceGone();
  if (args.isNew && existing)
    throw new AppError('conflict', 'A geofence with this id already exists.', { reason: 'id_taken' });
  let fields: GeofenceFields;
  if (existing) fields = over<GeofenceFields>({ name: existing.name, shape: existing.shape, color: existing.color }, args);
  else if (args.name !== undefined && args.shape !== undefined && args.color !== undefined)
    fields = { name: args.name, shape: args.shape, color: args.color };
  else throw incomplete('geofence');
  const g: Geofence = { id: args.id, ...fields, createdAt: existing?.createdAt ?? env.now, updatedAt: env.now };
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
  const existing = await s.getRule(args.id);
  if (!args.isNew && !existing) throw new AppError('not_found', 'That rule no longer exists. Refresh the list.');
  if (args.isNew && existing) throw new AppError('conflict', 'A rule with this id already exists.', { reason: 'id_taken' });
  const { id: _id, isNew: _isNew, ...fields } = args;
  let merged: AlertRule;
  if (existing) merged = { ...over<RuleFields>(existing, fields), id: args.id };
  else {
    const { name, kind, geofenceId = null, speedLimitKmh = null, minutes = null, vehicleIds = [], active = true } = fields;
    if (name === undefined || kind === undefined) throw incomplete('rule');
    merged = { id: args.id, name, kind, geofenceId, speedLimitKmh, minutes, vehicleIds, active };
  }
  const rule = normalRule(merged);
  // Two edits merged field by field may leave a kind without what it needs.
  const need = (ok: boolean, field: string, message: string) => {
    if (!ok) throw new AppError('invalid_input', message, { field, reason: 'rule_needs' });
  };
  if (rule.kind === 'enter' || rule.kind === 'exit') need(rule.geofenceId !== null, 'geofenceId', 'Pick the geofence');
  if (rule.kind === 'speeding') need(rule.speedLimitKmh !== null, 'speedLimitKmh', 'Give the speed limit');
  if (rule.kind === 'idle' || rule.kind === 'offline') need(rule.minutes !== null, 'minutes', 'Give the number of minutes');
  if (rule.geofenceId && !(await s.getGeofence(rule.geofenceId)))
    throw new AppError('not_found', 'That geofence no longer exists. Refresh the list.', { field: 'geofenceId' });
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
