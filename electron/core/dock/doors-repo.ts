import type { Queryable, Readable } from '../db/connection';
import type { Door, DoorDirection, DoorEquipment } from '@shared/contract';

export interface DoorRow {
  id: string;
  name: string;
  direction: DoorDirection;
  equipment: string;
  opens_at: number;
  closes_at: number;
  active: number;
}

export const DOOR_COLUMNS = 'id, name, direction, equipment, opens_at, closes_at, active';

export function toDoor(r: DoorRow): Door {
  return {
    id: r.id,
    name: r.name,
    direction: r.direction,
    equipment: JSON.parse(r.equipment) as DoorEquipment[],
    opensAt: r.opens_at,
    closesAt: r.closes_at,
    active: r.active === 1,
  };
}

export async function listDoors(db: Readable, siteId: string, includeInactive: boolean): Promise<Door[]> {
  const rows = await db.all<DoorRow>(
    `SELECT ${DOOR_COLUMNS} FROM doors WHERE site_id = ? AND (? OR active = 1) ORDER BY sort_order, name COLLATE NOCASE`,
    [siteId, includeInactive ? 1 : 0],
  );
  return rows.map(toDoor);
}

export async function getDoor(db: Readable, id: string): Promise<Door | undefined> {
  const row = await db.get<DoorRow>(`SELECT ${DOOR_COLUMNS} FROM doors WHERE id = ?`, [id]);
  return row && toDoor(row);
}

export async function findDoorByName(db: Readable, siteId: string, name: string): Promise<Door | undefined> {
  const row = await db.get<DoorRow>(
    `SELECT ${DOOR_COLUMNS} FROM doors WHERE site_id = ? AND name = ? COLLATE NOCASE`,
    [siteId, name],
  );
  return row && toDoor(row);
}

function rowParams(door: Door, now: number) {
  return {
    $id: door.id,
    $name: door.name,
    $direction: door.direction,
    $equipment: JSON.stringify(door.equipment),
    $opensAt: door.opensAt,
    $closesAt: door.closesAt,
    $active: door.active ? 1 : 0,
    $now: now,
  };
}

export async function insertDoor(db: Queryable, siteId: string, door: Door, now: number): Promise<void> {
  await db.run(
    `INSERT INTO doors (id, site_id, name, direction, equipment, opens_at, closes_at, active, sort_order, created_at, updated_at)
     VALUES ($id, $siteId, $name, $direction, $equipment, $opensAt, $closesAt, $active,
       (SELECT COALESCE(MAX(sort_order), 0) + 1 FROM doors WHERE site_id = $siteId), $now, $now)`,
    { ...rowParams(door, now), $siteId: siteId },
  );
}

export async function updateDoor(db: Queryable, door: Door, now: number): Promise<void> {
  await db.run(
    `UPDATE doors SET name = $name, direction = $direction, equipment = $equipment, opens_at = $opensAt,
       closes_at = $closesAt, active = $active, updated_at = $now
     WHERE id = $id`,
    rowParams(door, now),
  );
}
