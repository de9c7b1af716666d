/** The dock rules' storage (`DockStore`) on this workstation's SQLite file. */
import type { DockStore } from '@shared/domain/dock/store';
import type { Queryable } from '../db/connection';
import * as appointments from './appointments-repo';
import * as doors from './doors-repo';

export function sqliteDockStore(tx: Queryable, siteId: string): DockStore {
  return {
    getDoor: (id) => doors.getDoor(tx, id),
    findDoorByName: (name) => doors.findDoorByName(tx, siteId, name),
    insertDoor: (door, now) => doors.insertDoor(tx, siteId, door, now),
    updateDoor: (door, now) => doors.updateDoor(tx, door, now),
    getAppointment: (id) => appointments.getAppointment(tx, id),
    bookedBetween: (from, to, filter) => appointments.listAppointmentsBetween(tx, from, to, filter),
    bookedWithReference: (key, from, to, excludeId) =>
      appointments.listBookedWithReference(tx, key, from, to, excludeId),
    countFutureBookings: (doorId, from) => appointments.countFutureBookings(tx, doorId, from),
    findCarrierByName: (name) => appointments.findCarrierByName(tx, name),
    insertCarrier: (carrier, now) => appointments.insertCarrier(tx, carrier, now),
    insertAppointment: (a, now) => appointments.insertAppointment(tx, a, now),
    updateAppointment: (a, now) => appointments.updateAppointment(tx, a, now),
    getSeries: (id) => appointments.getSeries(tx, id),
    insertSeries: (x, now) => appointments.insertSeries(tx, x, now),
    updateSeries: (x, now) => appointments.updateSeries(tx, x, now),
    seriesOccurrences: (id) => appointments.seriesOccurrences(tx, id),
  };
}
