/**
 * Tenants, users, sign-in sessions and registered workstations. Every lookup runs inside the
 * tenant's row-level-security scope: a token names its tenant, and its hash is then looked up
 * among that tenant's rows only.
 */
import { randomUUID } from 'node:crypto';
import { AppError, type LoginResponse, type Role, type SyncTenant, type SyncUser } from '@shared/contract';
import { inTenant, type Db, type Tx } from '../db/pool';
import { DUMMY_HASH, hashPassword, newToken, tokenHash, tokenTenant, verifyPassword } from './secrets';

export const SESSION_DAYS = 30;

export interface SessionAuth {
  tenantId: string;
  user: SyncUser;
  tokenHash: string;
}

export interface DeviceAuth {
  tenantId: string;
  clientId: string;
  timeZone: string;
}

const unauthenticated = (message: string) =>
  new AppError('forbidden', message, { reason: 'unauthenticated' });

interface TenantRow {
  id: string;
  slug: string;
  name: string;
  time_zone: string;
}

const toTenant = (r: TenantRow): SyncTenant => ({ id: r.id, slug: r.slug, name: r.name, timeZone: r.time_zone });

export async function createTenant(db: Db, t: { slug: string; name: string; timeZone: string }): Promise<SyncTenant> {
  const id = randomUUID();
  await inTenant(db, id, (tx) =>
    tx.query('INSERT INTO tenants (id, slug, name, time_zone) VALUES ($1, $2, $3, $4)', [id, t.slug, t.name, t.timeZone]),
  );
  return { id, ...t };
}

export async function findTenant(db: Db, slug: string): Promise<SyncTenant | undefined> {
  const { rows } = await db.query<TenantRow>('SELECT id, slug, name, time_zone FROM tenants WHERE slug = $1', [slug]);
  return rows[0] && toTenant(rows[0]);
}

export async function createUser(
  db: Db,
  tenantId: string,
  u: { email: string; name: string; role: Role; password: string },
): Promise<SyncUser> {
  const user: SyncUser = { id: randomUUID(), email: u.email.toLowerCase(), name: u.name, role: u.role };
  const hash = await hashPassword(u.password);
  await inTenant(db, tenantId, (tx) =>
    tx.query('INSERT INTO users (tenant_id, id, email, name, role, password_hash) VALUES (current_tenant(), $1, $2, $3, $4, $5)', [
      user.id,
      user.email,
      user.name,
      user.role,
      hash,
    ]),
  );
  return user;
}

/** Email + password → a session. With the workstation's device token, the user may author its pushes. */
export async function login(
  db: Db,
  input: { tenant: string; email: string; password: string },
  deviceToken: string | undefined,
  now: number,
): Promise<LoginResponse> {
  const refused = new AppError('forbidden', 'Wrong tenant, email or password.', { reason: 'bad_credentials' });
  const tenant = await findTenant(db, input.tenant.trim().toLowerCase());
  if (!tenant) {
    await verifyPassword(input.password, DUMMY_HASH);
    throw refused;
  }
  return inTenant(db, tenant.id, async (tx) => {
    const { rows } = await tx.query<SyncUser & { password_hash: string; disabled: boolean }>(
      'SELECT id, email, name, role, password_hash, disabled FROM users WHERE email = $1',
      [input.email.trim().toLowerCase()],
    );
    const row = rows[0];
    const ok = await verifyPassword(input.password, row?.password_hash ?? DUMMY_HASH);
    if (!row || !ok || row.disabled) throw refused;
    const token = newToken(tenant.id);
    const expiresAt = now + SESSION_DAYS * 86_400_000;
    await tx.query('INSERT INTO sessions (tenant_id, token_hash, user_id, expires_at) VALUES (current_tenant(), $1, $2, $3)', [
      tokenHash(token),
      row.id,
      new Date(expiresAt),
    ]);
    if (deviceToken && tokenTenant(deviceToken) === tenant.id) {
      const device = await deviceByToken(tx, deviceToken);
      if (device) await linkUser(tx, device, row.id);
    }
    return {
      sessionToken: token,
      expiresAt,
      tenant,
      user: { id: row.id, email: row.email, name: row.name, role: row.role },
    };
  });
}

async function linkUser(tx: Tx, deviceId: string, userId: string): Promise<void> {
  await tx.query(
    'INSERT INTO device_users (tenant_id, device_id, user_id) VALUES (current_tenant(), $1, $2) ON CONFLICT DO NOTHING',
    [deviceId, userId],
  );
}

async function deviceByToken(tx: Tx, token: string): Promise<string | undefined> {
  const { rows } = await tx.query<{ id: string }>('SELECT id FROM devices WHERE token_hash = $1 AND revoked_at IS NULL', [
    tokenHash(token),
  ]);
  return rows[0]?.id;
}

export async function authenticateSession(db: Db, token: string | undefined, now: number): Promise<SessionAuth> {
  const tenantId = token ? tokenTenant(token) : null;
  if (!token || !tenantId) throw unauthenticated('Sign in first.');
  const hash = tokenHash(token);
  const user = await inTenant(db, tenantId, async (tx) => {
    const { rows } = await tx.query<SyncUser & { disabled: boolean }>(
      `SELECT u.id, u.email, u.name, u.role, u.disabled FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2`,
      [hash, new Date(now)],
    );
    return rows[0];
  });
  if (!user || user.disabled) throw unauthenticated('Your sign-in has expired or was ended. Sign in again.');
  return { tenantId, tokenHash: hash, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}

export async function logout(db: Db, session: SessionAuth): Promise<void> {
  await inTenant(db, session.tenantId, (tx) =>
    tx.query('UPDATE sessions SET revoked_at = now() WHERE token_hash = $1', [session.tokenHash]),
  );
}

/**
 * Registers a workstation (or registers it again after it lost its token: the old token stops
 * working, its mutation history stays). The registering user may author its pushes.
 */
export async function registerDevice(
  db: Db,
  session: SessionAuth,
  input: { clientId: string; name: string },
): Promise<{ deviceToken: string; clientId: string }> {
  const token = newToken(session.tenantId);
  await inTenant(db, session.tenantId, async (tx) => {
    await tx.query(
      `INSERT INTO devices (tenant_id, id, name, token_hash, registered_by) VALUES (current_tenant(), $1, $2, $3, $4)
       ON CONFLICT (tenant_id, id) DO UPDATE SET name = EXCLUDED.name, token_hash = EXCLUDED.token_hash, revoked_at = NULL`,
      [input.clientId, input.name, tokenHash(token), session.user.id],
    );
    await linkUser(tx, input.clientId, session.user.id);
  });
  return { deviceToken: token, clientId: input.clientId };
}

export async function authenticateDevice(db: Db, token: string | undefined): Promise<DeviceAuth> {
  const tenantId = token ? tokenTenant(token) : null;
  if (!token || !tenantId) throw unauthenticated('This workstation is not registered with the server. Register it in Settings.');
  const found = await inTenant(db, tenantId, async (tx) => {
    const { rows } = await tx.query<{ id: string; time_zone: string }>(
      `SELECT d.id, t.time_zone FROM devices d JOIN tenants t ON t.id = d.tenant_id
       WHERE d.token_hash = $1 AND d.revoked_at IS NULL`,
      [tokenHash(token)],
    );
    return rows[0];
  });
  if (!found)
    throw unauthenticated("This workstation's registration is no longer valid. Sign in and register it again in Settings.");
  return { tenantId, clientId: found.id, timeZone: found.time_zone };
}
