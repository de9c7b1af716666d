/**
 * What the dock lets other domains read without touching its tables: an appointment by id
 * (claims' receiving starts from one).
 */
import type { Appointment } from '@shared/contract';
import type { Readable } from '../db/connection';
import { getAppointment } from './appointments-repo';

export interface DockPort {
  appointment(id: string): Promise<Appointment | undefined>;
}

export function dockPort(db: Readable): DockPort {
  return { appointment: (id) => getAppointment(db, id) };
}
