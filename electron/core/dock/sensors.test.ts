/**
 * Door sensors drive the dock, through the real Modbus TCP door controller simulator and the real
 * driver polling it (simulated-devices mode on the demo site): inputs flipped on the simulator
 * reach the dock as `devices.door` events.
 */
import { describe, expect, it } from 'vitest';
import type { Appointment, DevicesOverview, DockAlert, DoorIo, GateScanResult } from '@shared/contract';
import { gateCode } from '@shared/domain/dock/timeline';
import { atMinuteOfDay, isoDate } from '@shared/domain/time';
import { caller, ok, until, useTestCore } from '../testing';

const newCore = useTestCore();

/** 02:30 in Jönköping on a fixed day: the demo day's doors open at 05:00 or later (Door 06–09 around the clock). */
const DAY = '2026-12-09';
const ZONE = 'Europe/Stockholm';
const BASE = atMinuteOfDay(DAY, 150, ZONE);

async function setup() {
  const clock = { offset: 0 };
  const started = Date.now();
  const core = await newCore({ demo: true, now: () => BASE + clock.offset + (Date.now() - started) });
  const must = ok(core);
  const call = caller(core);
  const overview = await must<DevicesOverview>('devices.overview', {});
  const [a, b] = overview.doors;
  const zone = (await must<{ timeZone: string }>('app.info', {})).timeZone;
  expect(zone).toBe(ZONE);
  /** A booking on `doorId` at its first free half hour from 05:00 (the demo day has bookings). */
  const book = async (doorId: string, reference: string) => {
    const slot = await must<{ startAt: number }>('dock.findFreeSlot', {
      doorId,
      durationMin: 30,
      after: atMinuteOfDay(DAY, 5 * 60, ZONE),
    });
    return must<Appointment>('dock.bookAppointment', {
      doorId,
      carrierName: 'Sensor AB',
      reference,
      startAt: slot.startAt,
      durationMin: 30,
      loadType: 'palletized',
      pallets: 2,
    });
  };
  const door = async (id: string) =>
    (await must<DevicesOverview>('devices.overview', {})).doors.find((d) => d.doorId === id)!;
  const flip = async (doorId: string, input: 'doorOpen' | 'trailerPresent', value: boolean) => {
    await must<DoorIo>('devices.simulateDoorInput', { doorId, input, value });
    await until(() => door(doorId), (d) => d[input] === value);
  };
  const alerts = () => must<DockAlert[]>('dock.listAlerts', {});
  return { core, must, call, a: a!, b: b!, zone, flip, alerts, clock, book };
}

describe('door sensors drive status and alerts (real Modbus simulator)', () => {
  it('trailer present + door open moves the checked-in truck to "at door"; an open door without restraint is an alert to acknowledge', async () => {
    const { must, call, a, zone, flip, alerts, book, clock } = await setup();
    // 04:00: another truck is due on this door sooner than ours, but it has not checked in, so it
    // is not the one that docks.
    clock.offset = 90 * 60_000;
    const sooner = await book(a.doorId, 'SOONER-1');
    const appt = await book(a.doorId, 'SENS-1');
    expect(sooner.startAt).toBeLessThan(appt.startAt);
    await must<GateScanResult>('dock.checkInByCode', { code: gateCode(appt) });
    await flip(a.doorId, 'trailerPresent', true);
    expect((await alerts()).filter((x) => x.kind === 'wrong_door')).toEqual([]);
    await flip(a.doorId, 'doorOpen', true);
    const list = () => must<Appointment[]>('dock.listAppointments', { date: isoDate(appt.startAt, zone) });
    const atDoor = await until(list, (l) => l.find((x) => x.id === appt.id)?.timeline?.at(-1)?.stage === 'at_door');
    expect(atDoor.find((x) => x.id === sooner.id)!.timeline).toBeUndefined();
    expect(atDoor.find((x) => x.id === appt.id)!.timeline!.at(-1)).toMatchObject({
      stage: 'at_door',
      source: 'sensor',
      by: `${a.doorName} sensors`,
    });
    // The simulator's restraint is not engaged: the door is open without it.
    const restraint = await until(alerts, (l) => l.some((x) => x.kind === 'restraint_open' && x.doorId === a.doorId));
    const alert = restraint.find((x) => x.kind === 'restraint_open')!;
    expect(alert.message).toContain(a.doorName);
    const acked = await must<DockAlert>('dock.acknowledgeAlert', { id: alert.id });
    expect(acked.acknowledgedBy).toBeTruthy();
    expect((await alerts()).some((x) => x.id === alert.id)).toBe(false);
    expect(await call('dock.acknowledgeAlert', { id: alert.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await call('dock.acknowledgeAlert', { id: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('a door open with no trailer and a trailer at a door nobody is due at raise alerts that clear themselves', async () => {
    const { must, b, flip, alerts } = await setup();
    await flip(b.doorId, 'doorOpen', true);
    await until(alerts, (l) => l.some((x) => x.kind === 'open_no_trailer' && x.doorId === b.doorId && x.clearedAt === null));
    await flip(b.doorId, 'doorOpen', false);
    await until(
      () => must<DockAlert[]>('dock.listAlerts', { includeAcknowledged: true }),
      (l) => l.some((x) => x.kind === 'open_no_trailer' && x.clearedAt !== null),
    );
    await flip(b.doorId, 'trailerPresent', true);
    const wrong = await until(alerts, (l) => l.some((x) => x.kind === 'wrong_door' && x.doorId === b.doorId));
    expect(wrong.find((x) => x.kind === 'wrong_door')!.message).toContain('no truck is checked in');
  });

  it('a truck checked in but not at its door after the allowed minutes raises an alert, cleared when it docks', async () => {
    const { must, a, flip, alerts, clock, book } = await setup();
    const appt = await book(a.doorId, 'LATE-1');
    await must('dock.checkInByCode', { code: gateCode(appt) });
    expect((await alerts()).some((x) => x.kind === 'not_at_door')).toBe(false);
    clock.offset = 16 * 60_000;
    const late = await alerts();
    expect(late.find((x) => x.kind === 'not_at_door')).toMatchObject({ appointmentId: appt.id, reference: 'LATE-1' });
    await flip(a.doorId, 'trailerPresent', true);
    await flip(a.doorId, 'doorOpen', true);
    await until(alerts, (l) => l.find((x) => x.kind === 'not_at_door')?.clearedAt != null);
  });
});
