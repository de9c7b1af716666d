import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, commands, ROLES, type CommandName, type ResponseMessage, type Role } from '@shared/contract';
import { startCore, type Core } from '../core';
import { createLogger } from '../log';
import { useTempDirs, useTestCore } from '../testing';
import { MAX_WRONG_PINS, PIN_BLOCK_MS } from './module';

/** A clock the test moves by hand. */
function clock(start = Date.UTC(2026, 11, 7, 8)) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

function callAs(core: Core) {
  let id = 1;
  return (name: CommandName, input: unknown): Promise<ResponseMessage> =>
    core.router.dispatch(
      { id: id++, name, input, ...(commands[name].mutates ? { requestId: randomUUID() } : {}) },
      core.localContext,
    );
}

async function ok<T = any>(r: Promise<ResponseMessage>): Promise<T> {
  const m = await r;
  if (!m.ok) throw new Error(`${m.error.code}: ${m.error.message}`);
  return m.value as T;
}

async function refusal(r: Promise<ResponseMessage>) {
  const m = await r;
  if (m.ok) throw new Error('expected a refusal');
  return m.error as { code: string; message: string; details?: { reason?: string; [k: string]: unknown } };
}

/** An admin with a PIN, and one user per other role (PINs 2222, 3333, badge for the operator). */
async function staffed(core: Core) {
  const call = callAs(core);
  const admin = await ok(call('users.save', { id: 'local-admin', name: 'Anna Admin', role: 'admin', pin: '1111' }));
  const dispatcher = await ok(call('users.save', { name: 'Dan Dispatcher', role: 'dispatcher', pin: '2222' }));
  const operator = await ok(call('users.save', { name: 'Olle Operator', role: 'operator', badge: 'BADGE-OLLE-0001' }));
  const viewer = await ok(call('users.save', { name: 'Vera Viewer', role: 'viewer', pin: '4444' }));
  return { call, ids: { admin: admin.id, dispatcher: dispatcher.id, operator: operator.id, viewer: viewer.id } as Record<Role, string> };
}

const PINS: Record<Role, { pin: string } | { badge: string }> = {
  admin: { pin: '1111' },
  dispatcher: { pin: '2222' },
  operator: { badge: 'BADGE-OLLE-0001' },
  viewer: { pin: '4444' },
};

describe('workstation sign-in', () => {
  const start = useTestCore();
  const tempDirs = useTempDirs();

  it('runs open as the local admin until someone has a PIN or badge, and cannot lock then', async () => {
    const core = await start();
    const call = callAs(core);
    const status = await ok(call('session.status', {}));
    expect(status).toMatchObject({ user: { id: 'local-admin', role: 'admin' }, locked: false, lockable: false });
    expect(core.localContext).toMatchObject({ role: 'admin', actor: 'Local admin' });
    expect((await refusal(call('session.lock', {}))).details?.reason).toBe('not_lockable');
    // Credentials for a non-admin first would leave nobody able to unlock Settings: refused.
    const refused = await refusal(call('users.save', { name: 'Dan', role: 'dispatcher', pin: '2222' }));
    expect(refused).toMatchObject({ code: 'conflict', details: { reason: 'admin_without_credentials' } });
    expect(await ok(call('users.list', {}))).toHaveLength(1);
  });

  it('keeps PINs as scrypt hashes and badges as SHA-256, never in clear', async () => {
    const core = await start();
    await staffed(core);
    const rows = await core.db.all<{ pin_hash: string | null; badge_hash: string | null }>(
      'SELECT pin_hash, badge_hash FROM local_users',
    );
    const text = JSON.stringify(rows);
    for (const secret of ['1111', '2222', '4444', 'BADGE-OLLE-0001']) expect(text).not.toContain(`"${secret}"`);
    expect(rows.filter((r) => r.pin_hash).every((r) => /^scrypt\$16384\$8\$1\$/.test(r.pin_hash!))).toBe(true);
    expect(rows.filter((r) => r.badge_hash).every((r) => /^[0-9a-f]{64}$/.test(r.badge_hash!))).toBe(true);
    const users = await ok(callAs(core)('users.list', {}));
    expect(JSON.stringify(users)).not.toContain('hash');
  });

  it('switches user by badge and by PIN; the role follows into every command', async () => {
    const core = await start();
    const { call, ids } = await staffed(core);
    await ok(call('session.signIn', { badge: ' BADGE-OLLE-0001 ' }));
    expect(core.localContext).toMatchObject({ actor: 'Olle Operator', role: 'operator' });
    expect((await refusal(call('dock.createDoor', { name: 'D9', direction: 'inbound', opensAt: '06:00', closesAt: '22:00' }))).code).toBe(
      'forbidden',
    );
    await ok(call('session.signIn', { userId: ids.dispatcher, pin: '2222' }));
    expect(core.localContext).toMatchObject({ actor: 'Dan Dispatcher', role: 'dispatcher' });
    // Unknown badge, user without a PIN, bad input: each a clear refusal, the session unchanged.
    expect(await refusal(call('session.signIn', { badge: 'NOT-A-BADGE' }))).toMatchObject({ code: 'not_found', details: { reason: 'badge_unknown' } });
    expect(await refusal(call('session.signIn', { userId: ids.operator, pin: '1234' }))).toMatchObject({ code: 'invalid_input', details: { reason: 'no_pin' } });
    expect((await refusal(call('users.save', { name: 'X', role: 'viewer', pin: '12' }))).code).toBe('forbidden');
    expect(core.localContext.role).toBe('dispatcher');
  });

  it('blocks a PIN after five wrong tries for a minute; the right PIN then works', async () => {
    const c = clock();
    const core = await start({ now: c.now });
    const { call, ids } = await staffed(core);
    for (let i = 1; i < MAX_WRONG_PINS; i++) {
      const r = await refusal(call('session.signIn', { userId: ids.viewer, pin: '0000' }));
      expect(r.details).toMatchObject({ reason: 'pin_wrong', attemptsLeft: MAX_WRONG_PINS - i });
    }
    expect((await refusal(call('session.signIn', { userId: ids.viewer, pin: '0000' }))).details?.reason).toBe('pin_blocked');
    expect((await refusal(call('session.signIn', { userId: ids.viewer, pin: '4444' }))).details?.reason).toBe('pin_blocked');
    c.advance(PIN_BLOCK_MS + 1);
    await ok(call('session.signIn', { userId: ids.viewer, pin: '4444' }));
    expect(core.localContext.role).toBe('viewer');
  });

  it('locks after the idle time: core refuses every command but signing in, also after a restart', async () => {
    const c = clock();
    const dir = tempDirs();
    const open = () => startCore({ dataDir: dir, demo: false, now: c.now, logger: createLogger(`${dir}/logs`) });
    let core = await open();
    try {
      const { call } = await staffed(core);
      await ok(call('session.setIdleLock', { seconds: 60 }));
      expect((await refusal(call('session.setIdleLock', { seconds: 2 }))).details).toMatchObject({ issues: [{ reason: 'idle_range' }] });
      c.advance(59_000);
      await ok(call('session.activity', {}));
      c.advance(59_000);
      await ok(call('dock.listDoors', {}));
      c.advance(2_000);
      const locked = await refusal(call('dock.listDoors', {}));
      expect(locked).toMatchObject({ code: 'forbidden', details: { reason: 'locked' } });
      expect((await refusal(call('session.activity', {}))).details?.reason).toBe('locked');
      expect(await ok(call('session.status', {}))).toMatchObject({ locked: true, user: { name: 'Anna Admin' } });
      await core.close();
      core = await open();
      const again = callAs(core);
      expect((await refusal(again('dock.listDoors', {}))).details?.reason).toBe('locked');
      await ok(again('session.signIn', { badge: 'BADGE-OLLE-0001' }));
      expect(await ok(again('session.status', {}))).toMatchObject({ locked: false, user: { name: 'Olle Operator' } });
      await ok(again('dock.listDoors', {}));
      // "Switch user": locks at once.
      await ok(again('session.lock', {}));
      expect((await refusal(again('routes.listOrders', {}))).details?.reason).toBe('locked');
    } finally {
      await core.close();
    }
  });

  it('signs in from a badge scanned on a scanner (the scan stream), and ignores other barcodes', async () => {
    const core = await start();
    const { call } = await staffed(core);
    await ok(call('session.lock', {}));
    await ok(call('session.signIn', { userId: (await ok(call('session.status', {}))).users.find((u: { role: string }) => u.role === 'admin').id, pin: '1111' }));
    await ok(call('devices.submitScan', { raw: '00012345678901234567', source: 'wedge' }));
    await ok(call('devices.submitScan', { raw: 'BADGE-OLLE-0001', source: 'wedge' }));
    await expect.poll(() => core.localContext.actor).toBe('Olle Operator');
  });

  it('keeps an administrator: the last admin is neither removed nor demoted, nor is oneself', async () => {
    const core = await start();
    const { call, ids } = await staffed(core);
    expect((await refusal(call('users.save', { id: ids.admin, name: 'Anna', role: 'operator' }))).details?.reason).toBe('last_admin');
    expect((await refusal(call('users.remove', { id: ids.admin }))).details?.reason).toBe('self');
    expect((await refusal(call('users.save', { name: 'Copy', role: 'viewer', badge: 'BADGE-OLLE-0001' }))).details?.reason).toBe('badge_taken');
    await ok(call('users.remove', { id: ids.viewer }));
    expect((await refusal(call('users.remove', { id: ids.viewer }))).code).toBe('not_found');
  });
});

/**
 * Each role against each command family, in core: the signed-in user's role is what the router
 * checks. The expectations are written out here (not read from the contract), one representative
 * read and change per family, so a wrong role rule in the contract fails this test.
 */
const FAMILY_RULES: { command: CommandName; roles: Role[] }[] = [
  { command: 'dock.listDoors', roles: ['admin', 'dispatcher', 'operator', 'viewer'] },
  { command: 'dock.bookAppointment', roles: ['admin', 'dispatcher', 'operator'] },
  { command: 'dock.createDoor', roles: ['admin'] },
  { command: 'devices.listPrinters', roles: ['admin', 'dispatcher', 'operator', 'viewer'] },
  { command: 'devices.print', roles: ['admin', 'dispatcher', 'operator'] },
  { command: 'devices.createPrinter', roles: ['admin'] },
  { command: 'station.scan', roles: ['admin', 'dispatcher', 'operator'] },
  { command: 'routes.listOrders', roles: ['admin', 'dispatcher', 'operator', 'viewer'] },
  { command: 'routes.createOrder', roles: ['admin', 'dispatcher'] },
  { command: 'routes.optimize', roles: ['admin', 'dispatcher'] },
  { command: 'routes.updateSettings', roles: ['admin'] },
  { command: 'fleet.live', roles: ['admin', 'dispatcher', 'operator', 'viewer'] },
  { command: 'fleet.saveGeofence', roles: ['admin', 'dispatcher'] },
  { command: 'fleet.saveFuelEntry', roles: ['admin', 'dispatcher', 'operator'] },
  { command: 'fleet.updateSettings', roles: ['admin'] },
  { command: 'files.beginUpload', roles: ['admin', 'dispatcher', 'operator'] },
  { command: 'sync.status', roles: ['admin', 'dispatcher', 'operator', 'viewer'] },
  { command: 'sync.configure', roles: ['admin'] },
  { command: 'users.list', roles: ['admin'] },
  { command: 'users.save', roles: ['admin'] },
  { command: 'session.setIdleLock', roles: ['admin'] },
  { command: 'session.lock', roles: ['admin', 'dispatcher', 'operator', 'viewer'] },
  { command: 'audit.list', roles: ['admin', 'dispatcher', 'operator', 'viewer'] },
  { command: 'claims.list', roles: ['admin', 'dispatcher', 'operator', 'viewer'] },
  { command: 'claims.create', roles: ['admin', 'dispatcher', 'operator'] },
  { command: 'dispatch.board', roles: ['admin', 'dispatcher', 'operator', 'viewer'] },
  { command: 'dispatch.offer', roles: ['admin', 'dispatcher'] },
  { command: 'dispatch.accept', roles: ['admin', 'dispatcher', 'operator'] },
];

describe('each role against each command family', () => {
  const start = useTestCore();

  it('allows and refuses by the signed-in role, for every command in the contract', async () => {
    const core = await start();
    const { call, ids } = await staffed(core);
    const families = new Set(COMMAND_NAMES.map((n) => n.split('.')[0]));
    expect(new Set(FAMILY_RULES.map((r) => r.command.split('.')[0]))).toEqual(
      new Set([...families].filter((f) => !['app', 'map', 'session'].includes(f!)).concat('session')),
    );
    for (const role of ROLES) {
      const who = PINS[role];
      await ok(call('session.signIn', 'pin' in who ? { userId: ids[role], pin: who.pin } : who));
      expect(core.localContext.role).toBe(role);
      // An input no command accepts: an allowed command fails its input check, a refused one
      // is refused for the role before that. Nothing runs either way.
      const outcome = async (name: CommandName) => {
        const r = await call(name, 42);
        if (r.ok) throw new Error(`${name} accepted 42`);
        return r.error.code === 'forbidden' ? 'refused' : r.error.code === 'invalid_input' ? 'allowed' : r.error.code;
      };
      for (const rule of FAMILY_RULES) {
        expect(await outcome(rule.command), `${role} → ${rule.command}`).toBe(rule.roles.includes(role) ? 'allowed' : 'refused');
      }
      for (const name of COMMAND_NAMES) {
        const expected = (commands[name].roles as readonly string[]).includes(role) ? 'allowed' : 'refused';
        expect(await outcome(name), `${role} → ${name}`).toBe(expected);
      }
    }
  });

  it('really runs what a role may do and leaves the data alone when it may not', async () => {
    const core = await start();
    const { call, ids } = await staffed(core);
    const door = { name: 'Door 1', direction: 'inbound', opensAt: '06:00', closesAt: '22:00' };
    await ok(call('dock.createDoor', door));
    await ok(call('session.signIn', PINS.operator));
    expect((await refusal(call('dock.createDoor', { ...door, name: 'Door 2' }))).details).toMatchObject({ reason: 'role', role: 'operator' });
    expect((await refusal(call('routes.createOrder', { reference: 'SO-1', address: 'x', lat: 57.78, lon: 14.16 }))).code).toBe('forbidden');
    await ok(call('session.signIn', { userId: ids.viewer, pin: '4444' }));
    expect((await ok(call('dock.listDoors', {}))).map((d: { name: string }) => d.name)).toEqual(['Door 1']);
    expect((await refusal(call('users.list', {}))).code).toBe('forbidden');
  });
});
