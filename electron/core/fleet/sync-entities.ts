/**
 * Fleet's synced rows in wire form: geofences and alert rules, as the sync server stores them.
 * Trackers, positions, alerts raised and everything else fleet keeps stay on the workstation
 * for now (see docs/architecture.md, Sync).
 */
import type { Queryable } from '../db/connection';
import { field, jsonEntity } from '../sync/json-entity';
import type { EntityAdapter } from '../sync/types';
import { toGeofence, toRule, type GeofenceRow, type RuleRow } from './store/alerts-repo';

export function fleetEntities(siteId: string, now: () => number): EntityAdapter[] {
  const params = () => ({ $now: now() });
  const site = { site_id: `'${siteId.replace(/'/g, "''")}'` };
  return [
    jsonEntity({
      entity: 'geofence',
      table: 'fleet_geofences',
      columns: {
        name: field('name'),
        shape: `json(json_extract(s.data, '$.shape'))`,
        color: field('color'),
        created_at: field('createdAt'),
        updated_at: field('updatedAt'),
      },
      insertOnly: site,
      select: 'SELECT * FROM fleet_geofences',
      toWire: (r: GeofenceRow) => ({ ...toGeofence(r) }),
    }),
    jsonEntity({
      entity: 'alertRule',
      table: 'fleet_rules',
      columns: {
        name: field('name'),
        kind: field('kind'),
        geofence_id: field('geofenceId'),
        speed_limit_kmh: field('speedLimitKmh'),
        minutes: field('minutes'),
        vehicle_ids: `coalesce(json(json_extract(s.data, '$.vehicleIds')), '[]')`,
        active: field('active'),
        updated_at: '$now',
      },
      insertOnly: { ...site, created_at: '$now' },
      params,
      select: 'SELECT * FROM fleet_rules',
      toWire: (r: RuleRow) => ({ ...toRule(r) }),
    }),
  ];
}

/**
 * After a rebase: fleet's rows of vehicles and drivers the register no longer has (a workstation
 * joining a tenant drops its own register; a vehicle made offline and refused by the server goes).
 * A tracker is unlinked and keeps its positions; an assignment loses a driver that went; the
 * history kept per vehicle (assignments, meter readings, service items and records, fuel) goes
 * with its vehicle, as these rows do not sync yet and cannot point at a vehicle that is not there.
 */
export async function dropOrphanedVehicleRows(tx: Queryable): Promise<void> {
  const gone = (col: string) => `${col} NOT IN (SELECT id FROM route_vehicles)`;
  await tx.run(
    `UPDATE fleet_trackers SET vehicle_id = NULL WHERE vehicle_id IS NOT NULL AND ${gone('vehicle_id')}`,
  );
  await tx.run(
    'UPDATE fleet_driver_assignments SET driver_id = NULL WHERE driver_id IS NOT NULL AND driver_id NOT IN (SELECT id FROM route_drivers)',
  );
  for (const table of [
    'fleet_driver_assignments',
    'fleet_meter_readings',
    'fleet_service_records',
    'fleet_service_items',
    'fleet_fuel_entries',
  ])
    await tx.run(`DELETE FROM ${table} WHERE ${gone('vehicle_id')}`);
}
