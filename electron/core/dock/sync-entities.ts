/**
 * The dock's synced rows in wire form: doors, carriers and appointments, as the sync server
 * stores them. Everything else about a door (its device wiring) stays on the workstation.
 */
import { field, jsonEntity } from '../sync/json-entity';
import { SELECT_APPOINTMENTS, SELECT_SERIES, toAppointment, toSeries, type AppointmentRow, type SeriesRow } from './appointments-repo';
import { DOOR_COLUMNS, toDoor, type DoorRow } from './doors-repo';
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
      select: `SELECT ${DOOR_COLUMNS}, sort_order FROM doors`,
      toWire: (r: DoorRow & { sort_order: number }) => ({ ...toDoor(r), sortOrder: r.sort_order }),
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
      entity: 'appointmentSeries',
      table: 'appointment_series',
      columns: {
        door_id: field('doorId'),
        carrier_id: field('carrierId'),
        reference: field('reference'),
        rrule: field('rrule'),
        anchor_date: field('anchorDate'),
        from_date: field('fromDate'),
        until_date: field('untilDate'),
        time: field('time'),
        duration_min: field('durationMin'),
        load_type: field('loadType'),
        pallets: field('pallets'),
        notes: `coalesce(${field('notes')}, '')`,
        status: field('status'),
        cancel_reason: field('cancelReason'),
        updated_at: '$now',
      },
      insertOnly: { created_at: '$now' },
      params,
      select: SELECT_SERIES,
      // Like an appointment, a series names its carrier by id only on the wire.
      toWire: (r: SeriesRow) => {
        const { carrierName: _name, ...wire } = toSeries(r);
        return wire;
      },
    }),
    jsonEntity({
      entity: 'appointment',
      table: 'appointments',
      columns: {
        door_id: field('doorId'),
        carrier_id: field('carrierId'),
        reference: field('reference'),
        // Rows stored before the server kept keys get SQLite's (ASCII) lower() as a fallback.
        reference_key: `coalesce(${field('referenceKey')}, lower(trim(${field('reference')})))`,
        start_at: field('startAt'),
        end_at: field('endAt'),
        load_type: field('loadType'),
        pallets: field('pallets'),
        notes: `coalesce(${field('notes')}, '')`,
        status: field('status'),
        cancel_reason: field('cancelReason'),
        series_id: field('seriesId'),
        occurrence_date: field('occurrenceDate'),
        detached: `coalesce(${field('detached')}, 0)`,
        timeline: field('timeline'),
        updated_at: '$now',
      },
      insertOnly: { created_at: '$now' },
      params,
      select: SELECT_APPOINTMENTS,
      // On the wire an appointment names its carrier by id only, and carries its reference key.
      toWire: (r: AppointmentRow) => {
        const { carrierName: _name, ...wire } = toAppointment(r);
        return { ...wire, referenceKey: r.reference_key };
      },
    }),
  ];
}
