import { listMutations } from './db/outbox';
import type { DomainModule, ModuleDeps } from './domain-module';

/** The app-wide commands: who and where this is, and the change log. */
export function createAppModule(deps: ModuleDeps): DomainModule {
  const { db, site } = deps;
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
  };
  return { handlers };
}
