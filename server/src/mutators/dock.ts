/**
 * The dock's mutators on the server: the shared rules (`shared/domain/dock`) over a `DockStore`
 * on PostgreSQL. Doors, carriers and appointments are `entities` rows; the exclusion constraint
 * of migration 0003 is the last guard against a double-booked door.
 */
import { MAX_APPOINTMENT_MINUTES, type Appointment, type AppointmentSeries, type Carrier, type Door } from '@shared/contract';
import * as rules from '@shared/domain/dock/mutators';
import * as series from '@shared/domain/dock/series';
import * as timeline from '@shared/domain/dock/timeline';
import type { DockStore } from '@shared/domain/dock/store';
import type { EntityStore } from '../sync/entity-store';
import type { ServerMutators, MutationContext } from './types';

type StoredAppointment = Omit<Appointment, 'carrierName'>;
type StoredSeries = Omit<AppointmentSeries, 'carrierName'>;

/** Appointment rows with their carrier's name, as the rules read them. */
const APPOINTMENT = `SELECT a.data || jsonb_build_object('carrierName', coalesce(c.data ->> 'name', '')) AS data
  FROM entities a
  LEFT JOIN entities c ON c.tenant_id = a.tenant_id AND c.entity = 'carrier' AND c.id = a.data ->> 'carrierId'
  WHERE a.tenant_id = current_tenant() AND a.entity = 'appointment' AND a.data IS NOT NULL`;

function stored<T extends { carrierName: string }>(a: T): Omit<T, 'carrierName'> {
  const { carrierName: _name, ...rest } = a;
  return rest;
}

export function pgDockStore(s: EntityStore): DockStore {
  const q = async <T>(sql: string, params: unknown[]): Promise<T[]> =>
    (await s.tx.query<{ data: T }>(sql, params)).rows.map((r) => r.data);
  const byName = <T>(entity: 'door' | 'carrier', name: string) =>
    s.memo(`${entity}:name:${name.toLowerCase()}`, async () => {
      const [found] = await q<T>(
        `SELECT data FROM entities WHERE tenant_id = current_tenant() AND entity = $1 AND data IS NOT NULL
           AND lower(data ->> 'name') = lower($2)`,
        [entity, name],
      );
      return found;
    });
  const withCarrierName = async <T extends { carrierId: string }>(a: T): Promise<T & { carrierName: string }> => ({
    ...a,
    carrierName: (await s.get<Carrier>('carrier', a.carrierId))?.name ?? '',
  });
  return {
    getDoor: (id) => s.get<Door>('door', id),
    findDoorByName: (name) => byName<Door>('door', name),
    async insertDoor(door) {
      const [last] = await q<number | null>(
        `SELECT max((data ->> 'sortOrder')::int) AS data FROM entities
         WHERE tenant_id = current_tenant() AND entity = 'door' AND data IS NOT NULL`,
        [],
      );
      await s.put('door', door.id, { ...door, sortOrder: (last ?? 0) + 1 });
    },
    async updateDoor(door) {
      const before = await s.get<Door & { sortOrder?: number }>('door', door.id);
      await s.put('door', door.id, { ...door, sortOrder: before?.sortOrder ?? 0 });
    },
    async getAppointment(id) {
      const a = await s.get<StoredAppointment>('appointment', id);
      return a && withCarrierName(a);
    },
    async bookedBetween(from, to, filter) {
      // Plain column comparisons (migration 0003): an index lookup even under row-level security.
      const door = filter.doorId !== undefined ? 'AND a.door_id = $3' : 'AND $3::text IS NULL';
      return q<Appointment>(
        `${APPOINTMENT} AND a.booked AND a.starts_at < $2 AND a.ends_at > $1 AND a.starts_at > $5
           ${door} AND ($4::text IS NULL OR a.id <> $4)
         ORDER BY a.starts_at, a.id`,
        // No appointment is longer than the longest allowed: a lower bound for the index scan.
        [from, to, filter.doorId ?? null, filter.excludeId ?? null, from - MAX_APPOINTMENT_MINUTES * 60_000 - 1],
      );
    },
    bookedWithReference(reference, from, to, excludeId) {
      return q<Appointment>(
        `${APPOINTMENT} AND a.booked AND a.reference_key = lower(btrim($1)) AND a.starts_at < $3 AND a.ends_at > $2
           AND ($4::text IS NULL OR a.id <> $4)
         ORDER BY a.starts_at, a.id`,
        [reference, from, to, excludeId ?? null],
      );
    },
    async countFutureBookings(doorId, from) {
      const [n] = await q<number>(
        `SELECT count(*)::int AS data FROM entities WHERE tenant_id = current_tenant() AND booked
           AND door_id = $1 AND ends_at > $2`,
        [doorId, from],
      );
      return n ?? 0;
    },
    findCarrierByName: (name) => byName<Carrier>('carrier', name),
    insertCarrier: (carrier) => s.put('carrier', carrier.id, { ...carrier }),
    insertAppointment: (a) => s.put('appointment', a.id, stored(a)),
    updateAppointment: (a) => s.put('appointment', a.id, stored(a)),
    async getSeries(id) {
      const x = await s.get<StoredSeries>('appointmentSeries', id);
      return x && withCarrierName(x);
    },
    insertSeries: (x) => s.put('appointmentSeries', x.id, stored(x)),
    updateSeries: (x) => s.put('appointmentSeries', x.id, stored(x)),
    seriesOccurrences: (seriesId) =>
      q<Appointment>(`${APPOINTMENT} AND a.data ->> 'seriesId' = $1 ORDER BY a.data ->> 'occurrenceDate', a.starts_at, a.id`, [
        seriesId,
      ]),
  };
}

const env = (m: MutationContext) => ({ timeZone: m.timeZone, now: m.now });

export const dockMutators = {
  'dock.createDoor': (m, args) => rules.createDoor(pgDockStore(m.store), env(m), args),
  'dock.updateDoor': (m, args) => rules.updateDoor(pgDockStore(m.store), env(m), args),
  'dock.setDoorActive': (m, args) => rules.setDoorActive(pgDockStore(m.store), env(m), args),
  'dock.bookAppointment': (m, args) => rules.bookAppointment(pgDockStore(m.store), env(m), args),
  'dock.moveAppointment': (m, args) => rules.updateAppointment(pgDockStore(m.store), env(m), args),
  'dock.updateAppointment': (m, args) => rules.updateAppointment(pgDockStore(m.store), env(m), args),
  'dock.cancelAppointment': (m, args) => rules.cancelAppointment(pgDockStore(m.store), env(m), args),
  'dock.advanceStage': (m, args) => timeline.advanceStage(pgDockStore(m.store), env(m), args),
  'dock.createSeries': (m, args) => series.createSeries(pgDockStore(m.store), env(m), args),
  'dock.editSeries': (m, args) => series.editSeries(pgDockStore(m.store), env(m), args),
  'dock.cancelSeries': (m, args) => series.cancelSeries(pgDockStore(m.store), env(m), args),
} satisfies Partial<ServerMutators>;
