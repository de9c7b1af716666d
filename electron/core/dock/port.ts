/** What the dock lets other domains read without touching its tables: the carriers it knows. */
import type { Carrier } from '@shared/contract';
import type { Readable } from '../db/connection';
import { listCarriers } from './appointments-repo';

export interface DockPort {
  /** Every carrier, by name (dispatch offers work to them as subcontractors). */
  carriers(): Promise<Carrier[]>;
}

export function createDockPort(db: Readable): DockPort {
  return { carriers: () => listCarriers(db) };
}
