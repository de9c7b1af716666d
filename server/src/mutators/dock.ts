/**
 * The dock's mutators on the server: the shared rules (`shared/domain/dock`) over a `DockStore`
 * on PostgreSQL. Doors, carriers and appointments are `entities` rows; the exclusion constraint
 * of migration 0003 is the last guard against a double-booked door.
 */
import { MAX_APPOINTMENT_MINUTES, type Appointment, type AppointmentSeries, type Carrier, type Door } from '@shared/contract';
import { DUPLICATE_REFERENCE_WINDOW_MS, referenceKey } from '@shared/domain/dock/duplicate-reference';
import * as rules from '@shared/domain/dock/mutators';
import * as series from '@shared/domain/dock/series';
import * as timeline from '@shared/domain/dock/timeline';
import type { DockStore } from '@shared/domain/dock/store';
import type { EntityStore } from '../sync/entity-store';
import type { ServerMutators, MutationContext } from './types';

/** As stored: the carrier by id only, and the key its reference is looked up by (shared code). */
type StoredAppointment = Omit<Appointment, 'carrierName'> & { referenceKey: string };
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

function storedAppointment(a: Appointment): StoredAppointment {
  return { ...stored(a), referenceKey: referenceKey(a.reference) };
}

export function pgDockStore(s: EntityStore): DockStore {
  const q = async <T>(sql: string, params: unknown[]): Promise<T[]> =>
    (await s.query<{ data: T }>(sql, params)).rows.map((r) => r.data);
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
      const known = indexOf(s)?.between(from, to, filter.doorId, filter.excludeId);
      if (known) return known;
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
    async bookedWithReference(key, from, to, excludeId) {
      const known = indexOf(s)?.withReference(key, from, to, excludeId);
      if (known) return known;
      return q<Appointment>(
        `${APPOINTMENT} AND a.booked AND a.reference_key = $1 AND a.starts_at < $3 AND a.ends_at > $2
           AND ($4::text IS NULL OR a.id <> $4)
         ORDER BY a.starts_at, a.id`,
        [key, from, to, excludeId ?? null],
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
    async insertAppointment(a) {
      await s.put('appointment', a.id, storedAppointment(a));
      indexOf(s)?.written(a);
    },
    async updateAppointment(a) {
      await s.put('appointment', a.id, storedAppointment(a));
      indexOf(s)?.written(a);
    },
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

const MAX_MS = MAX_APPOINTMENT_MINUTES * 60_000;
/** A batch whose bookings span more than this reads per booking instead of one window. */
const INDEX_SPAN_MS = 31 * 86_400_000;

/**
 * The booked appointments a push batch's bookings will ask about, read in two queries before the
 * batch runs (by door over the batch's time span, and by the references it books), then kept
 * current by this store's own writes. The batch holds the tenant's lock, so nothing else changes
 * them meanwhile; a rollback drops the index (`EntityStore.batch`) and the store reads again.
 * "Is this slot free, is this reference booked" then costs no round trip per booking.
 */
class BookedIndex {
  /** Every row held, by door and by reference key (an appointment is in one of each). */
  private byDoor = new Map<string, Map<string, Appointment>>();
  private byKey = new Map<string, Map<string, Appointment>>();
  private where = new Map<string, { door: string; key: string }>();

  constructor(
    private readonly doors: Set<string>,
    /** Door rows are complete for starts in (lo, hi). */
    private readonly lo: number,
    private readonly hi: number,
    private readonly keys: Set<string>,
    /** Reference rows are complete for starts in (refLo, refHi). */
    private readonly refLo: number,
    private readonly refHi: number,
    rows: Appointment[],
  ) {
    for (const a of rows) this.written(a);
  }

  written(a: Appointment): void {
    const before = this.where.get(a.id);
    if (before) {
      this.byDoor.get(before.door)?.delete(a.id);
      this.byKey.get(before.key)?.delete(a.id);
    }
    const at = { door: a.doorId, key: referenceKey(a.reference) };
    this.where.set(a.id, at);
    const add = (m: Map<string, Map<string, Appointment>>, k: string) => {
      let rows = m.get(k);
      if (!rows) m.set(k, (rows = new Map()));
      rows.set(a.id, a);
    };
    add(this.byDoor, at.door);
    add(this.byKey, at.key);
  }

  /** The answer of `bookedBetween` if this index holds it, else undefined. */
  between(from: number, to: number, doorId: string | undefined, excludeId: string | undefined): Appointment[] | undefined {
    if (doorId === undefined || !this.doors.has(doorId) || from - MAX_MS - 1 < this.lo || to > this.hi) return undefined;
    return pick(this.byDoor.get(doorId), (a) => a.startAt < to && a.endAt > from && a.id !== excludeId);
  }

  /** The answer of `bookedWithReference` if this index holds it, else undefined. */
  withReference(key: string, from: number, to: number, excludeId: string | undefined): Appointment[] | undefined {
    if (!this.keys.has(key) || from - MAX_MS - 1 < this.refLo || to > this.refHi) return undefined;
    return pick(this.byKey.get(key), (a) => a.startAt < to && a.endAt > from && a.id !== excludeId);
  }
}

/** Booked rows of `rows` that pass `ok`, in the store's order (start, then id). */
function pick(rows: Map<string, Appointment> | undefined, ok: (a: Appointment) => boolean): Appointment[] {
  return [...(rows?.values() ?? [])]
    .filter((a) => a.status === 'booked' && ok(a))
    .sort((x, y) => x.startAt - y.startAt || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

const INDEX = 'dock:booked';
const indexOf = (s: EntityStore) => s.batch.get(INDEX) as BookedIndex | undefined;

/** Reads what the batch's bookings, moves and edits will ask about (see `BookedIndex`). */
export async function prefetchDock(s: EntityStore, mutations: { name: string; args: unknown }[]): Promise<void> {
  const doors = new Set<string>();
  const keys = new Set<string>();
  const starts: number[] = [];
  for (const m of mutations) {
    if (!['dock.bookAppointment', 'dock.moveAppointment', 'dock.updateAppointment'].includes(m.name)) continue;
    const args = (m.args ?? {}) as { id?: unknown; doorId?: unknown; startAt?: unknown; reference?: unknown };
    const current = typeof args.id === 'string' ? await s.get<Appointment>('appointment', args.id) : undefined;
    const door = typeof args.doorId === 'string' ? args.doorId : current?.doorId;
    const start = typeof args.startAt === 'number' ? args.startAt : current?.startAt;
    if (door === undefined || start === undefined || !Number.isFinite(start)) continue;
    doors.add(door);
    starts.push(start);
    if (typeof args.reference === 'string') keys.add(referenceKey(args.reference));
  }
  if (starts.length === 0) return;
  const first = Math.min(...starts);
  const last = Math.max(...starts);
  if (last - first > INDEX_SPAN_MS) return;
  const lo = first - MAX_MS - 2;
  const hi = last + MAX_MS;
  const refLo = lo - DUPLICATE_REFERENCE_WINDOW_MS;
  const refHi = hi + DUPLICATE_REFERENCE_WINDOW_MS;
  const q = async (sql: string, params: unknown[]) => (await s.query<{ data: Appointment }>(sql, params)).rows.map((r) => r.data);
  const byDoor = await q(`${APPOINTMENT} AND a.booked AND a.door_id = ANY($1) AND a.starts_at > $2 AND a.starts_at < $3`, [
    [...doors],
    lo,
    hi,
  ]);
  const byKey = keys.size
    ? await q(`${APPOINTMENT} AND a.booked AND a.reference_key = ANY($1) AND a.starts_at > $2 AND a.starts_at < $3`, [
        [...keys],
        refLo,
        refHi,
      ])
    : [];
  s.batch.set(INDEX, new BookedIndex(doors, lo, hi, keys, refLo, refHi, [...byDoor, ...byKey]));
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
