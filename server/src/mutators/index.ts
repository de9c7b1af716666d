import { claimsMutators } from './claims';
import { dockMutators } from './dock';
import type { ServerMutators } from './types';

/** Every synced mutation's server side. A new domain spreads its mutators here. */
export const serverMutators: ServerMutators = { ...dockMutators, ...claimsMutators };
