import { describe, expect, it } from 'vitest';
import type { Appointment, Door, Mutation } from '@shared/contract';
import { atMinuteOfDay } from '@shared/domain/time';
import { caller, ok, useTestCore } from '../testing';

const TZ = 'Europe/Stockholm';
const DAY = '2026-11-23';
const at = (hhmm: string, date = DAY) => {
  const [h, m] = hhmm.split(':').map(Number);
  return atMinuteOfDay(date, h! * 60 + m!, TZ);
};

const newCore = useTestCore();

async function setup() {
  // A fixed "now" before the test day keeps every booking in the future.
  const core = await newCore({ timeZone: TZ, now: () => at('00:00', '2026-11-20') });
  const call = caller(core);
  const must = ok(core);
  const door = await must<Door>('dock.createDoor', {
    name: 'Door 1',
    direction: 'inbound',
    opensAt: '06:00',
    closesAt: '18:00',
  });
  const book = (start: string, minutes = 60, extra: Record<string, unknown> = {}) =>
    call('dock.bookAppointment', {
      doorId: door.id,
      carrierName: 'PostNord',
      reference: `PO-${start}`,
      startAt: at(start),
      durationMin: minutes,
      loadType: 'palletized',
      pallets: 10,
      ...extra,
    });
  return { core, call, must, door, book };
}

const outboxCount = async (core: { db: { get<T>(s: string): Promise<T | undefined> } }) =>
  (await core.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM outbox'))!.n;

describe('dock bookings', () => {
  it('books an appointment and records the mutation in the same transaction', async () => {
    const { core, must, book } = await setup();
    const r = await book('08:00');
    expect(r.ok).toBe(true);
    const list = await must<Appointment[]>('dock.listAppointments', { date: DAY });
    expect(list.map((a) => a.reference)).toEqual(['PO-08:00']);
    const audit = await must<Mutation[]>('audit.list', { limit: 10 });
    expect(audit[0]).toMatchObject({ name: 'dock.bookAppointment', actor: core.localContext.actor });
    expect((audit[0]!.args as { reference: string }).reference).toBe('PO-08:00');
  });

  it('refuses an overlapping booking with conflict, names the clash and suggests the next free slot', async () => {
    const { core, book } = await setup();
    await book('08:00');
    await book('09:30', 30);
    const before = await outboxCount(core);
    const r = await book('08:30', 60);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('conflict');
    expect(r.error.message).toContain('08:00–09:00');
    expect(r.error.message).toContain('PO-08:00');
    // 09:00–09:30 is too short for an hour; the first fit is after the 09:30 booking.
    expect((r.error.details as { nextFree: { startAt: number } }).nextFree.startAt).toBe(at('10:00'));
    expect(await outboxCount(core)).toBe(before);
  });

  it('allows back-to-back bookings (end is exclusive)', async () => {
    const { book } = await setup();
    expect((await book('08:00')).ok).toBe(true);
    expect((await book('09:00')).ok).toBe(true);
    expect((await book('07:00')).ok).toBe(true);
  });

  it('refuses bookings outside opening hours with invalid_input', async () => {
    const { book } = await setup();
    for (const [start, minutes] of [
      ['05:30', 60],
      ['17:30', 60],
      ['18:00', 30],
    ] as const) {
      const r = await book(start, minutes);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('invalid_input');
        expect(r.error.message).toContain('06:00–18:00');
      }
    }
  });

  it('refuses bad input: unknown door, odd durations, empty carrier, negative pallets', async () => {
    const { book, call } = await setup();
    expect(await book('08:00', 60, { doorId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await book('08:00', 7)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await book('08:00', 60, { carrierName: '   ' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await book('08:00', 60, { pallets: -1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await call('dock.listAppointments', { date: '2026-02-30' })).toMatchObject({ ok: false });
  });

  it('moves an appointment to another door and time, and refuses a move onto another booking', async () => {
    const { must, call, book } = await setup();
    const door2 = await must<Door>('dock.createDoor', {
      name: 'Door 2',
      direction: 'both',
      opensAt: '00:00',
      closesAt: '24:00',
    });
    const a = ((await book('08:00')) as { value: Appointment }).value;
    const b = ((await book('10:00')) as { value: Appointment }).value;
    const moved = await must<Appointment>('dock.moveAppointment', {
      id: a.id,
      doorId: door2.id,
      startAt: at('20:00'),
    });
    expect(moved).toMatchObject({ doorId: door2.id, startAt: at('20:00'), endAt: at('21:00') });
    // Moving b by 30 minutes overlaps its own old slot only: allowed.
    const shifted = await must<Appointment>('dock.moveAppointment', {
      id: b.id,
      doorId: b.doorId,
      startAt: at('10:30'),
    });
    expect(shifted.startAt).toBe(at('10:30'));
    const refused = await call('dock.moveAppointment', {
      id: moved.id,
      doorId: b.doorId,
      startAt: at('10:00'),
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const unchanged = await must<Appointment[]>('dock.listAppointments', { date: DAY });
    expect(unchanged.find((x) => x.id === moved.id)).toMatchObject({
      doorId: door2.id,
      startAt: at('20:00'),
    });
  });

  it('cancels with a reason, frees the slot, and refuses to cancel twice', async () => {
    const { must, call, book } = await setup();
    const a = ((await book('08:00')) as { value: Appointment }).value;
    expect(await call('dock.cancelAppointment', { id: a.id, reason: '' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    const cancelled = await must<Appointment>('dock.cancelAppointment', {
      id: a.id,
      reason: 'Truck broke down',
    });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'Truck broke down' });
    expect((await book('08:00')).ok).toBe(true);
    expect(await call('dock.cancelAppointment', { id: a.id, reason: 'again' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    const all = await must<Appointment[]>('dock.listAppointments', { date: DAY, includeCancelled: true });
    expect(all).toHaveLength(2);
  });

  it('finds the earliest free slot on any active door', async () => {
    const { must, book, door } = await setup();
    await book('06:00', 120);
    const slot = await must<{ doorId: string; startAt: number } | null>('dock.findFreeSlot', {
      durationMin: 60,
      after: at('06:00'),
    });
    expect(slot).toEqual({ doorId: door.id, startAt: at('08:00'), endAt: at('09:00') });
  });
});

describe('duplicate references', () => {
  it('refuses a second booking with the same reference (any case, spaces) until the operator confirms it', async () => {
    const { core, must, book, door } = await setup();
    const first = ((await book('08:00', 60, { reference: 'PRB-1' })) as { value: Appointment }).value;
    const before = await outboxCount(core);
    const again = await book('10:00', 60, { reference: ' prb-1 ' });
    expect(again).toMatchObject({
      ok: false,
      error: {
        code: 'conflict',
        details: {
          reason: 'duplicate_reference',
          field: 'reference',
          duplicates: [{ id: first.id, reference: 'PRB-1', doorId: door.id, startAt: at('08:00') }],
        },
      },
    });
    if (!again.ok)
      expect(again.error.message).toMatch(/PRB-1 is already booked: PostNord at Door 1 on 2026-11-23 08:00/);
    // Nothing written for the refused attempt.
    expect(await outboxCount(core)).toBe(before);
    const confirmed = await book('10:00', 60, { reference: 'PRB-1', acceptDuplicateReference: true });
    expect(confirmed.ok).toBe(true);
    const day = await must<Appointment[]>('dock.listAppointments', { date: DAY });
    expect(day.filter((a) => a.reference === 'PRB-1')).toHaveLength(2);
  });

  it('compares references with full Unicode case folding, however a letter was composed', async () => {
    const { book } = await setup();
    expect((await book('08:00', 60, { reference: 'ÅSA-7' })).ok).toBe(true);
    expect(await book('10:00', 60, { reference: 'åsa-7' })).toMatchObject({
      ok: false,
      error: { details: { reason: 'duplicate_reference' } },
    });
    // Ö typed as O + combining diaeresis is the same letter as the precomposed ö.
    expect((await book('11:00', 60, { reference: 'ÖRJAN-3' })).ok).toBe(true);
    expect(await book('12:00', 60, { reference: ' o\u0308rjan-3' })).toMatchObject({
      ok: false,
      error: { details: { reason: 'duplicate_reference' } },
    });
    // Other letters are other references: å is not a, ö is not o.
    expect((await book('13:00', 60, { reference: 'ASA-7' })).ok).toBe(true);
    expect((await book('14:00', 60, { reference: 'orjan-3' })).ok).toBe(true);
  });

  it('ignores cancelled bookings and bookings more than two weeks away', async () => {
    const { must, book } = await setup();
    const a = ((await book('08:00', 60, { reference: 'PO-9' })) as { value: Appointment }).value;
    await must('dock.cancelAppointment', { id: a.id, reason: 'Wrong day' });
    expect((await book('09:00', 60, { reference: 'PO-9' })).ok).toBe(true);
    expect((await book('10:00', 60, { reference: 'PO-10' })).ok).toBe(true);
    // Fifteen days later: a new order that reuses the number.
    expect((await book('10:00', 60, { reference: 'PO-10', startAt: at('10:00', '2026-12-08') })).ok).toBe(
      true,
    );
    // Thirteen days later: within the window of the first.
    expect((await book('10:00', 60, { reference: 'PO-10', startAt: at('11:00', '2026-12-06') })).ok).toBe(
      false,
    );
  });

  it('checks an edit only when the reference changes, so moving a confirmed duplicate does not ask again', async () => {
    const { call, must, book } = await setup();
    await book('08:00', 60, { reference: 'PRB-1' });
    const second = (
      (await book('10:00', 60, { reference: 'PRB-1', acceptDuplicateReference: true })) as {
        value: Appointment;
      }
    ).value;
    const moved = await must<Appointment>('dock.moveAppointment', {
      id: second.id,
      doorId: second.doorId,
      startAt: at('12:00'),
    });
    expect(moved.startAt).toBe(at('12:00'));
    expect((await call('dock.updateAppointment', { id: second.id, pallets: 3 })).ok).toBe(true);
    const other = ((await book('14:00', 60, { reference: 'PO-2' })) as { value: Appointment }).value;
    expect(await call('dock.updateAppointment', { id: other.id, reference: 'prb-1' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', details: { reason: 'duplicate_reference' } },
    });
    const renamed = await must<Appointment>('dock.updateAppointment', {
      id: other.id,
      reference: 'prb-1',
      acceptDuplicateReference: true,
    });
    expect(renamed.reference).toBe('prb-1');
  });
});

describe('dock doors', () => {
  it('creates, renames and refuses a duplicate name in any letter case', async () => {
    const { must, call, door } = await setup();
    expect(
      await call('dock.createDoor', {
        name: 'door 1',
        direction: 'inbound',
        opensAt: '06:00',
        closesAt: '18:00',
      }),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const renamed = await must<Door>('dock.updateDoor', {
      id: door.id,
      name: 'Door 1A',
      equipment: ['leveler', 'leveler'],
    });
    expect(renamed).toMatchObject({ name: 'Door 1A', equipment: ['leveler'], opensAt: 360, closesAt: 1080 });
  });

  it('refuses opening hours that end before they start', async () => {
    const { call, door } = await setup();
    expect(
      await call('dock.createDoor', { name: 'X', direction: 'inbound', opensAt: '18:00', closesAt: '06:00' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await call('dock.updateDoor', { id: door.id, opensAt: '19:00' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(
      await call('dock.createDoor', {
        name: 'Y',
        direction: 'sideways',
        opensAt: '06:00',
        closesAt: '07:00',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('refuses new hours that would strand booked appointments', async () => {
    const { call, book, door } = await setup();
    await book('07:00');
    const r = await call('dock.updateDoor', { id: door.id, opensAt: '08:00' });
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict' } });
    if (!r.ok) expect(r.error.message).toContain('PO-07:00');
  });

  it('refuses to deactivate a door with upcoming bookings, then allows it once they are gone', async () => {
    const { must, call, book, door } = await setup();
    const a = ((await book('07:00')) as { value: Appointment }).value;
    expect(await call('dock.setDoorActive', { id: door.id, active: false })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    await must('dock.cancelAppointment', { id: a.id, reason: 'moved to next week' });
    expect(await must<Door>('dock.setDoorActive', { id: door.id, active: false })).toMatchObject({
      active: false,
    });
    expect(await must<Door[]>('dock.listDoors', {})).toHaveLength(0);
    expect(await book('08:00')).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});

describe('demo data', () => {
  it('seeds a Nordic DC with twelve doors and a conflict-free day, once', async () => {
    const core = await newCore({ demo: true });
    const must = ok(core);
    const doors = await must<Door[]>('dock.listDoors', {});
    expect(doors).toHaveLength(12);
    const info = await must<{ timeZone: string; demo: boolean }>('app.info', {});
    expect(info).toMatchObject({ timeZone: 'Europe/Stockholm', demo: true });
    const rows = await core.db.all<{ n: number }>(
      `SELECT COUNT(*) AS n FROM appointments a JOIN appointments b
       ON a.door_id = b.door_id AND a.id < b.id AND a.start_at < b.end_at AND b.start_at < a.end_at`,
    );
    expect(rows[0]!.n).toBe(0);
    expect(await outboxCount(core)).toBe(0);
  });
});
