import { listMutations } from './db/outbox';
import type { DomainModule, ModuleDeps } from './domain-module';

/** The app-wide commands: who and where this is, the change log and the outbox's sync status. */
export function createAppModule(deps: ModuleDeps): { module: DomainModule; announceSyncStatus(): void } {
  const { db, site, events } = deps;
  const syncStatus = async () => {
    const row = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM outbox WHERE pushed_at IS NULL');
    return { pending: row?.n ?? 0, endpoint: null, lastPushAt: null };
  };
  const handlers: DomainModule['handlers'] = {
    'app.info': async (_input, ctx) => ({
      version: deps.version,
      siteName: site.name,
      timeZone: site.timeZone,
      demo: deps.demo,
      actor: ctx.actor,
      role: ctx.role,
    }),
    'audit.list': (input) => listMutations(db, input),
    'sync.status': syncStatus,
  };
  return {
    module: { handlers },
    announceSyncStatus: () => void syncStatus().then((s) => events.emit('sync.changed', s)),
  };
}
