/**
 * Fleet's synced rows in wire form: geofences and alert rules, as the sync server stores them.
 * Trackers, positions, alerts raised and everything else fleet keeps stay on the workstation
 * for now (see docs/architecture.md, Sync).
 */
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
