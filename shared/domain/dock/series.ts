/**
 * Standing appointments: a series books one appointment per date its RFC 5545 rule gives, each
 * checked against the door's hours and bookings like any booking. An occurrence that cannot be
 * booked (or changed) is listed with the reason and left as it was, never silently dropped.
 *
 * Occurrence ids are `<series id>:<date>`, so the workstation and the sync server, running these
 * same rules, book the very same rows. An occurrence edited on its own (`detached`) keeps its
 * edit when the series is edited; cancelling the series cancels it too. Occurrences that have
 * already started are history: series edits and cancellations leave them alone.
 */
import {
  AppError,
  type Appointment,
  type AppointmentSeries,
  type Door,
  type SeriesResult,
  type UnbookableOccurrence,
} from '../../contract';
import type { DockArgs } from '../../contract/sync-mutators';
import { atMinuteOfDay, parseHhMm } from '../time';
import { assertSlotFree, carrierByName, editedCarrier, requireBookableDoor } from './mutators';
import { seriesDates } from './recurrence';
import type { DockEnv, DockStore } from './store';

export const occurrenceId = (seriesId: string, date: string) => `${seriesId}:${date}`;

function startOf(series: Pick<AppointmentSeries, 'time'>, date: string, timeZone: string): number {
  return atMinuteOfDay(date, parseHhMm(series.time)!, timeZone);
}

/** The series' dates within its window [fromDate, untilDate). */
function datesOf(series: AppointmentSeries, timeZone: string): string[] {
  return seriesDates(series.rrule, series.anchorDate, timeZone).filter(
    (d) => d >= series.fromDate && (series.untilDate === null || d < series.untilDate),
  );
}

/** Null when the slot is free; otherwise why not (the rule's refusal, as a list entry). */
async function placementProblem(
  s: DockStore,
  env: DockEnv,
  door: Door,
  date: string,
  startAt: number,
  endAt: number,
  selfId: string | undefined,
): Promise<UnbookableOccurrence | null> {
  try {
    await assertSlotFree(s, env, door, startAt, endAt, selfId);
    return null;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const reason = (err.details as { reason?: string } | undefined)?.reason ?? err.code;
    return { date, startAt, reason, message: err.message };
  }
}

function occurrence(series: AppointmentSeries, id: string, date: string, startAt: number): Appointment {
  return {
    id,
    doorId: series.doorId,
    carrierId: series.carrierId,
    carrierName: series.carrierName,
    reference: series.reference,
    startAt,
    endAt: startAt + series.durationMin * 60_000,
    loadType: series.loadType,
    pallets: series.pallets,
    notes: series.notes,
    status: 'booked',
    cancelReason: null,
    seriesId: series.id,
    occurrenceDate: date,
  };
}

/** Books each date of `series` in `dates` that has no appointment yet; returns what it booked and refused. */
async function bookMissing(
  s: DockStore,
  env: DockEnv,
  series: AppointmentSeries,
  door: Door,
  dates: string[],
  have: Set<string>,
): Promise<{ booked: Appointment[]; unbookable: UnbookableOccurrence[] }> {
  const booked: Appointment[] = [];
  const unbookable: UnbookableOccurrence[] = [];
  for (const date of dates) {
    const id = occurrenceId(series.id, date);
    if (have.has(date) || (await s.getAppointment(id))) continue;
    const startAt = startOf(series, date, env.timeZone);
    if (startAt <= env.now) continue;
    const endAt = startAt + series.durationMin * 60_000;
    const problem = await placementProblem(s, env, door, date, startAt, endAt, undefined);
    if (problem) {
      unbookable.push(problem);
      continue;
    }
    const a = occurrence(series, id, date, startAt);
    await s.insertAppointment(a, env.now);
    env.touched?.push(startAt);
    booked.push(a);
  }
  return { booked, unbookable };
}

export async function createSeries(
  s: DockStore,
  env: DockEnv,
  args: DockArgs<'dock.createSeries'>,
): Promise<SeriesResult> {
  if (await s.getSeries(args.resultId)) throw new AppError('conflict', 'That series was already created.');
  const dates = seriesDates(args.rrule, args.anchorDate, env.timeZone);
  if (dates.length === 0) {
    throw new AppError('invalid_input', 'The rule gives no dates from the first date on. Check BYDAY and the end.', {
      reason: 'no_occurrences',
    });
  }
  const door = await requireBookableDoor(s, args.doorId);
  const carrier = await carrierByName(s, env, args.carrierName, args.carrierId);
  const series: AppointmentSeries = {
    id: args.resultId,
    doorId: door.id,
    carrierId: carrier.id,
    carrierName: carrier.name,
    reference: args.reference,
    rrule: args.rrule,
    anchorDate: args.anchorDate,
    fromDate: args.anchorDate,
    untilDate: null,
    time: args.time,
    durationMin: args.durationMin,
    loadType: args.loadType,
    pallets: args.pallets,
    notes: args.notes,
    status: 'active',
    cancelReason: null,
  };
  await s.insertSeries(series, env.now);
  const { booked, unbookable } = await bookMissing(s, env, series, door, dates, new Set());
  if (booked.length === 0) {
    const first = unbookable[0];
    throw new AppError(
      'conflict',
      first
        ? `None of the ${dates.length} appointments can be booked; the first, ${first.date}: ${first.message}`
        : 'Every date of the series is already past. Start it on a later date.',
      { reason: 'none_bookable', unbookable },
    );
  }
  return { series, appointments: booked, unbookable };
}

async function requireSeries(s: DockStore, id: string): Promise<AppointmentSeries> {
  const series = await s.getSeries(id);
  if (!series) throw new AppError('not_found', 'That series does not exist any more. Refresh the board.');
  if (series.status === 'cancelled') {
    throw new AppError('conflict', `The series ${series.reference} is cancelled and cannot be changed.`);
  }
  return series;
}

/** Where a scoped change starts: `all` is the series' own start; `following` may not lie outside it. */
function scopeStart(series: AppointmentSeries, scope: 'all' | 'following', fromDate: string | undefined): string {
  if (scope === 'all' || fromDate === undefined || fromDate <= series.fromDate) return series.fromDate;
  if (series.untilDate !== null && fromDate >= series.untilDate) {
    throw new AppError('invalid_input', `The series ends before ${fromDate}; pick one of its dates.`, {
      reason: 'outside_series',
    });
  }
  return fromDate;
}

export async function editSeries(s: DockStore, env: DockEnv, args: DockArgs<'dock.editSeries'>): Promise<SeriesResult> {
  const current = await requireSeries(s, args.seriesId);
  const from = scopeStart(current, args.scope, args.fromDate);
  const door = await requireBookableDoor(s, args.doorId ?? current.doorId);
  const carrier = await editedCarrier(s, env, args, current);
  const changed: AppointmentSeries = {
    ...current,
    doorId: door.id,
    carrierId: carrier.id,
    carrierName: carrier.name,
    reference: args.reference ?? current.reference,
    time: args.time ?? current.time,
    durationMin: args.durationMin ?? current.durationMin,
    loadType: args.loadType ?? current.loadType,
    pallets: args.pallets ?? current.pallets,
    notes: args.notes ?? current.notes,
  };
  let next: AppointmentSeries;
  if (from > current.fromDate) {
    // This and following: the series ends before `from`, a new one carries on from there.
    if (await s.getSeries(args.resultId)) throw new AppError('conflict', 'That change was already made.');
    next = { ...changed, id: args.resultId, fromDate: from };
    await s.updateSeries({ ...current, untilDate: from }, env.now);
    await s.insertSeries(next, env.now);
  } else {
    next = changed;
    await s.updateSeries(next, env.now);
  }

  const appointments: Appointment[] = [];
  const unbookable: UnbookableOccurrence[] = [];
  const inScope = (await s.seriesOccurrences(current.id)).filter((a) => (a.occurrenceDate ?? '') >= from);
  for (const a of inScope) {
    const date = a.occurrenceDate!;
    const repointed: Appointment = { ...a, seriesId: next.id };
    if (a.status !== 'booked' || a.startAt <= env.now) {
      if (next.id !== a.seriesId) await s.updateAppointment(repointed, env.now);
      continue;
    }
    if (a.detached) {
      if (next.id !== a.seriesId) await s.updateAppointment(repointed, env.now);
      unbookable.push({
        date,
        startAt: a.startAt,
        reason: 'edited_individually',
        message: `${date} was changed on its own and keeps that change.`,
      });
      continue;
    }
    const startAt = startOf(next, date, env.timeZone);
    const endAt = startAt + next.durationMin * 60_000;
    const problem = await placementProblem(s, env, door, date, startAt, endAt, a.id);
    if (problem) {
      if (next.id !== a.seriesId) await s.updateAppointment(repointed, env.now);
      unbookable.push(problem);
      continue;
    }
    const updated = occurrence(next, a.id, date, startAt);
    await s.updateAppointment(updated, env.now);
    env.touched?.push(a.startAt, startAt);
    appointments.push(updated);
  }
  // Dates the series could not book before may fit now (another door, another time).
  const have = new Set(inScope.map((a) => a.occurrenceDate!));
  const missing = await bookMissing(s, env, next, door, datesOf(next, env.timeZone), have);
  appointments.push(...missing.booked);
  unbookable.push(...missing.unbookable);
  unbookable.sort((x, y) => x.startAt - y.startAt);
  return { series: next, appointments, unbookable };
}

export async function cancelSeries(
  s: DockStore,
  env: DockEnv,
  args: DockArgs<'dock.cancelSeries'>,
): Promise<SeriesResult> {
  const current = await requireSeries(s, args.seriesId);
  const from = scopeStart(current, args.scope, args.fromDate);
  const next: AppointmentSeries =
    from > current.fromDate
      ? { ...current, untilDate: current.untilDate !== null && current.untilDate < from ? current.untilDate : from }
      : { ...current, status: 'cancelled', cancelReason: args.reason };
  await s.updateSeries(next, env.now);
  const appointments: Appointment[] = [];
  for (const a of await s.seriesOccurrences(current.id)) {
    if ((a.occurrenceDate ?? '') < from || a.status !== 'booked' || a.startAt <= env.now) continue;
    const cancelled: Appointment = { ...a, status: 'cancelled', cancelReason: args.reason };
    await s.updateAppointment(cancelled, env.now);
    env.touched?.push(a.startAt);
    appointments.push(cancelled);
  }
  return { series: next, appointments, unbookable: [] };
}
