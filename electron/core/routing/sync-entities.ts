/**
 * Route planning's synced rows in wire form: the vehicle and driver register, as the sync server
 * stores them (availability on a day is not part of them: absences stay on the workstation).
 */
import { field, jsonEntity } from '../sync/json-entity';
import type { EntityAdapter } from '../sync/types';
import { toDriver, toVehicle, VEHICLE_COLUMNS, type DriverRow, type VehicleRow } from './planning/fleet-repo';

/**
 * Names are unique per kind (ignoring case) on both sides, but a pull may carry a swap (one
 * vehicle takes the name another gave up in the same pull): the rows written are first given a
 * name nobody uses, so the unique index never sees a half-written state.
 */
function namesSetAside(a: EntityAdapter): EntityAdapter {
  return {
    ...a,
    async upsertFrom(tx, source) {
      await tx.run(`UPDATE ${a.table} SET name = char(1) || id WHERE id IN (SELECT id FROM (${source}))`);
      await a.upsertFrom(tx, source);
    },
  };
}

export function routingEntities(siteId: string, now: () => number): EntityAdapter[] {
  const params = () => ({ $now: now() });
  const insertOnly = { site_id: `'${siteId.replace(/'/g, "''")}'`, created_at: '$now' };
  const json = (name: string) => `json(json_extract(s.data, '$.${name}'))`;
  return [
    namesSetAside(
      jsonEntity({
        entity: 'vehicle',
        table: 'route_vehicles',
        columns: {
          name: field('name'),
          plate: field('plate'),
          profile: field('profile'),
          capacity: json('capacity'),
          skills: json('skills'),
          shift_start: field('shiftStart'),
          shift_end: field('shiftEnd'),
          break_from: field('breakWindow.from'),
          break_to: field('breakWindow.to'),
          break_min: field('breakMin'),
          max_duration_min: field('maxDurationMin'),
          max_distance_km: field('maxDistanceKm'),
          fixed_cost: field('fixedCost'),
          cost_per_km: field('costPerKm'),
          cost_per_hour: field('costPerHour'),
          max_trips: field('maxTrips'),
          reload_min: field('reloadMin'),
          active: field('active'),
          planning: field('planning'),
          updated_at: '$now',
        },
        insertOnly,
        params,
        select: `SELECT ${VEHICLE_COLUMNS}, 0 AS away FROM route_vehicles`,
        toWire: (r: VehicleRow) => {
          const { available: _a, ...v } = toVehicle(r);
          return v;
        },
      }),
    ),
    namesSetAside(
      jsonEntity({
        entity: 'driver',
        table: 'route_drivers',
        columns: {
          name: field('name'),
          phone: field('phone'),
          skills: json('skills'),
          active: field('active'),
          updated_at: '$now',
        },
        insertOnly,
        params,
        select: 'SELECT id, name, phone, skills, active, 0 AS away FROM route_drivers',
        toWire: (r: DriverRow) => {
          const { available: _a, ...d } = toDriver(r);
          return d;
        },
      }),
    ),
  ];
}
