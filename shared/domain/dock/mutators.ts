/**
 * The dock's rules: what may be booked where. Each mutator runs inside one write transaction
 * on a `DockStore`, with the arguments the workstation recorded in its outbox, so the same code
 * decides on the workstation (when the operator acts, and again when sync replays pending
 * changes over fresh server data) and on the sync server (which has the last word).
 */
import { AppError, type Appointment, type Door } from '../../contract';
import type { DockArgs } from '../../contract/sync-mutators';
import { formatHhMm, isoDate, minuteOfDay, parseHhMm } from '../time';
import { assertReferenceUnused, sameReference } from './duplicate-reference';
import { FREE_SLOT_SEARCH_MS, nextFreeSlot, withinOpeningHours } from './opening-hours';
import type { DockEnv, DockStore } from './store';

export async function createDoor(s: DockStore, env: DockEnv, args: DockArgs<'dock.createDoor'>): Promise<Door> {
  const door: Door = {
    id: args.resultId,
    name: args.name,
    direction: args.direction,
    equipment: [...new Set(args.equipment)],
    opensAt: parseHhMm(args.opensAt)!,
    closesAt: parseHhMm(args.closesAt)!,
    active: true,
  };
  if (await s.getDoor(door.id)) throw new AppError('conflict', 'That door was already created.');
  await assertNameFree(s, door.name);
  await s.insertDoor(door, env.now);
  return door;
}

export async function updateDoor(s: DockStore, env: DockEnv, args: DockArgs<'dock.updateDoor'>): Promise<Door> {
  const current = await requireDoor(s, args.id);
  const next: Door = {
    ...current,
    name: args.name ?? current.name,
    direction: args.direction ?? current.direction,
    equipment: args.equipment ? [...new Set(args.equipment)] : current.equipment,
    opensAt: args.opensAt !== undefined ? parseHhMm(args.opensAt)! : current.opensAt,
    closesAt: args.closesAt !== undefined ? parseHhMm(args.closesAt)! : current.closesAt,
  };
  if (next.opensAt >= next.closesAt) {
    throw new AppError('invalid_input', `${next.name} must open before it closes.`);
  }
  if (next.name.toLowerCase() !== current.name.toLowerCase()) await assertNameFree(s, next.name);
  if (next.opensAt !== current.opensAt || next.closesAt !== current.closesAt) {
    await assertBookingsFit(s, env, next);
  }
  await s.updateDoor(next, env.now);
  return next;
}

export async function setDoorActive(
  s: DockStore,
  env: DockEnv,
  args: DockArgs<'dock.setDoorActive'>,
): Promise<Door> {
  const door = await requireDoor(s, args.id);
  if (!args.active) {
    const upcoming = await s.countFutureBookings(door.id, env.now);
    if (upcoming > 0) {
      throw new AppError(
        'conflict',
        `${door.name} still has ${upcoming} upcoming appointment(s). Move or cancel them before deactivating the door.`,
        { upcoming },
      );
    }
  }
  const next = { ...door, active: args.active };
  await s.updateDoor(next, env.now);
  return next;
}

export async function bookAppointment(
  s: DockStore,
  env: DockEnv,
  args: DockArgs<'dock.bookAppointment'>,
): Promise<Appointment> {
  const endAt = args.startAt + args.durationMin * 60_000;
  env.touched?.push(args.startAt);
  if (await s.getAppointment(args.resultId)) throw new AppError('conflict', 'That appointment was already booked.');
  const door = await requireBookableDoor(s, args.doorId);
  await assertSlotFree(s, env, door, args.startAt, endAt, undefined);
  await assertReferenceUnused(
    s,
    { reference: args.reference, startAt: args.startAt, confirmed: args.acceptDuplicateReference ?? false },
    env.timeZone,
  );
  const carrier = await carrierByName(s, env, args.carrierName, args.carrierId);
  const appointment: Appointment = {
    id: args.resultId,
    doorId: door.id,
    carrierId: carrier.id,
    carrierName: carrier.name,
    reference: args.reference,
    startAt: args.startAt,
    endAt,
    loadType: args.loadType,
    pallets: args.pallets,
    notes: args.notes,
    status: 'booked',
    cancelReason: null,
  };
  await s.insertAppointment(appointment, env.now);
  return appointment;
}

/** An edit of a booked appointment; a move is an edit of its door and time only. */
export async function updateAppointment(
  s: DockStore,
  env: DockEnv,
  args: DockArgs<'dock.updateAppointment'>,
): Promise<Appointment> {
  const current = await requireAppointment(s, args.id);
  if (current.status !== 'booked') {
    throw new AppError('conflict', `Appointment ${current.reference} is cancelled and cannot be changed.`);
  }
  const startAt = args.startAt ?? current.startAt;
  const durationMs = args.durationMin !== undefined ? args.durationMin * 60_000 : current.endAt - current.startAt;
  const door = await requireBookableDoor(s, args.doorId ?? current.doorId);
  await assertSlotFree(s, env, door, startAt, startAt + durationMs, current.id);
  // Only a new reference is checked: moving or editing a booking the operator already confirmed
  // as a second delivery must not ask again.
  if (args.reference !== undefined && !sameReference(args.reference, current.reference)) {
    const confirmed = args.acceptDuplicateReference ?? false;
    await assertReferenceUnused(s, { reference: args.reference, startAt, excludeId: current.id, confirmed }, env.timeZone);
  }
  const carrier = await editedCarrier(s, env, args, current);
  const next: Appointment = {
    ...current,
    doorId: door.id,
    carrierId: carrier.id,
    carrierName: carrier.name,
    reference: args.reference ?? current.reference,
    startAt,
    endAt: startAt + durationMs,
    loadType: args.loadType ?? current.loadType,
    pallets: args.pallets ?? current.pallets,
    notes: args.notes ?? current.notes,
    // An occurrence edited on its own keeps its edit when the series changes.
    ...(current.seriesId ? { detached: true } : {}),
  };
  await s.updateAppointment(next, env.now);
  env.touched?.push(current.startAt, next.startAt);
  return next;
}

export async function cancelAppointment(
  s: DockStore,
  env: DockEnv,
  args: DockArgs<'dock.cancelAppointment'>,
): Promise<Appointment> {
  const current = await requireAppointment(s, args.id);
  if (current.status === 'cancelled') {
    throw new AppError('conflict', `Appointment ${current.reference} is already cancelled.`);
  }
  const next: Appointment = { ...current, status: 'cancelled', cancelReason: args.reason };
  await s.updateAppointment(next, env.now);
  env.touched?.push(current.startAt);
  return next;
}

/** The first free slot for `durationMs` on `door` at or after `after`, inside opening hours. */
export async function freeSlotOn(
  s: Pick<DockStore, 'bookedBetween'>,
  timeZone: string,
  door: Door,
  after: number,
  durationMs: number,
  ignoreId: string | undefined,
) {
  const booked = await s.bookedBetween(after - 86_400_000, after + FREE_SLOT_SEARCH_MS, {
    doorId: door.id,
    excludeId: ignoreId,
  });
  return nextFreeSlot(door, booked, after, durationMs, timeZone);
}

export async function requireDoor(s: Pick<DockStore, 'getDoor'>, id: string): Promise<Door> {
  const door = await s.getDoor(id);
  if (!door)
    throw new AppError('not_found', 'That dock door does not exist any more. Refresh and pick another door.');
  return door;
}

export async function requireBookableDoor(s: DockStore, id: string): Promise<Door> {
  const door = await requireDoor(s, id);
  if (!door.active) throw new AppError('conflict', `${door.name} is deactivated. Pick another door or reactivate it.`);
  return door;
}

async function requireAppointment(s: DockStore, id: string): Promise<Appointment> {
  const a = await s.getAppointment(id);
  if (!a) throw new AppError('not_found', 'That appointment does not exist any more. Refresh the board.');
  return a;
}

/** The carrier an edit names (by name, created if new), or the record's own when it names none. */
export function editedCarrier(
  s: DockStore,
  env: DockEnv,
  args: { carrierName?: string; carrierId?: string },
  current: { carrierId: string; carrierName: string },
) {
  return args.carrierName !== undefined
    ? carrierByName(s, env, args.carrierName, args.carrierId)
    : Promise.resolve({ id: current.carrierId, name: current.carrierName });
}

/** The carrier with this name (any case), created with `newId` if new. */
export async function carrierByName(s: DockStore, env: DockEnv, name: string, newId: string | undefined) {
  const found = await s.findCarrierByName(name);
  if (found) return found;
  if (!newId) throw new AppError('invalid_input', `The new carrier ${name} needs an id.`);
  const carrier = { id: newId, name };
  await s.insertCarrier(carrier, env.now);
  return carrier;
}

async function assertNameFree(s: DockStore, name: string): Promise<void> {
  if (await s.findDoorByName(name)) {
    throw new AppError('conflict', `A door named "${name}" already exists. Choose another name.`, {
      field: 'name',
      reason: 'name_taken',
    });
  }
}

async function assertBookingsFit(s: DockStore, env: DockEnv, door: Door): Promise<void> {
  const upcoming = await s.bookedBetween(env.now, Number.MAX_SAFE_INTEGER, { doorId: door.id });
  const outside = upcoming.filter((a) => !withinOpeningHours(door, a.startAt, a.endAt, env.timeZone));
  if (outside.length > 0) {
    const first = outside[0]!;
    throw new AppError(
      'conflict',
      `${outside.length} booked appointment(s) on ${door.name} fall outside the new hours, the first ${first.reference} ` +
        `on ${isoDate(first.startAt, env.timeZone)} at ${formatHhMm(minuteOfDay(first.startAt, env.timeZone))}. ` +
        'Move or cancel them first.',
      { appointmentIds: outside.map((a) => a.id) },
    );
  }
}

export async function assertSlotFree(
  s: DockStore,
  env: DockEnv,
  door: Door,
  startAt: number,
  endAt: number,
  selfId: string | undefined,
) {
  const tz = env.timeZone;
  const clock = (ms: number) => formatHhMm(minuteOfDay(ms, tz));
  const suggest = () => freeSlotOn(s, tz, door, startAt, endAt - startAt, selfId);
  if (!withinOpeningHours(door, startAt, endAt, tz)) {
    throw new AppError(
      'invalid_input',
      `${door.name} is open ${formatHhMm(door.opensAt)}–${formatHhMm(door.closesAt)}; ` +
        `${clock(startAt)}–${clock(endAt)} is outside those hours.`,
      { reason: 'outside_hours', doorId: door.id, startAt, endAt, nextFree: await suggest() },
    );
  }
  const clash = await s.bookedBetween(startAt, endAt, { doorId: door.id, excludeId: selfId });
  if (clash.length > 0) throw await overlapError(s, tz, door, clash[0]!, startAt, endAt, selfId);
}

/** The refusal for a slot taken by `c`, with the next free slot; also used when the database's guard fires. */
export async function overlapError(
  s: Pick<DockStore, 'bookedBetween'>,
  timeZone: string,
  door: Door,
  c: Appointment,
  startAt: number,
  endAt: number,
  selfId: string | undefined,
): Promise<AppError> {
  const clock = (ms: number) => formatHhMm(minuteOfDay(ms, timeZone));
  return new AppError(
    'conflict',
    `${door.name} is taken ${clock(c.startAt)}–${clock(c.endAt)} by ${c.carrierName} (${c.reference}).`,
    {
      reason: 'overlap',
      doorId: door.id,
      conflictWith: {
        id: c.id,
        reference: c.reference,
        carrierName: c.carrierName,
        startAt: c.startAt,
        endAt: c.endAt,
      },
      nextFree: await freeSlotOn(s, timeZone, door, startAt, endAt - startAt, selfId),
    },
  );
}
