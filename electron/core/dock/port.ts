/**
 * What the dock lets other domains read without touching its tables: the carriers it knows
 * (dispatch offers work to them as subcontractors) and an appointment by id (claims' receiving
 * starts from one).
 */
import type { Appointment, Carrier } from '@shared/contract';
import type { Readable } from '../db/connection';
import { getAppointment, listCarriers } from './appointments-repo';

export interface DockPort {
  /** Every carrier, by name. */
  carriers(): Promise<Carrier[]>;
  appointment(id: string): Promise<Appointment | undefined>;
}

export function createDockPort(db: Readable): DockPort {
  return { carriers: () => listCarriers(db), appointment: (id) => getAppointment(db, id) };
}
