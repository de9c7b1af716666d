import { randomUUID } from 'node:crypto';
import { AppError, type Appointment, type Door, type FreeSlot, type ParsedInput } from '@shared/contract';
import type { CallContext } from '../router';
import type { Readable } from '../db/connection';
import type { Database, Tx } from '../db/database';
import { recordMutation } from '../db/outbox';
import { dayBounds, formatHhMm, isoDate, minuteOfDay, parseHhMm } from '@shared/domain/time';
import * as appointmentsRepo from './appointments-repo';
import * as doorsRepo from './doors-repo';
import { assertReferenceUnused, sameReference } from './duplicate-reference';
import { FREE_SLOT_SEARCH_MS, nextFreeSlot, withinOpeningHours } from './opening-hours';

export interface DockServiceDeps {
  db: Database;
  siteId: string;
  timeZone: string;
  now: () => number;
  /** Told which site-local days changed, after the change has committed. */
  onChanged: (dates: string[]) => void;
}

/** Dock doors and appointments: every rule about what may be booked where lives here. */
export class DockService {
  constructor(private readonly deps: DockServiceDeps) {}

  listDoors(includeInactive: boolean): Promise<Door[]> {
    return doorsRepo.listDoors(this.deps.db, this.deps.siteId, includeInactive);
  }

  listCarriers() {
    return appointmentsRepo.listCarriers(this.deps.db);
  }

  async listAppointments(date: string, includeCancelled: boolean): Promise<Appointment[]> {
    const { start, end } = dayBounds(date, this.deps.timeZone);
    return appointmentsRepo.listAppointmentsBetween(this.deps.db, start, end, { includeCancelled });
  }

  async createDoor(input: ParsedInput<'dock.createDoor'>, ctx: CallContext): Promise<Door> {
    const door: Door = {
      id: randomUUID(),
      name: input.name,
      direction: input.direction,
      equipment: [...new Set(input.equipment)],
      opensAt: parseHhMm(input.opensAt)!,
      closesAt: parseHhMm(input.closesAt)!,
      active: true,
    };
    return this.change(['dock.createDoor', input, ctx], [], async (tx) => {
      await this.assertNameFree(tx, door.name);
      await doorsRepo.insertDoor(tx, this.deps.siteId, door, this.deps.now());
      return door;
    });
  }

  async updateDoor(input: ParsedInput<'dock.updateDoor'>, ctx: CallContext): Promise<Door> {
    return this.change(['dock.updateDoor', input, ctx], [], async (tx) => {
      const current = await this.requireDoor(tx, input.id);
      const next: Door = {
        ...current,
        name: input.name ?? current.name,
        direction: input.direction ?? current.direction,
        equipment: input.equipment ? [...new Set(input.equipment)] : current.equipment,
        opensAt: input.opensAt !== undefined ? parseHhMm(input.opensAt)! : current.opensAt,
        closesAt: input.closesAt !== undefined ? parseHhMm(input.closesAt)! : current.closesAt,
      };
      if (next.opensAt >= next.closesAt) {
        throw new AppError('invalid_input', `${next.name} must open before it closes.`);
      }
      if (next.name.toLowerCase() !== current.name.toLowerCase()) await this.assertNameFree(tx, next.name);
      if (next.opensAt !== current.opensAt || next.closesAt !== current.closesAt) {
        await this.assertBookingsFit(tx, next);
      }
      await doorsRepo.updateDoor(tx, next, this.deps.now());
      return next;
    });
  }

  async setDoorActive(input: ParsedInput<'dock.setDoorActive'>, ctx: CallContext): Promise<Door> {
    return this.change(['dock.setDoorActive', input, ctx], [], async (tx) => {
      const door = await this.requireDoor(tx, input.id);
      if (!input.active) {
        const upcoming = await appointmentsRepo.countFutureBookings(tx, door.id, this.deps.now());
        if (upcoming > 0) {
          throw new AppError(
            'conflict',
            `${door.name} still has ${upcoming} upcoming appointment(s). Move or cancel them before deactivating the door.`,
            { upcoming },
          );
        }
      }
      const next = { ...door, active: input.active };
      await doorsRepo.updateDoor(tx, next, this.deps.now());
      return next;
    });
  }

  async book(input: ParsedInput<'dock.bookAppointment'>, ctx: CallContext): Promise<Appointment> {
    const startAt = input.startAt;
    const endAt = startAt + input.durationMin * 60_000;
    return this.change(['dock.bookAppointment', input, ctx], [startAt], async (tx) => {
      const door = await this.requireBookableDoor(tx, input.doorId);
      await this.assertSlotFree(tx, door, startAt, endAt, undefined);
      await this.assertReferenceUnused(
        tx,
        input.reference,
        startAt,
        undefined,
        input.acceptDuplicateReference,
      );
      const carrier = await appointmentsRepo.carrierByName(
        tx,
        input.carrierName,
        randomUUID,
        this.deps.now(),
      );
      const appointment: Appointment = {
        id: randomUUID(),
        doorId: door.id,
        carrierId: carrier.id,
        carrierName: carrier.name,
        reference: input.reference,
        startAt,
        endAt,
        loadType: input.loadType,
        pallets: input.pallets,
        notes: input.notes,
        status: 'booked',
        cancelReason: null,
      };
      await appointmentsRepo.insertAppointment(tx, appointment, this.deps.now());
      return appointment;
    });
  }

  move(input: ParsedInput<'dock.moveAppointment'>, ctx: CallContext): Promise<Appointment> {
    return this.update(
      { id: input.id, doorId: input.doorId, startAt: input.startAt, durationMin: input.durationMin },
      ctx,
      'dock.moveAppointment',
    );
  }

  async update(
    input: ParsedInput<'dock.updateAppointment'>,
    ctx: CallContext,
    name: 'dock.updateAppointment' | 'dock.moveAppointment' = 'dock.updateAppointment',
  ): Promise<Appointment> {
    return this.change([name, input, ctx], [], async (tx, touched) => {
      const current = await this.requireAppointment(tx, input.id);
      if (current.status !== 'booked') {
        throw new AppError(
          'conflict',
          `Appointment ${current.reference} is cancelled and cannot be changed.`,
        );
      }
      const startAt = input.startAt ?? current.startAt;
      const durationMs =
        input.durationMin !== undefined ? input.durationMin * 60_000 : current.endAt - current.startAt;
      const door = await this.requireBookableDoor(tx, input.doorId ?? current.doorId);
      await this.assertSlotFree(tx, door, startAt, startAt + durationMs, current.id);
      // Only a new reference is checked: moving or editing a booking the operator already
      // confirmed as a second delivery must not ask again.
      if (input.reference !== undefined && !sameReference(input.reference, current.reference)) {
        await this.assertReferenceUnused(
          tx,
          input.reference,
          startAt,
          current.id,
          input.acceptDuplicateReference,
        );
      }
      const carrier =
        input.carrierName !== undefined
          ? await appointmentsRepo.carrierByName(tx, input.carrierName, randomUUID, this.deps.now())
          : { id: current.carrierId, name: current.carrierName };
      const next: Appointment = {
        ...current,
        doorId: door.id,
        carrierId: carrier.id,
        carrierName: carrier.name,
        reference: input.reference ?? current.reference,
        startAt,
        endAt: startAt + durationMs,
        loadType: input.loadType ?? current.loadType,
        pallets: input.pallets ?? current.pallets,
        notes: input.notes ?? current.notes,
      };
      await appointmentsRepo.updateAppointment(tx, next, this.deps.now());
      touched.push(current.startAt, next.startAt);
      return next;
    });
  }

  async cancel(input: ParsedInput<'dock.cancelAppointment'>, ctx: CallContext): Promise<Appointment> {
    return this.change(['dock.cancelAppointment', input, ctx], [], async (tx, touched) => {
      const current = await this.requireAppointment(tx, input.id);
      if (current.status === 'cancelled') {
        throw new AppError('conflict', `Appointment ${current.reference} is already cancelled.`);
      }
      const next: Appointment = { ...current, status: 'cancelled', cancelReason: input.reason };
      await appointmentsRepo.updateAppointment(tx, next, this.deps.now());
      touched.push(current.startAt);
      return next;
    });
  }

  async findFreeSlot(input: ParsedInput<'dock.findFreeSlot'>): Promise<FreeSlot | null> {
    const doors = input.doorId
      ? [await this.requireDoor(this.deps.db, input.doorId)]
      : await doorsRepo.listDoors(this.deps.db, this.deps.siteId, false);
    let best: FreeSlot | null = null;
    for (const door of doors) {
      const slot = await this.freeSlotOn(
        this.deps.db,
        door,
        input.after,
        input.durationMin * 60_000,
        input.ignoreAppointmentId,
      );
      if (slot && (!best || slot.startAt < best.startAt)) best = slot;
    }
    return best;
  }

  /**
   * Runs `work` in one write transaction together with its outbox row, then announces the
   * site-local days it touched. `touched` collects instants found while working.
   */
  private async change<T>(
    [name, args, ctx]: [string, unknown, CallContext],
    instants: number[],
    work: (tx: Tx, touched: number[]) => Promise<T>,
  ): Promise<T> {
    const touched = [...instants];
    const result = await this.deps.db.write(async (tx) => {
      const value = await work(tx, touched);
      await recordMutation(tx, {
        name,
        args: { ...(args as object), resultId: (value as { id?: string }).id },
        actor: ctx.actor,
        at: this.deps.now(),
      });
      return value;
    });
    const dates = [...new Set(touched.map((t) => isoDate(t, this.deps.timeZone)))];
    this.deps.onChanged(dates);
    return result;
  }

  private async requireDoor(db: Readable, id: string): Promise<Door> {
    const door = await doorsRepo.getDoor(db, id);
    if (!door)
      throw new AppError(
        'not_found',
        'That dock door does not exist any more. Refresh and pick another door.',
      );
    return door;
  }

  private async requireBookableDoor(tx: Tx, id: string): Promise<Door> {
    const door = await this.requireDoor(tx, id);
    if (!door.active)
      throw new AppError('conflict', `${door.name} is deactivated. Pick another door or reactivate it.`);
    return door;
  }

  private async requireAppointment(tx: Tx, id: string): Promise<Appointment> {
    const a = await appointmentsRepo.getAppointment(tx, id);
    if (!a) throw new AppError('not_found', 'That appointment does not exist any more. Refresh the board.');
    return a;
  }

  private async assertNameFree(tx: Tx, name: string): Promise<void> {
    if (await doorsRepo.findDoorByName(tx, this.deps.siteId, name)) {
      throw new AppError('conflict', `A door named "${name}" already exists. Choose another name.`, {
        field: 'name',
        reason: 'name_taken',
      });
    }
  }

  private async assertBookingsFit(tx: Tx, door: Door): Promise<void> {
    const now = this.deps.now();
    const upcoming = await appointmentsRepo.listAppointmentsBetween(tx, now, Number.MAX_SAFE_INTEGER, {
      doorId: door.id,
    });
    const outside = upcoming.filter((a) => !withinOpeningHours(door, a.startAt, a.endAt, this.deps.timeZone));
    if (outside.length > 0) {
      const first = outside[0]!;
      throw new AppError(
        'conflict',
        `${outside.length} booked appointment(s) on ${door.name} fall outside the new hours, the first ${first.reference} ` +
          `on ${isoDate(first.startAt, this.deps.timeZone)} at ${formatHhMm(minuteOfDay(first.startAt, this.deps.timeZone))}. ` +
          'Move or cancel them first.',
        { appointmentIds: outside.map((a) => a.id) },
      );
    }
  }

  private assertReferenceUnused(
    tx: Tx,
    reference: string,
    startAt: number,
    excludeId: string | undefined,
    confirmed = false,
  ): Promise<void> {
    return assertReferenceUnused(
      tx,
      { reference, startAt, excludeId, confirmed },
      this.deps.timeZone,
      async (id) => (await doorsRepo.getDoor(tx, id))?.name ?? '?',
    );
  }

  private async assertSlotFree(
    tx: Tx,
    door: Door,
    startAt: number,
    endAt: number,
    selfId: string | undefined,
  ) {
    const tz = this.deps.timeZone;
    const clock = (ms: number) => formatHhMm(minuteOfDay(ms, tz));
    const suggest = () => this.freeSlotOn(tx, door, startAt, endAt - startAt, selfId);
    if (!withinOpeningHours(door, startAt, endAt, tz)) {
      throw new AppError(
        'invalid_input',
        `${door.name} is open ${formatHhMm(door.opensAt)}–${formatHhMm(door.closesAt)}; ` +
          `${clock(startAt)}–${clock(endAt)} is outside those hours.`,
        { reason: 'outside_hours', doorId: door.id, startAt, endAt, nextFree: await suggest() },
      );
    }
    const clash = await appointmentsRepo.listAppointmentsBetween(tx, startAt, endAt, {
      doorId: door.id,
      excludeId: selfId,
    });
    if (clash.length > 0) {
      const c = clash[0]!;
      throw new AppError(
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
          nextFree: await suggest(),
        },
      );
    }
  }

  private async freeSlotOn(
    db: Readable,
    door: Door,
    after: number,
    durationMs: number,
    ignoreId: string | undefined,
  ) {
    const booked = await appointmentsRepo.listAppointmentsBetween(
      db,
      after - 86_400_000,
      after + FREE_SLOT_SEARCH_MS,
      {
        doorId: door.id,
        excludeId: ignoreId,
      },
    );
    return nextFreeSlot(door, booked, after, durationMs, this.deps.timeZone);
  }
}
