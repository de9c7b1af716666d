import type { Appointment, AppointmentSeries, Carrier, Door } from '../../contract';

/**
 * What the dock rules need from storage. Core implements it on its SQLite file, the sync server
 * on PostgreSQL; the rules in `mutators.ts` run unchanged on both, inside the caller's write
 * transaction.
 */
export interface DockStore {
  getDoor(id: string): Promise<Door | undefined>;
  findDoorByName(name: string): Promise<Door | undefined>;
  /** Appends the door after the site's last one. */
  insertDoor(door: Door, now: number): Promise<void>;
  updateDoor(door: Door, now: number): Promise<void>;
  getAppointment(id: string): Promise<Appointment | undefined>;
  /** Booked appointments overlapping [from, to), by start. */
  bookedBetween(from: number, to: number, filter: { doorId?: string; excludeId?: string }): Promise<Appointment[]>;
  /** Booked appointments overlapping [from, to) whose stored reference key is `key` (see `referenceKey`). */
  bookedWithReference(key: string, from: number, to: number, excludeId?: string): Promise<Appointment[]>;
  countFutureBookings(doorId: string, from: number): Promise<number>;
  findCarrierByName(name: string): Promise<Carrier | undefined>;
  insertCarrier(carrier: Carrier, now: number): Promise<void>;
  insertAppointment(a: Appointment, now: number): Promise<void>;
  updateAppointment(a: Appointment, now: number): Promise<void>;
  getSeries(id: string): Promise<AppointmentSeries | undefined>;
  insertSeries(series: AppointmentSeries, now: number): Promise<void>;
  updateSeries(series: AppointmentSeries, now: number): Promise<void>;
  /** Every appointment of the series, cancelled ones too, by start. */
  seriesOccurrences(seriesId: string): Promise<Appointment[]>;
}

/** The clock and calendar the rules run in: the site's (workstation) or the tenant's (server). */
export interface DockEnv {
  timeZone: string;
  now: number;
  /** Collects the instants a change touched, so the caller can say which days changed. */
  touched?: number[];
}
