import { describe, expect, it } from 'vitest';
import type { Appointment, Door, SeriesResult } from '@shared/contract';
import { atMinuteOfDay } from '@shared/domain/time';
import { caller, ok, useTestCore } from '../testing';

const TZ = 'Europe/Stockholm';
const at = (date: string, hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return atMinuteOfDay(date, h! * 60 + m!, TZ);
};
const newCore = useTestCore();

async function setup() {
  const core = await newCore({ timeZone: TZ, now: () => at('2026-03-01', '00:00') });
  const call = caller(core);
  const must = ok(core);
  const door = await must<Door>('dock.createDoor', { name: 'Door 1', direction: 'inbound', opensAt: '06:00', closesAt: '18:00' });
  const other = await must<Door>('dock.createDoor', { name: 'Door 2', direction: 'inbound', opensAt: '06:00', closesAt: '18:00' });
  const weekly = (extra: Record<string, unknown> = {}) =>
    must<SeriesResult>('dock.createSeries', {
      doorId: door.id,
      carrierName: 'PostNord',
      reference: 'STANDING-MON',
      rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=4',
      anchorDate: '2026-03-23',
      time: '08:00',
      durationMin: 60,
      loadType: 'palletized',
      pallets: 12,
      ...extra,
    });
  const occurrences = async (seriesId: string) =>
    (await must<{ occurrences: Appointment[] }>('dock.getSeries', { id: seriesId })).occurrences;
  const local = (a: Appointment) => new Date(a.startAt).toLocaleString('sv-SE', { timeZone: TZ }).slice(0, 16);
  return { core, call, must, door, other, weekly, occurrences, local };
}

describe('recurring appointment series', () => {
  it('books each week at 08:00 local across the spring-forward change, in one outbox mutation', async () => {
    const { core, weekly, local } = await setup();
    const r = await weekly();
    expect(r.unbookable).toEqual([]);
    expect(r.appointments.map(local)).toEqual(['2026-03-23 08:00', '2026-03-30 08:00', '2026-04-06 08:00', '2026-04-13 08:00']);
    // 23 March is UTC+1, 30 March UTC+2: one hour apart in UTC, the same on the wall.
    expect(r.appointments[1]!.startAt - r.appointments[0]!.startAt).toBe(7 * 86_400_000 - 3_600_000);
    expect(r.appointments.every((a) => a.seriesId === r.series.id && a.id === `${r.series.id}:${a.occurrenceDate}`)).toBe(true);
    const rows = await core.db.all<{ name: string }>("SELECT name FROM outbox WHERE name LIKE 'dock.%Series'");
    expect(rows.map((x) => x.name)).toEqual(['dock.createSeries']);
  });

  it('keeps local time across fall back too', async () => {
    const { weekly, local } = await setup();
    const r = await weekly({ anchorDate: '2026-10-19', rrule: 'FREQ=WEEKLY;COUNT=3', time: '07:00' });
    expect(r.appointments.map(local)).toEqual(['2026-10-19 07:00', '2026-10-26 07:00', '2026-11-02 07:00']);
  });

  it('lists the occurrences it cannot book with the reason, and books the rest', async () => {
    const { call, door, weekly, local } = await setup();
    const taken = await call('dock.bookAppointment', {
      doorId: door.id,
      carrierName: 'DHL Freight',
      reference: 'PO-OTHER',
      startAt: at('2026-03-30', '08:30'),
      durationMin: 30,
      loadType: 'palletized',
      pallets: 1,
    });
    expect(taken.ok).toBe(true);
    const r = await weekly();
    expect(r.appointments.map(local)).toEqual(['2026-03-23 08:00', '2026-04-06 08:00', '2026-04-13 08:00']);
    expect(r.unbookable).toHaveLength(1);
    expect(r.unbookable[0]).toMatchObject({ date: '2026-03-30', reason: 'overlap' });
    expect(r.unbookable[0]!.message).toContain('PO-OTHER');
  });

  it('refuses a series none of whose occurrences fit, and saves nothing', async () => {
    const { core, call, weekly } = await setup();
    const before = (await core.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM outbox'))!.n;
    const r = await call('dock.createSeries', {
      doorId: (await weekly()).series.doorId,
      carrierName: 'Bring',
      reference: 'NIGHT',
      rrule: 'FREQ=DAILY;COUNT=2',
      anchorDate: '2026-03-23',
      time: '20:00',
      durationMin: 60,
      loadType: 'palletized',
      pallets: 1,
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('conflict');
    expect((r.error.details as { reason: string; unbookable: { reason: string }[] }).unbookable.map((u) => u.reason)).toEqual([
      'outside_hours',
      'outside_hours',
    ]);
    expect((await core.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM outbox'))!.n).toBe(before + 1);
    expect((await core.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM appointment_series WHERE reference = 'NIGHT'"))!.n).toBe(0);
  });

  it('moving one occurrence changes only it; a later series edit leaves it alone and says so', async () => {
    const { must, other, weekly, occurrences, local } = await setup();
    const { series, appointments } = await weekly();
    const second = appointments[1]!;
    await must('dock.moveAppointment', { id: second.id, doorId: other.id, startAt: at('2026-03-30', '10:00') });
    const edit = await must<SeriesResult>('dock.editSeries', { seriesId: series.id, scope: 'all', time: '09:00' });
    expect(edit.unbookable).toEqual([expect.objectContaining({ date: '2026-03-30', reason: 'edited_individually' })]);
    const now = await occurrences(series.id);
    expect(now.map(local)).toEqual(['2026-03-23 09:00', '2026-03-30 10:00', '2026-04-06 09:00', '2026-04-13 09:00']);
    expect(now[1]).toMatchObject({ doorId: other.id, detached: true });
  });

  it('this-and-following splits the series: earlier ones keep their time, later ones move', async () => {
    const { must, weekly, occurrences, local } = await setup();
    const { series } = await weekly();
    const r = await must<SeriesResult>('dock.editSeries', {
      seriesId: series.id,
      scope: 'following',
      fromDate: '2026-04-06',
      time: '14:00',
      pallets: 20,
    });
    expect(r.series.id).not.toBe(series.id);
    expect(r.series.fromDate).toBe('2026-04-06');
    expect(r.appointments.map(local)).toEqual(['2026-04-06 14:00', '2026-04-13 14:00']);
    const old = await must<{ series: { untilDate: string } }>('dock.getSeries', { id: series.id });
    expect(old.series.untilDate).toBe('2026-04-06');
    expect((await occurrences(series.id)).map(local)).toEqual(['2026-03-23 08:00', '2026-03-30 08:00']);
    expect((await occurrences(r.series.id)).map((a) => a.pallets)).toEqual([20, 20]);
  });

  it('cancels one occurrence, this-and-following, or the whole series', async () => {
    const { must, weekly, occurrences } = await setup();
    const { series, appointments } = await weekly();
    await must('dock.cancelAppointment', { id: appointments[0]!.id, reason: 'Public holiday' });
    const following = await must<SeriesResult>('dock.cancelSeries', {
      seriesId: series.id,
      scope: 'following',
      fromDate: '2026-04-13',
      reason: 'Contract ends',
    });
    expect(following.appointments.map((a) => a.occurrenceDate)).toEqual(['2026-04-13']);
    expect((await occurrences(series.id)).map((a) => a.status)).toEqual(['cancelled', 'booked', 'booked', 'cancelled']);
    const all = await must<SeriesResult>('dock.cancelSeries', { seriesId: series.id, scope: 'all', reason: 'Carrier lost' });
    expect(all.series.status).toBe('cancelled');
    expect((await occurrences(series.id)).every((a) => a.status === 'cancelled')).toBe(true);
  });

  it('an edit that no longer fits one occurrence leaves it where it was and lists it', async () => {
    const { call, must, door, weekly, occurrences, local } = await setup();
    const { series } = await weekly();
    await call('dock.bookAppointment', {
      doorId: door.id,
      carrierName: 'DSV Road',
      reference: 'PO-CLASH',
      startAt: at('2026-04-06', '12:00'),
      durationMin: 60,
      loadType: 'palletized',
      pallets: 1,
    });
    const r = await must<SeriesResult>('dock.editSeries', { seriesId: series.id, scope: 'all', time: '12:00' });
    expect(r.unbookable).toEqual([expect.objectContaining({ date: '2026-04-06', reason: 'overlap' })]);
    expect((await occurrences(series.id)).map(local)).toEqual([
      '2026-03-23 12:00',
      '2026-03-30 12:00',
      '2026-04-06 08:00',
      '2026-04-13 12:00',
    ]);
  });

  it('refuses bad input with a code and a message, changing nothing', async () => {
    const { core, call, door, weekly } = await setup();
    const { series } = await weekly();
    const base = {
      doorId: door.id,
      carrierName: 'PostNord',
      reference: 'X',
      anchorDate: '2026-03-23',
      time: '08:00',
      durationMin: 60,
      loadType: 'palletized',
      pallets: 1,
    };
    const before = (await core.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM appointments'))!.n;
    for (const [input, code] of [
      [{ ...base, rrule: 'FREQ=WEEKLY' }, 'invalid_input'],
      [{ ...base, rrule: 'DROP TABLE appointments' }, 'invalid_input'],
      [{ ...base, rrule: 'FREQ=MINUTELY;COUNT=3' }, 'invalid_input'],
      [{ ...base, rrule: 'FREQ=WEEKLY;COUNT=2', time: '25:00' }, 'invalid_input'],
      [{ ...base, rrule: 'FREQ=WEEKLY;COUNT=2', anchorDate: '2026-02-30' }, 'invalid_input'],
      [{ ...base, rrule: 'FREQ=WEEKLY;COUNT=2', doorId: 'no-such-door' }, 'not_found'],
    ] as const) {
      const r = await call('dock.createSeries', input);
      expect(r.ok, JSON.stringify(input)).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe(code);
        expect(r.error.message.length).toBeGreaterThan(10);
      }
    }
    const noDate = await call('dock.editSeries', { seriesId: series.id, scope: 'following', time: '09:00' });
    expect(noDate.ok).toBe(false);
    const gone = await call('dock.cancelSeries', { seriesId: 'nope', scope: 'all', reason: 'because' });
    expect(!gone.ok && gone.error.code).toBe('not_found');
    expect((await core.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM appointments'))!.n).toBe(before);
  });

  it('only planners (admin, dispatcher) may create, edit or cancel a series', async () => {
    const { core, door, weekly } = await setup();
    const { series } = await weekly();
    const input = {
      doorId: door.id,
      carrierName: 'PostNord',
      reference: 'OP',
      rrule: 'FREQ=DAILY;COUNT=2',
      anchorDate: '2026-05-04',
      time: '08:00',
      durationMin: 30,
      loadType: 'palletized',
      pallets: 1,
    };
    for (const role of ['operator', 'viewer'] as const) {
      const as = (name: string, i: unknown) =>
        core.router.dispatch({ id: 1, name, input: i, requestId: crypto.randomUUID() }, { actor: role, role });
      expect(await as('dock.createSeries', input)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await as('dock.editSeries', { seriesId: series.id, scope: 'all', pallets: 3 })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      expect(await as('dock.cancelSeries', { seriesId: series.id, scope: 'all', reason: 'nope' })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    const dispatcher = await core.router.dispatch(
      { id: 2, name: 'dock.createSeries', input, requestId: crypto.randomUUID() },
      { actor: 'disp', role: 'dispatcher' },
    );
    expect(dispatcher.ok).toBe(true);
  });
});
