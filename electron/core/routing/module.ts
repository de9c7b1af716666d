import type { DomainModule, ModuleDeps } from '../domain-module';

/** The routing domain's commands and background work. */
export function createRoutingModule(_deps: ModuleDeps): DomainModule {
  return { handlers: {} };
}
