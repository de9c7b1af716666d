import { claimsMutators } from './claims';
import { dispatchMutators } from './dispatch';
import { dockMutators, prefetchDock } from './dock';
import { fleetMutators } from './fleet';
import { routingMutators } from './routing';
import type { ServerMutators } from './types';

/** Every synced mutation's server side. A new domain spreads its mutators here. */
export const serverMutators: ServerMutators = {
  ...dockMutators,
  ...fleetMutators,
  ...routingMutators,
  ...dispatchMutators,
  ...claimsMutators,
};

/** What each domain reads for a whole push batch before it runs (one query instead of one per mutation). */
export const batchPrefetchers = [prefetchDock];
