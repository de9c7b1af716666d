import type { SyncedArgs, SyncedMutatorName } from '@shared/contract/sync-mutators';
import type { EntityStore } from '../sync/entity-store';

/** What a server mutator runs with: the tenant's clock and calendar and its records. */
export interface MutationContext {
  store: EntityStore;
  timeZone: string;
  now: number;
}

export type ServerMutator<N extends SyncedMutatorName> = (m: MutationContext, args: SyncedArgs<N>) => Promise<unknown>;

/** One server mutator per synced mutation name (the compiler checks none is missing). */
export type ServerMutators = { [N in SyncedMutatorName]: ServerMutator<N> };
