/**
 * The dock's synced rows in wire form: doors, carriers and appointments, as the sync server
 * stores them. Everything else about a door (its device wiring) stays on the workstation.
 */
import { field, jsonEntity } from '../sync/json-entity';
import type { EntityAdapter } from '../sync/types';

export function dockEntities(siteId: string, now: () => number): EntityAdapter[] {
  const params = () => ({ $now: now() });
  return [
    jsonEntity({
      entity: 'door',
      table: 'doors',
      columns: {
        name: field('name'),
        direction: field('direction'),
        equipment: `coalesce(json_extract(s.data, '$.equipment'), '[]')`,
        opens_at: field('opensAt'),
        closes_at: field('closesAt'),
        active: field('active'),
        sort_order: `coalesce(${field('sortOrder')}, 0)`,
        updated_at: '$now',
      },
      insertOnly: { site_id: `'${siteId.replace(/'/g, "''")}'`, created_at: '$now' },
      params,
      select: 'SELECT id, name, direction, equipment, opens_at, closes_at, active, sort_order FROM doors',
      toWire: (r) => ({
        id: r.id,
        name: r.name,
        direction: r.direction,
        equipment: JSON.parse(r.equipment),
        opensAt: r.opens_at,
        closesAt: r.closes_at,
        active: r.active === 1,
        sortOrder: r.sort_order,
      }),
    }),
    jsonEntity({
      entity: 'carrier',
      table: 'carriers',
      columns: { name: field('name') },
      insertOnly: { created_at: '$now' },
      params,
      select: 'SELECT id, name FROM carriers',
      toWire: (r) => ({ id: r.id, name: r.name }),
    }),
    jsonEntity({
      entity: 'appointment',
      table: 'appointments',
      columns: {
        door_id: field('doorId'),
        carrier_id: field('carrierId'),
        reference: field('reference'),
        start_at: field('startAt'),
        end_at: field('endAt'),
        load_type: field('loadType'),
        pallets: field('pallets'),
        notes: `coalesce(${field('notes')}, '')`,
        status: field('status'),
        cancel_reason: field('cancelReason'),
        updated_at: '$now',
      },
      insertOnly: { created_at: '$now' },
      params,
      select: `SELECT id, door_id, carrier_id, reference, start_at, end_at, load_type, pallets, notes, status, cancel_reason
               FROM appointments`,
      toWire: (r) => ({
        id: r.id,
        doorId: r.door_id,
        carrierId: r.carrier_id,
        reference: r.reference,
        startAt: r.start_at,
        endAt: r.end_at,
        loadType: r.load_type,
        pallets: r.pallets,
        notes: r.notes,
        status: r.status,
        cancelReason: r.cancel_reason,
      }),
    }),
  ];
}
