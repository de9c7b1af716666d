/**
 * Sync as a domain of the core: the server address, signing in and out, registering this
 * workstation (which makes the tenant's data its own), the status the header shows, and the
 * "Needs attention" inbox. With no server configured nothing here runs and the workstation works
 * as it always did (local-only mode).
 */
import { AppError, isCommandName, type CommandName, type SyncStatus } from '@shared/contract';
import { retryInput, SYNCED_MUTATOR_NAMES } from '@shared/contract/sync-mutators';
import type { DomainModule, ModuleDeps } from '../domain-module';
import type { CallContext } from '../router';
import { SyncEngine, type EngineOptions } from './engine';
import { countAttention, getAttention, listAttention, resolveAttention } from './inbox';
import { collectDomains, installDirtyTriggers } from './rebase';
import { ServerApi, ServerRefusal, Unreachable, serverUrlProblem } from './server-api';
import { ensureClientId, readSettings, writeSettings, type SyncSettings } from './state';
import type { SyncedDomain } from './types';

export interface SyncModuleOptions {
  domains: SyncedDomain[];
  /** Runs a command as a user (for "retry" from the inbox). */
  dispatch(name: CommandName, input: unknown, ctx: CallContext): Promise<unknown>;
  engine?: Partial<Pick<EngineOptions, 'periodicMs' | 'backoff' | 'batchSize' | 'requestTimeoutMs' | 'random'>>;
}

export interface SyncModule {
  module: DomainModule;
  /** Who acts at this workstation: the signed-in user while joined (read-only when nobody is). */
  contextFor(base: CallContext): CallContext;
  engine: SyncEngine;
}

/** Turns a server's refusal or silence into an error the operator can act on. */
function asAppError(err: unknown): unknown {
  if (err instanceof Unreachable) return new AppError('unavailable', err.message);
  if (err instanceof ServerRefusal) {
    const code = (['invalid_input', 'not_found', 'conflict', 'forbidden', 'unavailable'] as const).find((c) => c === err.code);
    return new AppError(code ?? 'unavailable', err.message, err.details);
  }
  return err;
}

export function createSyncModule(deps: ModuleDeps, options: SyncModuleOptions): SyncModule {
  const { db, events, logger } = deps;
  const domains = collectDomains(options.domains);
  const missing = SYNCED_MUTATOR_NAMES.filter((n) => !domains.mutators.has(n));
  if (missing.length) throw new Error(`no client mutator for synced mutations: ${missing.join(', ')}`);

  let settings: SyncSettings | null = null;
  const refresh = async () => (settings = await readSettings(db));

  let statusTimer: NodeJS.Timeout | null = null;
  const announce = () => {
    statusTimer ??= setTimeout(() => {
      statusTimer = null;
      void status()
        .then((s) => events.emit('sync.changed', s))
        .catch(() => undefined);
    }, 100);
  };

  const engine = new SyncEngine({
    db,
    domains,
    logger,
    now: deps.now,
    contextOf: (actor, userId) => ({ actor, role: 'admin', ...(userId ? { userId } : {}) }),
    onStatus: announce,
    onApplied: () => {
      for (const d of domains.domains) d.changed();
    },
    ...options.engine,
  });

  async function status(): Promise<SyncStatus> {
    const s = await refresh();
    return {
      state: s.tenant ? (engine.state === 'idle' ? 'syncing' : engine.state) : 'local',
      // Local-only mode counts what it always did: every change no server has taken.
      pending: s.tenant ? await engine.pendingCount() : await localPending(),
      endpoint: s.serverUrl,
      allowInsecure: s.allowInsecure,
      registered: Boolean(s.tenant),
      tenant: ((t) => t && { slug: t.slug, name: t.name })(s.tenant ?? (s.user ? s.loginTenant : null)),
      user: s.user && { name: s.user.name, email: s.user.email, role: s.user.role },
      lastSyncAt: s.lastSyncAt,
      cursor: s.cursor,
      lastError: s.tenant ? engine.lastError : null,
      attention: await countAttention(db, s.user?.id ?? null),
    };
  }

  const localPending = async () =>
    (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM outbox WHERE pushed_at IS NULL'))?.n ?? 0;

  const api = () => {
    if (!settings?.serverUrl) throw new AppError('invalid_input', 'Set the sync server address first.');
    return new ServerApi(settings.serverUrl);
  };

  const handlers: DomainModule['handlers'] = {
    'sync.status': status,
    'sync.now': async () => {
      engine.nudge();
      return status();
    },
    'sync.configure': async (input) => {
      const s = await refresh();
      const url = input.serverUrl.replace(/\/+$/, '');
      if (s.tenant && url !== s.serverUrl)
        throw new AppError(
          'conflict',
          `This workstation is registered with ${s.serverUrl} (${s.tenant.name}); its data belongs there. It cannot change server.`,
          { reason: 'registered' },
        );
      if (url) {
        const problem = serverUrlProblem(url, input.allowInsecure);
        if (problem) throw new AppError('invalid_input', problem.message, { field: 'serverUrl', reason: problem.reason });
      }
      await db.write((tx) => writeSettings(tx, { server_url: url || null, allow_insecure: input.allowInsecure ? 1 : null }));
      announce();
      return status();
    },
    'sync.signIn': async (input) => {
      const s = await refresh();
      if (s.tenant && input.tenant.toLowerCase() !== s.tenant.slug)
        throw new AppError('forbidden', `This workstation belongs to ${s.tenant.name} (${s.tenant.slug}). Sign in to that tenant.`);
      const res = await api()
        .login(input, s.deviceToken)
        .catch((err: unknown) => {
          throw asAppError(err);
        });
      await db.write((tx) => writeSettings(tx, { session_token: res.sessionToken, user: res.user, login_tenant: res.tenant }));
      announce();
      return status();
    },
    'sync.signOut': async () => {
      const s = await refresh();
      if (s.sessionToken) await api().logout(s.sessionToken).catch(() => undefined);
      await db.write((tx) => writeSettings(tx, { session_token: null, user: null, login_tenant: null }));
      announce();
      return status();
    },
    'sync.register': async (input) => {
      const s = await refresh();
      if (!s.sessionToken || !s.user) throw new AppError('forbidden', 'Sign in first, then register this workstation.');
      const tenant = s.tenant ?? s.loginTenant;
      if (!tenant) throw new AppError('forbidden', 'Sign in again, then register this workstation.');
      const clientId = await db.write((tx) => ensureClientId(tx));
      const res = await api()
        .register(s.sessionToken, clientId, input.name)
        .catch((err: unknown) => {
          throw asAppError(err);
        });
      await db.write(async (tx) => {
        // The tenant's data replaces this workstation's: every local synced row goes at the first pull.
        if (!s.tenant) {
          for (const a of domains.adapters.values())
            await tx.run(`INSERT OR IGNORE INTO sync_dirty (entity, id) SELECT ?, ${a.key('t')} FROM ${a.table} t`, [a.entity]);
          await tx.run('UPDATE sites SET name = ?, time_zone = ? WHERE id = ?', [tenant.name, tenant.timeZone, deps.site.id]);
        }
        await writeSettings(tx, { tenant, device_token: res.deviceToken, cursor: s.tenant ? s.cursor : 0 });
      });
      if (!s.tenant) Object.assign(deps.site, { name: tenant.name, timeZone: tenant.timeZone });
      engine.nudge();
      announce();
      return status();
    },
    'sync.listAttention': async (input) => listAttention(db, (await refresh()).user?.id ?? null, input.includeResolved),
    'sync.resolveAttention': async (input, ctx) => {
      const item = await getAttention(db, input.id);
      const s = await refresh();
      if (!item || item.user_id !== (s.user?.id ?? null))
        throw new AppError('not_found', 'That item is not in your list any more.');
      if (item.resolved_at) return { resolved: false };
      if (input.action === 'retry') {
        if (!isCommandName(item.name))
          throw new AppError('invalid_input', 'This change cannot be run again from here; discard it and make it anew.');
        await options.dispatch(item.name, retryInput(JSON.parse(item.args) as Record<string, unknown>, input.changes), ctx);
      }
      const resolution = input.action === 'retry' ? 'retried' : input.action === 'discard' ? 'discarded' : 'seen';
      const resolved = await db.write((tx) => resolveAttention(tx, input.id, resolution, deps.now()));
      announce();
      return { resolved };
    },
  };

  let unsubscribe: (() => void) | null = null;

  return {
    engine,
    contextFor(base) {
      const s = settings;
      if (!s?.tenant) return base;
      return s.user ? { ...base, actor: s.user.name, role: s.user.role, userId: s.user.id } : { ...base, role: 'viewer' };
    },
    module: {
      handlers,
      async start() {
        await db.write(async (tx) => {
          await ensureClientId(tx);
          await installDirtyTriggers(tx, domains.adapters.values());
        });
        await refresh();
        // A change made here: push it soon and show the new pending count.
        unsubscribe = events.subscribe((m) => {
          if (m.event.endsWith('.changed') && m.event !== 'sync.changed' && !engine.applying) {
            engine.nudge();
            announce();
          }
        });
        engine.start();
      },
      async close() {
        unsubscribe?.();
        if (statusTimer) clearTimeout(statusTimer);
        await engine.close();
      },
    },
  };
}
