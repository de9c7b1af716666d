import { randomUUID } from 'node:crypto';
import { AppError, type Appointment, type AppointmentSeries, type Door, type FreeSlot, type ParsedInput, type GateScanResult, type SeriesResult } from '@shared/contract';
import type { SyncedArgs, SyncedMutatorName } from '@shared/contract/sync-mutators';
import * as rules from '@shared/domain/dock/mutators';
import * as series from '@shared/domain/dock/series';
import * as timeline from '@shared/domain/dock/timeline';
import { dayBounds, isoDate } from '@shared/domain/time';
import type { CallContext } from '../router';
import type { Database, Tx } from '../db/database';
import { recordMutation } from '../db/outbox';
import * as appointmentsRepo from './appointments-repo';
import { sqliteDockStore } from './dock-store';
import * as doorsRepo from './doors-repo';

type DockMutatorName = Extract<SyncedMutatorName, `dock.${string}`>;

export interface DockServiceDeps {
  db: Database;
  siteId: string;
  timeZone: string;
  now: () => number;
  /** Told which site-local days changed, after the change has committed. */
  onChanged: (dates: string[]) => void;
}

/**
 * Dock doors and appointments. The rules live in `shared/domain/dock` (the sync server runs the
 * same ones); this service gives them the workstation's store, ids and clock, and records each
 * change in the outbox in the same transaction.
 */
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

  createDoor(input: ParsedInput<'dock.createDoor'>, ctx: CallContext): Promise<Door> {
    return this.run('dock.createDoor', { ...input, resultId: randomUUID() }, ctx);
  }

  updateDoor(input: ParsedInput<'dock.updateDoor'>, ctx: CallContext): Promise<Door> {
    return this.run('dock.updateDoor', input, ctx);
  }

  setDoorActive(input: ParsedInput<'dock.setDoorActive'>, ctx: CallContext): Promise<Door> {
    return this.run('dock.setDoorActive', input, ctx);
  }

  book(input: ParsedInput<'dock.bookAppointment'>, ctx: CallContext): Promise<Appointment> {
    return this.run('dock.bookAppointment', { ...input, resultId: randomUUID(), carrierId: randomUUID() }, ctx);
  }

  move(input: ParsedInput<'dock.moveAppointment'>, ctx: CallContext): Promise<Appointment> {
    return this.run('dock.moveAppointment', input, ctx);
  }

  update(input: ParsedInput<'dock.updateAppointment'>, ctx: CallContext): Promise<Appointment> {
    const carrier = input.carrierName !== undefined ? { carrierId: randomUUID() } : {};
    return this.run('dock.updateAppointment', { ...input, ...carrier }, ctx);
  }

  cancel(input: ParsedInput<'dock.cancelAppointment'>, ctx: CallContext): Promise<Appointment> {
    return this.run('dock.cancelAppointment', input, ctx);
  }

  createSeries(input: ParsedInput<'dock.createSeries'>, ctx: CallContext): Promise<SeriesResult> {
    return this.run('dock.createSeries', { ...input, resultId: randomUUID(), carrierId: randomUUID() }, ctx);
  }

  editSeries(input: ParsedInput<'dock.editSeries'>, ctx: CallContext): Promise<SeriesResult> {
    const carrier = input.carrierName !== undefined ? { carrierId: randomUUID() } : {};
    return this.run('dock.editSeries', { ...input, ...carrier, resultId: randomUUID() }, ctx);
  }

  cancelSeries(input: ParsedInput<'dock.cancelSeries'>, ctx: CallContext): Promise<SeriesResult> {
    return this.run('dock.cancelSeries', input, ctx);
  }

  advanceStage(input: ParsedInput<'dock.advanceStage'>, ctx: CallContext): Promise<Appointment> {
    return this.run('dock.advanceStage', { ...input, at: this.deps.now(), by: input.by ?? ctx.actor }, ctx);
  }

  /** A gate pass scanned or typed: the appointment it names checked in or out. */
  async checkInByCode(input: ParsedInput<'dock.checkInByCode'>, ctx: CallContext): Promise<GateScanResult> {
    const code = input.code.trim().toUpperCase();
    const parsed = timeline.parseGateCode(code);
    if (!parsed) {
      throw new AppError('invalid_input', `"${code.slice(0, 40)}" is not a gate pass; a gate pass code reads GP and 12 letters and digits.`, {
        reason: 'not_a_gate_pass',
      });
    }
    const found = (await appointmentsRepo.appointmentsByIdPrefix(this.deps.db, parsed.idPrefix)).filter((a) =>
      parsed.date ? a.occurrenceDate === parsed.date : !a.seriesId,
    );
    if (found.length === 0) {
      throw new AppError('not_found', `No appointment has gate pass ${code}. Check the pass, or register the truck as unplanned.`, {
        reason: 'unknown_gate_pass',
      });
    }
    if (found.length > 1) {
      throw new AppError('conflict', `Gate pass ${code} matches ${found.length} appointments; find the booking by its reference.`, {
        reason: 'ambiguous_gate_pass',
      });
    }
    const stage = timeline.scanStep(found[0]!);
    const appointment = await this.advanceStage(
      { id: found[0]!.id, stage, source: input.source, ...(input.by ? { by: input.by } : {}) },
      ctx,
    );
    return { code, appointment, stage };
  }

  async getSeries(id: string): Promise<{ series: AppointmentSeries; occurrences: Appointment[] }> {
    const found = await appointmentsRepo.getSeries(this.deps.db, id);
    if (!found) throw new AppError('not_found', 'That series does not exist any more. Refresh the board.');
    return { series: found, occurrences: await appointmentsRepo.seriesOccurrences(this.deps.db, id) };
  }

  async findFreeSlot(input: ParsedInput<'dock.findFreeSlot'>): Promise<FreeSlot | null> {
    const db = this.deps.db;
    const booked = { bookedBetween: (from: number, to: number, f: { doorId?: string; excludeId?: string }) =>
      appointmentsRepo.listAppointmentsBetween(db, from, to, f) };
    const doors = input.doorId
      ? [await rules.requireDoor({ getDoor: (id) => doorsRepo.getDoor(db, id) }, input.doorId)]
      : await doorsRepo.listDoors(db, this.deps.siteId, false);
    let best: FreeSlot | null = null;
    for (const door of doors) {
      const slot = await rules.freeSlotOn(
        booked,
        this.deps.timeZone,
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
   * The dock's mutators as sync replays them: the shared rules on this file, with the recorded
   * arguments, inside the caller's transaction, recording nothing.
   */
  readonly mutators: {
    [N in DockMutatorName]: (tx: Tx, args: SyncedArgs<N>, touched?: number[]) => Promise<Door | Appointment | SeriesResult>;
  } = {
    'dock.createDoor': (tx, args) => rules.createDoor(this.store(tx), this.env(), args),
    'dock.updateDoor': (tx, args) => rules.updateDoor(this.store(tx), this.env(), args),
    'dock.setDoorActive': (tx, args) => rules.setDoorActive(this.store(tx), this.env(), args),
    'dock.bookAppointment': (tx, args, touched?: number[]) =>
      rules.bookAppointment(this.store(tx), this.env(touched), args),
    'dock.moveAppointment': (tx, args, touched?: number[]) =>
      rules.updateAppointment(this.store(tx), this.env(touched), args),
    'dock.updateAppointment': (tx, args, touched?: number[]) =>
      rules.updateAppointment(this.store(tx), this.env(touched), args),
    'dock.cancelAppointment': (tx, args, touched?: number[]) =>
      rules.cancelAppointment(this.store(tx), this.env(touched), args),
    'dock.advanceStage': (tx, args, touched?: number[]) =>
      timeline.advanceStage(this.store(tx), this.env(touched), args),
    'dock.createSeries': (tx, args, touched?: number[]) =>
      series.createSeries(this.store(tx), this.env(touched), args),
    'dock.editSeries': (tx, args, touched?: number[]) => series.editSeries(this.store(tx), this.env(touched), args),
    'dock.cancelSeries': (tx, args, touched?: number[]) =>
      series.cancelSeries(this.store(tx), this.env(touched), args),
  };

  private store(tx: Tx) {
    return sqliteDockStore(tx, this.deps.siteId);
  }

  private env(touched?: number[]) {
    return { timeZone: this.deps.timeZone, now: this.deps.now(), touched };
  }

  /** One user change: the rule and its outbox row in one transaction, then the days it touched. */
  private async run<N extends DockMutatorName, T>(name: N, args: SyncedArgs<N>, ctx: CallContext): Promise<T> {
    const touched: number[] = [];
    const mutator = this.mutators[name] as (tx: Tx, a: SyncedArgs<N>, t: number[]) => Promise<unknown>;
    const result = await this.deps.db.write(async (tx) => {
      const value = await mutator(tx, args, touched);
      await recordMutation(tx, { name, args, actor: ctx.actor, userId: ctx.userId, at: this.deps.now() });
      return value;
    });
    this.deps.onChanged([...new Set(touched.map((t) => isoDate(t, this.deps.timeZone)))]);
    return result as T;
  }
}
