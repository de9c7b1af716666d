/**
 * Fleet's mutators on the server: the shared rules (`shared/domain/fleet/geofence-rules`) over a
 * `GeofenceStore` on PostgreSQL. Geofences and alert rules are `entities` rows; deleting a
 * geofence deletes the rules on it, as the workstation's foreign key does.
 */
import type { AlertRule, Geofence } from '@shared/contract';
import * as rules from '@shared/domain/fleet/geofence-rules';
import type { EntityStore } from '../sync/entity-store';
import type { MutationContext, ServerMutators } from './types';

export function pgGeofenceStore(s: EntityStore): rules.GeofenceStore {
  return {
    getGeofence: (id) => s.get<Geofence>('geofence', id),
    putGeofence: (g) => s.put('geofence', g.id, { ...g }),
    async deleteGeofence(id) {
      if (!(await s.get('geofence', id))) return false;
      const { rows } = await s.query<{ id: string }>(
        `SELECT id FROM entities WHERE tenant_id = current_tenant() AND entity = 'alertRule' AND data IS NOT NULL
           AND data ->> 'geofenceId' = $1`,
        [id],
      );
      for (const r of rows) await s.remove('alertRule', r.id);
      await s.remove('geofence', id);
      return true;
    },
    getRule: (id) => s.get<AlertRule>('alertRule', id),
    putRule: (r: AlertRule) => s.put('alertRule', r.id, { ...r }),
    async deleteRule(id) {
      if (!(await s.get('alertRule', id))) return false;
      await s.remove('alertRule', id);
      return true;
    },
    vehicleExists: async (id) => (await s.get('vehicle', id)) !== undefined,
  };
}

const env = (m: MutationContext) => ({ now: m.now });

export const fleetMutators = {
  'fleet.saveGeofence': (m, args) => rules.saveGeofence(pgGeofenceStore(m.store), env(m), args),
  'fleet.deleteGeofence': (m, args) => rules.deleteGeofence(pgGeofenceStore(m.store), env(m), args),
  'fleet.saveRule': (m, args) => rules.saveRule(pgGeofenceStore(m.store), env(m), args),
  'fleet.deleteRule': (m, args) => rules.deleteRule(pgGeofenceStore(m.store), env(m), args),
} satisfies Partial<ServerMutators>;
