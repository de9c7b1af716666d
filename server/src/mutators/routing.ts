/**
 * Route planning's mutators on the server: the shared register rules
 * (`shared/domain/routing/register`) over a `RegisterStore` on PostgreSQL. Vehicles and drivers
 * are `entities` rows. The server keeps no load dimensions (they are each station's routing
 * settings), so it does not check a capacity's dimensions; the workstation that set it did.
 */
import * as register from '@shared/domain/routing/register';
import type { EntityStore } from '../sync/entity-store';
import type { ServerMutators } from './types';

export function pgRegisterStore(s: EntityStore): register.RegisterStore {
  return {
    getVehicle: (id) => s.get<register.StoredVehicle>('vehicle', id),
    putVehicle: (v) => s.put('vehicle', v.id, { ...v }),
    getDriver: (id) => s.get<register.StoredDriver>('driver', id),
    putDriver: (d) => s.put('driver', d.id, { ...d }),
    async nameTaken(kind, name, exceptId) {
      // lower() folds at least what the workstation's NOCASE index does, so a name the server
      // accepts can always be stored there.
      const { rows } = await s.query<{ id: string }>(
        `SELECT id FROM entities WHERE tenant_id = current_tenant() AND entity = $1 AND data IS NOT NULL
           AND lower(data ->> 'name') = lower($2) AND id <> $3 LIMIT 1`,
        [kind, name, exceptId],
      );
      return rows.length > 0;
    },
  };
}

export const routingMutators = {
  'routes.createVehicle': (m, args) => register.createVehicle(pgRegisterStore(m.store), args),
  'routes.updateVehicle': (m, args) => register.updateVehicle(pgRegisterStore(m.store), args),
  'routes.createDriver': (m, args) => register.createDriver(pgRegisterStore(m.store), args),
  'routes.updateDriver': (m, args) => register.updateDriver(pgRegisterStore(m.store), args),
} satisfies Partial<ServerMutators>;
