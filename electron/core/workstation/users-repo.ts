import type { LocalUser, Role } from '@shared/contract';
import type { Queryable, Readable } from '../db/connection';

export interface UserRow {
  id: string;
  name: string;
  role: Role;
  pin_hash: string | null;
  badge_hash: string | null;
  failed_pins: number;
  pin_blocked_until: number | null;
  created_at: number;
}

export interface SessionRow {
  user_id: string | null;
  locked: 0 | 1;
  idle_lock_seconds: number;
}

const USER_COLUMNS = 'id, name, role, pin_hash, badge_hash, failed_pins, pin_blocked_until, created_at';

export function listUsers(db: Readable): Promise<UserRow[]> {
  return db.all<UserRow>(`SELECT ${USER_COLUMNS} FROM local_users ORDER BY name COLLATE NOCASE, id`);
}

export function getUser(db: Readable, id: string): Promise<UserRow | undefined> {
  return db.get<UserRow>(`SELECT ${USER_COLUMNS} FROM local_users WHERE id = ?`, [id]);
}

export function userByBadge(db: Readable, hash: string): Promise<UserRow | undefined> {
  return db.get<UserRow>(`SELECT ${USER_COLUMNS} FROM local_users WHERE badge_hash = ?`, [hash]);
}

export async function readSession(db: Readable): Promise<SessionRow> {
  const row = await db.get<SessionRow>('SELECT user_id, locked, idle_lock_seconds FROM workstation_session WHERE id = 1');
  return row ?? { user_id: null, locked: 0, idle_lock_seconds: 300 };
}

export async function writeSession(
  tx: Queryable,
  change: { userId?: string | null; locked?: boolean; idleLockSeconds?: number; at?: number },
): Promise<void> {
  await tx.run(
    `UPDATE workstation_session SET
       user_id = CASE WHEN ? THEN ? ELSE user_id END,
       locked = COALESCE(?, locked),
       idle_lock_seconds = COALESCE(?, idle_lock_seconds),
       signed_in_at = COALESCE(?, signed_in_at)
     WHERE id = 1`,
    [
      change.userId !== undefined ? 1 : 0,
      change.userId ?? null,
      change.locked === undefined ? null : change.locked ? 1 : 0,
      change.idleLockSeconds ?? null,
      change.at ?? null,
    ],
  );
}

export function toLocalUser(row: UserRow): LocalUser {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    hasPin: row.pin_hash !== null,
    hasBadge: row.badge_hash !== null,
    createdAt: row.created_at,
  };
}
