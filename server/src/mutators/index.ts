import { dockMutators } from './dock';
import { fleetMutators } from './fleet';
import type { ServerMutators } from './types';

/** Every synced mutation's server side. A new domain spreads its mutators here. */
export const serverMutators: ServerMutators = { ...dockMutators, ...fleetMutators };
