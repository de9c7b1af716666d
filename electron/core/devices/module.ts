import type { DomainModule, ModuleDeps } from '../domain-module';

/** The devices domain's commands and background work. */
export function createDevicesModule(_deps: ModuleDeps): DomainModule {
  return { handlers: {} };
}
