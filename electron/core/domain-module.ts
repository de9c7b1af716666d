import type { Database } from './db/database';
import type { EventBus } from './event-bus';
import type { FilesPort } from './files/file-store';
import type { Logger } from './log';
import type { CommandName } from '@shared/contract';
import type { CallContext, Handlers } from './router';
import type { Site } from './site';
import type { SyncedDomain } from './sync/types';

/** What every domain module is given by the core at start-up. */
export interface ModuleDeps {
  db: Database;
  site: Site;
  events: EventBus;
  logger: Logger;
  dataDir: string;
  now: () => number;
  demo: boolean;
  version: string;
  /** The attachment store, for domains that take files (imports, documents, claims). */
  files: FilesPort;
  /**
   * Who acts for work the core starts itself (a scanner's gate pass, a door sensor): the operator
   * signed in on this workstation, as a command from its screen would run.
   */
  localContext(): CallContext;
  /** A line the operator must read at start (printed by the host and Electron's main). */
  notice(text: string): void;
}

/**
 * One domain's part of the core: its command handlers and, if it owns background work
 * (device polling, solver workers), how that starts and stops. The core registers every
 * module's handlers, checks the contract is complete, then starts modules in order and
 * closes them in reverse before the database closes.
 */
export interface DomainModule {
  handlers: Partial<Handlers>;
  /** The domain's synced data and mutators (see `sync/`); absent for a station-only domain. */
  sync?: SyncedDomain;
  /**
   * Mutations whose handler answers exactly what its (last) write transaction returned. Their
   * answer is stored in that transaction, so a client retrying after any crash gets the first
   * answer (others can get `already_applied` if core died between commit and answer). Tests
   * fail if a listed command answers something else.
   */
  answeredByWrite?: readonly CommandName[];
  start?(): Promise<void>;
  close?(): Promise<void>;
}
