import { describe, expect, it } from 'vitest';
import { AppError, COMMAND_NAMES, commands } from '@shared/contract';
import { Router, type Handlers } from './router';
import type { Logger } from './log';

function memoryLogger() {
  const lines: { level: string; msg: string; fields?: Record<string, unknown> }[] = [];
  const log = (level: string) => (msg: string, fields?: Record<string, unknown>) =>
    lines.push({ level, msg, fields });
  const logger: Logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
  return { logger, lines };
}

/** A router with a trivial handler for every command, so only the behaviour under test differs. */
function fullRouter(overrides: Partial<Handlers> = {}) {
  const { logger, lines } = memoryLogger();
  const router = new Router(logger);
  const handlers = Object.fromEntries(
    COMMAND_NAMES.map((n) => [n, async () => ({ echo: n })]),
  ) as unknown as Handlers;
  router.registerAll({ ...handlers, ...overrides });
  return { router, lines };
}

const ctx = { actor: 'tester', role: 'admin' } as const;

describe('Router', () => {
  it('refuses a second handler for the same command', () => {
    const { router } = fullRouter();
    expect(() => router.register('app.info', async () => ({}) as never)).toThrow(/already registered/);
  });

  it('refuses a handler for a name outside the contract', () => {
    const router = new Router(memoryLogger().logger);
    expect(() => router.register('dock.explode' as never, async () => null as never)).toThrow(
      /not a command/,
    );
  });

  it('fails start-up when a contract command has no handler', () => {
    const router = new Router(memoryLogger().logger);
    router.register('app.info', async () => ({}) as never);
    expect(() => router.assertComplete()).toThrow(/no handler for: .*dock\.bookAppointment/);
  });

  it('answers an unknown command with invalid_input and does not call anything', async () => {
    const { router } = fullRouter();
    const r = await router.dispatch({ id: 7, name: 'dock.dropTables', input: {} }, ctx);
    expect(r).toMatchObject({ id: 7, ok: false, error: { code: 'invalid_input' } });
  });

  it('validates input before the handler runs and names the bad field', async () => {
    let called = false;
    const { router } = fullRouter({
      'dock.bookAppointment': async () => {
        called = true;
        return {} as never;
      },
    });
    const r = await router.dispatch(
      {
        id: 1,
        name: 'dock.bookAppointment',
        input: { doorId: 'd', carrierName: 'X', reference: 'R', startAt: 'soon' },
        requestId: '6f1c2a9e-7d3b-4f1e-9a2c-1b2c3d4e5f60',
      },
      ctx,
    );
    expect(called).toBe(false);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid_input');
      expect(r.error.message).toMatch(/^startAt:/);
    }
  });

  it.each([null, 'text', 42, { name: 'app.info' }, { id: 'x', name: 'app.info' }])(
    'refuses a malformed envelope %j',
    async (raw) => {
      const { router } = fullRouter();
      const r = await router.dispatch(raw, ctx);
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    },
  );

  it('turns an unexpected exception into internal with a reference that is in the log', async () => {
    const { router, lines } = fullRouter({
      'app.info': async () => {
        throw new TypeError('cannot read properties of undefined');
      },
    });
    const r = await router.dispatch({ id: 3, name: 'app.info', input: {} }, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('internal');
    expect(r.error.message).not.toMatch(/cannot read/);
    const ref = (r.error.details as { ref: string }).ref;
    expect(lines.find((l) => l.level === 'error')?.fields).toMatchObject({ ref, command: 'app.info' });
  });

  it('passes a deliberate AppError through with its code and message', async () => {
    const { router } = fullRouter({
      'app.info': async () => {
        throw new AppError('conflict', 'Door 3 is taken');
      },
    });
    expect(await router.dispatch({ id: 4, name: 'app.info', input: {} }, ctx)).toEqual({
      id: 4,
      ok: false,
      error: { code: 'conflict', message: 'Door 3 is taken' },
    });
  });

  it('refuses a command the caller’s role may not run', async () => {
    const { router } = fullRouter();
    const r = await router.dispatch(
      {
        id: 5,
        name: 'dock.createDoor',
        input: { name: 'D', direction: 'inbound', opensAt: '06:00', closesAt: '22:00' },
      },
      { actor: 'op', role: 'operator' },
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('roles from the contract', () => {
  const mutations = COMMAND_NAMES.filter((n) => commands[n].mutates);
  const queries = COMMAND_NAMES.filter((n) => !commands[n].mutates);

  it('declares both kinds, and every planning command as a mutation', () => {
    expect(mutations).toContain('dock.bookAppointment');
    expect(mutations).toContain('routes.updatePlan');
    expect(mutations).toContain('station.scan');
    expect(queries).toContain('dock.listAppointments');
    expect(queries).toContain('routes.evaluate');
  });

  it('lets a viewer read the screens and change nothing, before any handler runs', async () => {
    const { router } = fullRouter();
    const viewer = { actor: 'viewer', role: 'viewer' } as const;
    // A viewer signs in to sync and settles their own Needs attention items: those say so.
    const forViewers = mutations.filter((n) => (commands[n].roles as readonly string[]).includes('viewer'));
    expect(forViewers.sort()).toEqual([
      'session.lock',
      'session.signIn',
      'sync.register',
      'sync.resolveAttention',
      'sync.signIn',
      'sync.signOut',
    ]);
    for (const name of mutations.filter((n) => !forViewers.includes(n))) {
      const r = await router.dispatch({ id: 1, name, input: {} }, viewer);
      expect(r.ok ? 'ok' : r.error.code, name).toBe('forbidden');
    }
    for (const name of [
      'dock.listAppointments',
      'routes.getPlan',
      'devices.overview',
      'audit.list',
    ] as const) {
      const r = await router.dispatch({ id: 1, name, input: {} }, viewer);
      expect(r.ok ? 'ok' : r.error.code, name).not.toBe('forbidden');
    }
  });
});
