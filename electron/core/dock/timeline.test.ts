import { describe, expect, it } from 'vitest';
import type { Appointment, DevicesOverview, Door, GateScanResult, SeriesResult } from '@shared/contract';
import { gateCode, parseGateCode, timelineSummary } from '@shared/domain/dock/timeline';
import { atMinuteOfDay, isoDate } from '@shared/domain/time';
import type { Core } from '../core';
import { caller, ok, until, useTestCore } from '../testing';

const TZ = 'Europe/Stockholm';
const DAY = '2026-11-23';
const at = (hhmm: string, date = DAY) => {
  const [h, m] = hhmm.split(':').map(Number);
  return atMinuteOfDay(date, h! * 60 + m!, TZ);
};
const newCore = useTestCore();

async function setup(clock: { now: number }) {
  const core = await newCore({ timeZone: TZ, now: () => clock.now });
  const call = caller(core);
  const must = ok(core);
  const door = await must<Door>('dock.createDoor', { name: 'Door 1', direction: 'inbound', opensAt: '06:00', closesAt: '18:00' });
  const appt = await must<Appointment>('dock.bookAppointment', {
    doorId: door.id,
    carrierName: 'PostNord',
    reference: 'PO-77',
    startAt: at('08:00'),
    durationMin: 60,
    loadType: 'palletized',
    pallets: 10,
  });
  return { core, call, must, door, appt };
}

describe('status timeline', () => {
  it('steps forward with who and when, computes dwell and lateness, and never steps back', async () => {
    const clock = { now: at('07:00', '2026-11-20') };
    const { call, must, appt } = await setup(clock);
    clock.now = at('08:07');
    const arrived = await must<Appointment>('dock.advanceStage', { id: appt.id, stage: 'arrived' });
    expect(arrived.timeline).toEqual([{ at: at('08:07'), by: expect.any(String), stage: 'arrived', source: 'user' }]);
    clock.now = at('08:20');
    await must('dock.advanceStage', { id: appt.id, stage: 'at_door', source: 'sensor', by: 'Door 1 sensors' });
    clock.now = at('08:25');
    const loading = await must<Appointment>('dock.advanceStage', { id: appt.id, stage: 'loading' });
    const summary = timelineSummary(loading, at('08:55'));
    expect(summary.arrivalMin).toBe(7);
    expect(summary.steps.map((s) => [s.stage, s.dwellMs && s.dwellMs / 60_000, s.by])).toEqual([
      ['arrived', 13, expect.any(String)],
      ['at_door', 5, 'Door 1 sensors'],
      ['loading', 30, expect.any(String)],
    ]);
    const back = await call('dock.advanceStage', { id: appt.id, stage: 'arrived' });
    expect(back).toMatchObject({ ok: false, error: { code: 'conflict', details: { reason: 'stage_order', stage: 'loading' } } });
    const bad = await call('dock.advanceStage', { id: appt.id, stage: 'scheduled' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const missing = await call('dock.advanceStage', { id: 'nope', stage: 'arrived' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // It survives a reload from the file as it was written.
    const list = await must<Appointment[]>('dock.listAppointments', { date: DAY });
    expect(list[0]!.timeline!.map((e) => e.stage)).toEqual(['arrived', 'at_door', 'loading']);
  });

  it('a gate pass checks a scheduled truck in and a done one out, and refuses everything else clearly', async () => {
    const clock = { now: at('07:00') };
    const { call, must, appt } = await setup(clock);
    const code = gateCode(appt);
    expect(code).toMatch(/^GP[0-9A-F]{12}$/);
    const checkIn = await must<GateScanResult>('dock.checkInByCode', { code: code.toLowerCase() });
    expect(checkIn).toMatchObject({ code, stage: 'arrived', appointment: { id: appt.id } });
    expect(await call('dock.checkInByCode', { code })).toMatchObject({
      ok: false,
      error: { code: 'conflict', details: { reason: 'not_done', stage: 'arrived' } },
    });
    await must('dock.advanceStage', { id: appt.id, stage: 'done' });
    expect((await must<GateScanResult>('dock.checkInByCode', { code })).stage).toBe('departed');
    expect(await call('dock.checkInByCode', { code })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await call('dock.checkInByCode', { code: 'GP000000000000' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', details: { reason: 'unknown_gate_pass' } },
    });
    expect(await call('dock.checkInByCode', { code: '(00)373500530000000428' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', details: { reason: 'not_a_gate_pass' } },
    });
    expect(await call('dock.checkInByCode', { code: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it("a series occurrence's pass names its date: each week's truck is its own check-in", async () => {
    const clock = { now: at('07:00', '2026-11-20') };
    const { must, door } = await setup(clock);
    const { appointments } = await must<SeriesResult>('dock.createSeries', {
      doorId: door.id,
      carrierName: 'Bring',
      reference: 'WEEKLY',
      rrule: 'FREQ=WEEKLY;COUNT=2',
      anchorDate: '2026-11-24',
      time: '10:00',
      durationMin: 30,
      loadType: 'parcel',
      pallets: 0,
    });
    const second = appointments[1]!;
    const code = gateCode(second);
    expect(code).toMatch(/^GP[0-9A-F]{12}-261201$/);
    expect(parseGateCode(code)).toEqual({ idPrefix: second.seriesId!.slice(0, 13), date: '2026-12-01' });
    const r = await must<GateScanResult>('dock.checkInByCode', { code });
    expect(r.appointment.id).toBe(second.id);
    expect((await must<{ occurrences: Appointment[] }>('dock.getSeries', { id: second.seriesId })).occurrences[0]!.timeline).toBeUndefined();
  });
});

describe('gate pass through the real serial scanner (socat pty, simulated devices)', () => {
  it('scanning the pass checks the truck in, scanning it after "done" checks it out; a bad pass is reported', async () => {
    const core: Core = await newCore({ demo: true });
    const must = ok(core);
    await until(
      () => must<DevicesOverview>('devices.overview', {}),
      (o) => o.scanners[0]?.status.state === 'connected',
    );
    const zone = (await must<{ timeZone: string }>('app.info', {})).timeZone;
    const doors = await must<Door[]>('dock.listDoors', {});
    const tomorrow = isoDate(Date.now() + 86_400_000, zone);
    const appt = await must<Appointment>('dock.bookAppointment', {
      doorId: doors[0]!.id,
      carrierName: 'Scan Test AB',
      reference: 'GATE-1',
      startAt: atMinuteOfDay(tomorrow, 5 * 60 + 5, zone),
      durationMin: 30,
      loadType: 'palletized',
      pallets: 1,
    });
    const gateEvents: Array<{ ok: boolean; stage?: string; message?: string }> = [];
    core.events.subscribe((m) => {
      if (m.event === 'dock.gateScan') gateEvents.push(m.payload as (typeof gateEvents)[number]);
    });
    const stageNow = async () =>
      (await must<Appointment[]>('dock.listAppointments', { date: tomorrow })).find((a) => a.id === appt.id)!;

    await must('devices.simulateScan', { data: gateCode(appt) });
    const arrived = await until(stageNow, (a) => a.timeline?.length === 1);
    expect(arrived.timeline![0]).toMatchObject({ stage: 'arrived', source: 'scan', by: expect.stringMatching(/scanner/i) });
    await until(async () => gateEvents, (e) => e.length === 1);
    expect(gateEvents[0]).toMatchObject({ ok: true, stage: 'arrived' });

    // Scanned again while still at the dock: refused, said why, nothing changed.
    await must('devices.simulateScan', { data: gateCode(appt) });
    await until(async () => gateEvents, (e) => e.length === 2);
    expect(gateEvents[1]).toMatchObject({ ok: false, message: expect.stringContaining('Mark it done') });

    await must('dock.advanceStage', { id: appt.id, stage: 'done' });
    await must('devices.simulateScan', { data: gateCode(appt) });
    const departed = await until(stageNow, (a) => a.timeline?.length === 3);
    expect(departed.timeline!.map((e) => e.stage)).toEqual(['arrived', 'done', 'departed']);
    const names = await core.db.all<{ name: string }>("SELECT name FROM outbox WHERE name = 'dock.advanceStage'");
    expect(names).toHaveLength(3);
  });
});
