import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { AppError, type SessionStatus, type SessionUser } from '@shared/contract';
import type { DomainModule, ModuleDeps } from '../domain-module';
import type { CallContext } from '../router';
import { badgeHash, hashPin, verifyPin } from './credentials';
import {
  getUser,
  listUsers,
  readSession,
  toLocalUser,
  userByBadge,
  writeSession,
  type SessionRow,
  type UserRow,
} from './users-repo';

/** Wrong PINs in a row before the user's PIN is blocked for `PIN_BLOCK_MS` (a badge still works). */
export const MAX_WRONG_PINS = 5;
export const PIN_BLOCK_MS = 60_000;
const IDLE_CHECK_MS = 1000;

export interface WorkstationModule {
  module: DomainModule;
  /** The caller identity of this workstation's own UI: the signed-in user, locked or not. */
  contextFor(base: CallContext): CallContext;
  readonly name: string;
}

/**
 * `session.*` and `users.*`: who is signed in at this workstation and whether it is locked.
 * The router enforces both on every command (`CallContext.role`, `.locked`); the UI only hides.
 */
export interface WorkstationOptions {
  /** This workstation's name; defaults to the host name. */
  name?: string;
  /** Runs a command through the router (a badge scanned on a serial scanner signs in through it). */
  dispatch?(name: 'session.signIn', input: { badge: string }): Promise<unknown>;
}

export function createWorkstationModule(deps: ModuleDeps, options: WorkstationOptions = {}): WorkstationModule {
  const { db, events, now } = deps;
  const name = options.name ?? safeHostname();
  let users: UserRow[] = [];
  let session: SessionRow = { user_id: null, locked: 0, idle_lock_seconds: 300 };
  let lastActivity = now();
  let timer: ReturnType<typeof setInterval> | undefined;
  let unsubscribe: (() => void) | undefined;

  const refresh = async () => {
    [users, session] = await Promise.all([listUsers(db), readSession(db)]);
  };
  const lockable = () => users.some((u) => u.pin_hash !== null || u.badge_hash !== null);
  /** The signed-in user; on an open workstation (nobody has a PIN or badge) the first admin. */
  const currentUser = (): UserRow | undefined =>
    users.find((u) => u.id === session.user_id) ?? (lockable() ? undefined : users.find((u) => u.role === 'admin'));
  const idleExpired = () =>
    session.idle_lock_seconds > 0 && now() - lastActivity > session.idle_lock_seconds * 1000;
  const isLocked = () => lockable() && (session.locked === 1 || currentUser() === undefined || idleExpired());

  const status = (): SessionStatus => {
    const u = currentUser();
    return {
      user: u ? sessionUser(u) : null,
      locked: isLocked(),
      lockable: lockable(),
      idleLockSeconds: session.idle_lock_seconds,
      workstation: name,
      users: users.map((r) => ({ id: r.id, name: r.name, role: r.role, hasPin: r.pin_hash !== null, hasBadge: r.badge_hash !== null })),
    };
  };
  const announce = () => events.emit('session.changed', status());

  /** Persists an idle lock as soon as it is noticed, so a restart does not unlock. */
  const checkIdle = async () => {
    if (lockable() && session.locked === 0 && idleExpired()) {
      await db.write((tx) => writeSession(tx, { locked: true }));
      await refresh();
      deps.logger.info('workstation locked after idle', { seconds: session.idle_lock_seconds });
      announce();
    }
  };

  const signInAs = async (user: UserRow): Promise<SessionStatus> => {
    await db.write(async (tx) => {
      await tx.run('UPDATE local_users SET failed_pins = 0, pin_blocked_until = NULL WHERE id = ?', [user.id]);
      await writeSession(tx, { userId: user.id, locked: false, at: now() });
    });
    lastActivity = now();
    await refresh();
    announce();
    return status();
  };

  const wrongPin = async (user: UserRow): Promise<never> => {
    const failed = user.failed_pins + 1;
    const blocked = failed >= MAX_WRONG_PINS;
    await db.write((tx) =>
      tx.run('UPDATE local_users SET failed_pins = ?, pin_blocked_until = ? WHERE id = ?', [
        blocked ? 0 : failed,
        blocked ? now() + PIN_BLOCK_MS : null,
        user.id,
      ]),
    );
    await refresh();
    throw blocked
      ? pinBlocked(user.name, PIN_BLOCK_MS)
      : new AppError('forbidden', `Wrong PIN for ${user.name}. ${MAX_WRONG_PINS - failed} tries left before it is blocked for a minute.`, {
          reason: 'pin_wrong',
          attemptsLeft: MAX_WRONG_PINS - failed,
        });
  };

  /** Refuses a change that would leave nobody able to administer or unlock this workstation. */
  const checkAdmins = (after: UserRow[]) => {
    if (!after.some((u) => u.role === 'admin'))
      throw new AppError('conflict', 'Keep at least one administrator on this workstation.', { reason: 'last_admin' });
    const anyCredential = after.some((u) => u.pin_hash !== null || u.badge_hash !== null);
    if (anyCredential && !after.some((u) => u.role === 'admin' && (u.pin_hash !== null || u.badge_hash !== null)))
      throw new AppError(
        'conflict',
        'Give an administrator a PIN or a badge first: once the workstation can lock, an administrator must be able to sign in.',
        { reason: 'admin_without_credentials' },
      );
  };

  const handlers: DomainModule['handlers'] = {
    'session.status': async () => {
      await checkIdle();
      return status();
    },
    'session.signIn': async (input) => {
      if ('badge' in input) {
        const user = await userByBadge(db, badgeHash(input.badge));
        if (!user)
          throw new AppError('not_found', 'This badge is not registered at this workstation. An administrator adds it under Settings → Users.', {
            reason: 'badge_unknown',
          });
        return signInAs(user);
      }
      const user = await getUser(db, input.userId);
      if (!user) throw new AppError('not_found', 'That user no longer exists here. Pick your name again.', { reason: 'user_unknown' });
      if (user.pin_blocked_until !== null && user.pin_blocked_until > now())
        throw pinBlocked(user.name, user.pin_blocked_until - now());
      if (user.pin_hash === null)
        throw new AppError('invalid_input', `${user.name} has no PIN: scan your badge, or ask an administrator to set a PIN.`, {
          reason: 'no_pin',
        });
      if (!(await verifyPin(input.pin, user.pin_hash))) return wrongPin(user);
      return signInAs(user);
    },
    'session.lock': async () => {
      if (!lockable())
        throw new AppError(
          'conflict',
          'Nobody here has a PIN or a badge yet, so the workstation cannot lock. Give the administrator a PIN under Settings → Users first.',
          { reason: 'not_lockable' },
        );
      await db.write((tx) => writeSession(tx, { locked: true }));
      await refresh();
      announce();
      return status();
    },
    'session.activity': async () => {
      lastActivity = now();
      return { ok: true };
    },
    'session.setIdleLock': async (input) => {
      await db.write((tx) => writeSession(tx, { idleLockSeconds: input.seconds }));
      lastActivity = now();
      await refresh();
      announce();
      return status();
    },
    'users.list': async () => (await listUsers(db)).map(toLocalUser),
    'users.save': async (input) => {
      const existing = input.id === undefined ? undefined : await getUser(db, input.id);
      if (input.id !== undefined && !existing)
        throw new AppError('not_found', 'That user was removed meanwhile. Refresh the list.', { reason: 'user_unknown' });
      const pinHash = input.pin === undefined ? (existing?.pin_hash ?? null) : input.pin === null ? null : await hashPin(input.pin);
      const badge = input.badge === undefined ? (existing?.badge_hash ?? null) : input.badge === null ? null : badgeHash(input.badge);
      if (badge !== null) {
        const holder = await userByBadge(db, badge);
        if (holder && holder.id !== existing?.id)
          throw new AppError('conflict', `This badge already belongs to ${holder.name}.`, { reason: 'badge_taken', userId: holder.id });
      }
      const id = existing?.id ?? randomUUID();
      const row: UserRow = {
        id,
        name: input.name,
        role: input.role,
        pin_hash: pinHash,
        badge_hash: badge,
        failed_pins: input.pin === undefined ? (existing?.failed_pins ?? 0) : 0,
        pin_blocked_until: input.pin === undefined ? (existing?.pin_blocked_until ?? null) : null,
        created_at: existing?.created_at ?? now(),
      };
      checkAdmins([...(await listUsers(db)).filter((u) => u.id !== id), row]);
      const acting = currentUser();
      await db.write(async (tx) => {
        await tx.run(
          `INSERT INTO local_users (id, name, role, pin_hash, badge_hash, failed_pins, pin_blocked_until, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role, pin_hash = excluded.pin_hash,
             badge_hash = excluded.badge_hash, failed_pins = excluded.failed_pins,
             pin_blocked_until = excluded.pin_blocked_until, updated_at = excluded.updated_at`,
          [id, row.name, row.role, row.pin_hash, row.badge_hash, row.failed_pins, row.pin_blocked_until, row.created_at, now()],
        );
        // The admin who makes an open workstation lockable stays signed in, not locked out at once.
        if (session.user_id === null && acting) await writeSession(tx, { userId: acting.id });
      });
      lastActivity = now();
      await refresh();
      announce();
      return toLocalUser(row);
    },
    'users.remove': async (input) => {
      const all = await listUsers(db);
      const user = all.find((u) => u.id === input.id);
      if (!user) throw new AppError('not_found', 'That user was already removed. Refresh the list.', { reason: 'user_unknown' });
      if (user.id === currentUser()?.id)
        throw new AppError('conflict', 'You cannot remove yourself while signed in. Ask another administrator.', { reason: 'self' });
      checkAdmins(all.filter((u) => u.id !== user.id));
      await db.write((tx) => tx.run('DELETE FROM local_users WHERE id = ?', [user.id]));
      await refresh();
      announce();
      return { id: user.id };
    },
  };

  return {
    name,
    contextFor(base) {
      const u = currentUser();
      const ctx: CallContext = u
        ? { ...base, actor: u.name, role: u.role, workstation: name }
        : { ...base, role: 'viewer', workstation: name };
      if (isLocked()) ctx.locked = true;
      return ctx;
    },
    module: {
      handlers,
      async start() {
        // A workstation that had nobody signed in (a removed user) starts as the first admin
        // while it is open, so the start is never a dead end.
        await refresh();
        if (!lockable() && session.user_id === null) {
          const admin = currentUser();
          if (admin) await db.write((tx) => writeSession(tx, { userId: admin.id }));
          await refresh();
        }
        lastActivity = now();
        timer = setInterval(() => {
          void checkIdle().catch((err: unknown) => deps.logger.warn('idle lock check failed', { error: String(err) }));
        }, IDLE_CHECK_MS);
        timer.unref();
        // A badge scanned on any scanner (serial, or a wedge scan no screen took) switches user.
        unsubscribe = events.subscribe((m) => {
          if (m.event !== 'devices.scan' || !options.dispatch) return;
          const raw = (m.payload as { raw?: unknown }).raw;
          if (typeof raw !== 'string' || raw.trim().length < 4 || raw.length > 128) return;
          void userByBadge(db, badgeHash(raw))
            .then((user) => (user ? options.dispatch?.('session.signIn', { badge: raw }) : undefined))
            .catch((err: unknown) => deps.logger.warn('badge sign-in from a scanner failed', { error: String(err) }));
        });
      },
      async close() {
        unsubscribe?.();
        clearInterval(timer);
      },
    },
  };
}

function sessionUser(u: UserRow): SessionUser {
  return { id: u.id, name: u.name, role: u.role };
}

function pinBlocked(userName: string, ms: number): AppError {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return new AppError('forbidden', `Too many wrong PINs for ${userName}: try again in ${seconds} s, or scan your badge.`, {
    reason: 'pin_blocked',
    retryAfterSeconds: seconds,
  });
}

function safeHostname(): string {
  try {
    return hostname() || 'workstation';
  } catch {
    return 'workstation';
  }
}
