import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { AppError, type Role } from '@shared/contract';
import { Database } from './db/database';
import { DEMO_SITE, seedDemo } from './demo/seed';
import { EventBus } from './event-bus';
import { createAppModule } from './app-module';
import { createAuditModule } from './audit/module';
import { createDevicesModule } from './devices/module';
import { createDispatchModule, type DispatchModuleOptions } from './dispatch/module';
import { createClaimsModule } from './claims/module';
import { createDockModule } from './dock/module';
import { createDockPort } from './dock/port';
import { createFleetModule, type FleetModuleOptions } from './fleet/module';
import { FileStore } from './files/file-store';
import { createFilesModule } from './files/module';
import { pruneRequests, REQUEST_LOG_KEEP_MS } from './db/request-log';
import type { DomainModule, ModuleDeps } from './domain-module';
import { createLogger, type Logger } from './log';
import { createRoutingModule } from './routing/module';
import { Router, type CallContext } from './router';
import { createSyncModule, type SyncModuleOptions } from './sync/module';
import type { EntityAdapter } from './sync/types';
import { ensureSite, getSetting } from './site';
import { createWorkstationModule } from './workstation/module';

export interface CoreOptions {
  dataDir: string;
  demo: boolean;
  /** The time zone of a site created on first start without demo data; defaults to the system's. */
  timeZone?: string;
  /** Who is at this workstation; defaults to the OS user. */
  actor?: string;
  role?: Role;
  /** This workstation's name in the audit trail; defaults to the host name. */
  workstation?: string;
  logger?: Logger;
  now?: () => number;
  fleet?: FleetModuleOptions;
  dispatch?: DispatchModuleOptions;
  /** Sync engine timings (tests and the partition test shorten them). */
  sync?: SyncModuleOptions['engine'];
}

export interface Core {
  router: Router;
  events: EventBus;
  db: Database;
  logger: Logger;
  /** The caller identity for requests arriving from this workstation's own UI (read per request). */
  readonly localContext: CallContext;
  /** Every kind of synced row (sync tests compare them with the server's). */
  syncedEntities: EntityAdapter[];
  /** What the operator must know from this start (a simulated device that could not run…). */
  notices: readonly string[];
  close(): Promise<void>;
}

export const APP_VERSION = '0.1.0';

/** Opens the data folder, migrates, seeds the demo on first start and wires every handler. */
export async function startCore(options: CoreOptions): Promise<Core> {
  mkdirSync(options.dataDir, { recursive: true });
  const logger = options.logger ?? createLogger(join(options.dataDir, 'logs'));
  const now = options.now ?? Date.now;
  const db = await Database.open(join(options.dataDir, 'loadstar.db'), {
    onSlow: (sql, ms) => logger.warn('slow query', { sql: sql.slice(0, 200), ms }),
  });
  try {
    const site = await ensureSite(
      db,
      options.demo
        ? DEMO_SITE
        : { name: 'My site', timeZone: options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone },
    );
    if (options.demo && (await seedDemo(db, site.id, site.timeZone, now()))) {
      logger.info('seeded demo data', { site: site.name });
    }
    const demo = (await getSetting(db, 'demo')) === 'true';
    const events = new EventBus();
    const router = new Router(logger, db);
    const files = new FileStore({ db, dataDir: options.dataDir, now, logger });
    const notices: string[] = [];
    const notice = (text: string) => {
      notices.push(text);
      logger.warn('start notice', { text });
    };
    const baseContext: CallContext = {
      actor: options.actor ?? safeUserName(),
      role: options.role ?? 'admin',
    };
    // Until sync and sign-in are set up below, the context as given; then whoever is signed in.
    // Local work (sensors, the dispatch sweep) runs as the workstation's signed-in operator.
    let contextFor = (base: CallContext): CallContext => base;
    const deps: ModuleDeps = {
      localContext: () => contextFor(baseContext),
      db,
      site,
      events,
      logger,
      dataDir: options.dataDir,
      now,
      demo,
      version: APP_VERSION,
      notice,
      files,
    };
    const routing = createRoutingModule(deps);
    const dock = createDockPort(db);
    // Core's own calls through the router (sign-in by a serial badge scan, sync's replays): each a
    // request of its own, refused or answered like any other.
    const call = async (name: string, input: unknown, ctx: CallContext) => {
      const r = await router.dispatch({ id: 1, name, input, requestId: randomUUID() }, ctx);
      if (!r.ok) throw new AppError(r.error.code, r.error.message, r.error.details);
      return r.value;
    };
    const systemContext = (): CallContext => ({ actor: 'system', role: 'admin', workstation: workstation.name });
    const workstation = createWorkstationModule(deps, {
      name: options.workstation,
      dispatch: (name, input) => call(name, input, systemContext()),
    });
    const domains: DomainModule[] = [
      createAppModule(deps),
      createAuditModule(deps),
      workstation.module,
      createDockModule(deps),
      createDevicesModule(deps, routing.port),
      routing,
      createFleetModule(deps, routing.port, options.fleet),
      createFilesModule(deps, files),
      createDispatchModule(
        deps,
        { routing: routing.port, dock, context: () => contextFor({ ...baseContext, actor: 'dispatch' }) },
        options.dispatch,
      ),
      createClaimsModule(deps, dock),
      requestLogHousekeeping(db, now, logger),
    ];
    // Sync comes last: it replays the other domains' mutators and writes their synced rows.
    const sync = createSyncModule(deps, {
      domains: domains.flatMap((m) => (m.sync ? [m.sync] : [])),
      dispatch: call,
      engine: options.sync,
    });
    // A core started with an explicit actor or role (tests, the partition test) acts as that;
    // otherwise as whoever is signed in at the workstation.
    const signedIn = (base: CallContext): CallContext => {
      const ctx = workstation.contextFor(base);
      return {
        ...ctx,
        ...(options.actor !== undefined ? { actor: options.actor } : {}),
        ...(options.role !== undefined ? { role: options.role } : {}),
      };
    };
    contextFor = (base) => sync.contextFor(signedIn(base));
    const modules = [...domains, sync.module];
    for (const m of modules) {
      router.registerAll(m.handlers);
      router.markAnsweredByWrite(m.answeredByWrite ?? []);
    }
    router.assertComplete();
    await startModules(modules, logger);
    logger.info('core started', { dataDir: options.dataDir, site: site.name, demo });
    const close = async () => {
      await closeModules(modules, logger);
      await db.close();
    };
    return {
      router,
      events,
      db,
      logger,
      get localContext() {
        return contextFor(baseContext);
      },
      notices,
      syncedEntities: domains.flatMap((m) => m.sync?.entities ?? []),
      close,
    };
  } catch (err) {
    await db.close();
    throw err;
  }
}

/** Starts modules in order; if one fails, the ones already started are closed again. */
async function startModules(modules: DomainModule[], logger: Logger): Promise<void> {
  for (let i = 0; i < modules.length; i++) {
    try {
      await modules[i]!.start?.();
    } catch (err) {
      await closeModules(modules.slice(0, i), logger);
      throw err;
    }
  }
}

/** Closes in reverse order; a module that fails to close is logged and does not stop the rest. */
async function closeModules(modules: DomainModule[], logger: Logger): Promise<void> {
  for (const m of [...modules].reverse()) {
    try {
      await m.close?.();
    } catch (err) {
      logger.error('module failed to close', { error: String(err) });
    }
  }
}

/** Forgets request ids older than any client retries them (at start, then hourly). */
function requestLogHousekeeping(db: Database, now: () => number, logger: Logger): DomainModule {
  let timer: ReturnType<typeof setInterval> | undefined;
  const prune = () =>
    void db
      .write((tx) => pruneRequests(tx, now() - REQUEST_LOG_KEEP_MS))
      .catch((err: unknown) => logger.warn('request log prune failed', { error: String(err) }));
  return {
    handlers: {},
    async start() {
      prune();
      timer = setInterval(prune, 3600_000);
      timer.unref();
    },
    async close() {
      clearInterval(timer);
    },
  };
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'local';
  }
}
