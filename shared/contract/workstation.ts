import { z } from 'zod';
import { ADMINS, command, event, mutation, ROLES, whileLocked, type Role } from './define';

/**
 * Sign-in on a shared workstation: local users with a role, a PIN (kept as a scrypt hash) and/or
 * a badge barcode (kept as a SHA-256 hash); a quick switch by scanning a badge or entering a PIN;
 * a lock after the configured idle time. While locked, core refuses every command but the few
 * marked `whileLocked` (sign in, the lock screen's own status). See docs/architecture.md.
 */

export interface SessionUser {
  id: string;
  name: string;
  role: Role;
}

/** A local user as an administrator sees them (never the PIN or badge itself). */
export interface LocalUser extends SessionUser {
  hasPin: boolean;
  hasBadge: boolean;
  createdAt: number;
}

export interface SessionStatus {
  /** Who is signed in (also while locked: the last one). */
  user: SessionUser | null;
  locked: boolean;
  /**
   * The workstation can lock: some user has a PIN or a badge. Until then it runs open, signed in
   * as the local admin (a single-user, local-only install).
   */
  lockable: boolean;
  /** Lock after this many seconds without activity; 0 = never. */
  idleLockSeconds: number;
  /** This workstation's name (the audit trail's "where"). */
  workstation: string;
  /** Who can sign in here, for the lock screen's picker (names only). */
  users: { id: string; name: string; role: Role; hasPin: boolean; hasBadge: boolean }[];
}

const userId = z.string().trim().min(1).max(64);
const pin = z
  .string()
  .regex(/^\d{4,12}$/, 'A PIN is 4 to 12 digits')
  .meta({ reason: 'pin_format' });
const badge = z.string().trim().min(4, 'A badge code has at least 4 characters').max(128, 'A badge code is at most 128 characters');

export const IDLE_LOCK_MIN_SECONDS = 5;
export const IDLE_LOCK_MAX_SECONDS = 24 * 3600;

export const workstationCommands = {
  'session.status': whileLocked(command<SessionStatus>()(z.object({}), ROLES)),
  /** Signs a user in (or switches to them): by a badge scan, or by picking one's name and a PIN. */
  'session.signIn': whileLocked(
    mutation<SessionStatus>()(
      z.union([z.object({ badge }), z.object({ userId, pin: z.string().min(1, 'Enter your PIN').max(12, 'A PIN is 4 to 12 digits') })]),
      ROLES,
    ),
  ),
  /** Locks the workstation now (the "Switch user" button; the UI's idle timer). */
  'session.lock': whileLocked(mutation<SessionStatus>()(z.object({}), ROLES)),
  /**
   * The person at the screen is active (keys, pointer): resets the idle timer. Kept in memory
   * only, so it is not a mutation and is not audited.
   */
  'session.activity': command<{ ok: true }>()(z.object({}), ROLES),
  'session.setIdleLock': mutation<SessionStatus>()(
    z.object({
      seconds: z
        .number()
        .int()
        .refine((s) => s === 0 || (s >= IDLE_LOCK_MIN_SECONDS && s <= IDLE_LOCK_MAX_SECONDS), {
          message: `Use 0 (never) or ${IDLE_LOCK_MIN_SECONDS} seconds to 24 hours`,
          params: { reason: 'idle_range' },
        }),
    }),
    ADMINS,
  ),
  'users.list': command<LocalUser[]>()(z.object({}), ADMINS),
  /**
   * Creates (no id) or updates a local user. `pin` / `badge`: a new value sets it, `null` removes
   * it, absent keeps it.
   */
  'users.save': mutation<LocalUser>()(
    z.object({
      id: userId.optional(),
      name: z.string().trim().min(1, 'Enter a name').max(80, 'A name is at most 80 characters'),
      role: z.enum(ROLES),
      pin: pin.nullable().optional(),
      badge: badge.nullable().optional(),
    }),
    ADMINS,
  ),
  'users.remove': mutation<{ id: string }>()(z.object({ id: userId }), ADMINS),
};

export const workstationEvents = {
  /** Someone signed in, switched, the workstation locked, or the users changed. */
  'session.changed': event<SessionStatus>(),
};
