/**
 * The dock's synced rows in wire form: doors, carriers and appointments, as the sync server
 * stores them. Everything else about a door (its device wiring) stays on the workstation.
 */
import type { Queryable, Readable } from '../db/connection';
import type { EntityAdapter, WireData } from '../sync/types';

function adapter(
  entity: string,
  table: string,
  select: string,
  toWire: (row: any) => WireData,
  upsert: (tx: Queryable, id: string, d: any) => Promise<unknown>,
): EntityAdapter {
  return {
    entity,
    table,
    key: (row) => `${row}.id`,
    async readAll(db: Readable) {
      const rows = await db.all<{ id: string }>(select);
      return new Map(rows.map((r) => [r.id, toWire(r)]));
    },
    async write(tx, id, data) {
      if (data === null) await tx.run(`DELETE FROM ${table} WHERE id = ?`, [id]);
      else await upsert(tx, id, data);
    },
  };
}

export function dockEntities(siteId: string, now: () => number): EntityAdapter[] {
  return [
    adapter(
      'door',
      'doors',
      'SELECT id, name, direction, equipment, opens_at, closes_at, active, sort_order FROM doors',
      (r) => ({
        id: r.id,
        name: r.name,
        direction: r.direction,
        equipment: JSON.parse(r.equipment),
        opensAt: r.opens_at,
        closesAt: r.closes_at,
        active: r.active === 1,
        sortOrder: r.sort_order,
      }),
      (tx, id, d) =>
        tx.run(
          `INSERT INTO doors (id, site_id, name, direction, equipment, opens_at, closes_at, active, sort_order, created_at, updated_at)
           VALUES ($id, $site, $name, $direction, $equipment, $opensAt, $closesAt, $active, $sortOrder, $now, $now)
           ON CONFLICT (id) DO UPDATE SET name = $name, direction = $direction, equipment = $equipment,
             opens_at = $opensAt, closes_at = $closesAt, active = $active, sort_order = $sortOrder, updated_at = $now`,
          {
            $id: id,
            $site: siteId,
            $name: d.name,
            $direction: d.direction,
            $equipment: JSON.stringify(d.equipment ?? []),
            $opensAt: d.opensAt,
            $closesAt: d.closesAt,
            $active: d.active ? 1 : 0,
            $sortOrder: d.sortOrder ?? 0,
            $now: now(),
          },
        ),
    ),
    adapter(
      'carrier',
      'carriers',
      'SELECT id, name FROM carriers',
      (r) => ({ id: r.id, name: r.name }),
      (tx, id, d) =>
        tx.run(
          'INSERT INTO carriers (id, name, created_at) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name',
          [id, d.name, now()],
        ),
    ),
    adapter(
      'appointment',
      'appointments',
      `SELECT id, door_id, carrier_id, reference, start_at, end_at, load_type, pallets, notes, status, cancel_reason
       FROM appointments`,
      (r) => ({
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
      (tx, id, d) =>
        tx.run(
          `INSERT INTO appointments (id, door_id, carrier_id, reference, start_at, end_at, load_type, pallets, notes, status,
             cancel_reason, created_at, updated_at)
           VALUES ($id, $doorId, $carrierId, $reference, $startAt, $endAt, $loadType, $pallets, $notes, $status, $cancelReason, $now, $now)
           ON CONFLICT (id) DO UPDATE SET door_id = $doorId, carrier_id = $carrierId, reference = $reference,
             start_at = $startAt, end_at = $endAt, load_type = $loadType, pallets = $pallets, notes = $notes,
             status = $status, cancel_reason = $cancelReason, updated_at = $now`,
          {
            $id: id,
            $doorId: d.doorId,
            $carrierId: d.carrierId,
            $reference: d.reference,
            $startAt: d.startAt,
            $endAt: d.endAt,
            $loadType: d.loadType,
            $pallets: d.pallets,
            $notes: d.notes ?? '',
            $status: d.status,
            $cancelReason: d.cancelReason ?? null,
            $now: now(),
          },
        ),
    ),
  ];
}
