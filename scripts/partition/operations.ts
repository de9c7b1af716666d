/** The random operations a partition client makes: few doors and slots, so clients collide. */
import type { Appointment } from '@shared/contract';
import { atMinuteOfDay } from '@shared/domain/time';
import type { Rng } from '../../electron/core/routing/solver/rng';
import type { ClientConfig } from './config';

export interface Operation {
  name: string;
  input: Record<string, unknown>;
}

/** Half-hour slots over eight hours. */
const SLOTS = 16;

export function randomOperation(rng: Rng, c: ClientConfig, appointments: Appointment[]): Operation {
  const slot = () => atMinuteOfDay(c.day, 8 * 60 + 30 * rng.int(SLOTS), c.timeZone);
  const door = () => rng.pick(c.doorIds);
  const booked = appointments.filter((a) => a.status === 'booked');
  const roll = rng.next();
  // Standing series (planners only: client 0 is the dispatcher): two days from the test day, so
  // each series books, edits and cancels several rows that may collide with one-off bookings.
  if (c.index === 0 && roll < 0.12) {
    const series = booked.filter((a) => a.seriesId);
    if (series.length === 0 || roll < 0.05)
      return {
        name: 'dock.createSeries',
        input: {
          doorId: door(),
          carrierName: 'PostNord',
          reference: `S${c.index}-${Math.floor(rng.next() * 1e6)}`,
          rrule: 'FREQ=DAILY;COUNT=2',
          anchorDate: c.day,
          time: `${String(8 + rng.int(8)).padStart(2, '0')}:${rng.pick(['00', '30'])}`,
          durationMin: 30,
          loadType: 'palletized',
          pallets: rng.int(30),
        },
      };
    const target = rng.pick(series);
    if (roll < 0.1)
      return {
        name: 'dock.editSeries',
        input: rng.next() < 0.5
          ? { seriesId: target.seriesId, scope: 'all', time: `${String(8 + rng.int(8)).padStart(2, '0')}:00` }
          : { seriesId: target.seriesId, scope: 'all', doorId: door(), pallets: rng.int(40) },
      };
    return { name: 'dock.cancelSeries', input: { seriesId: target.seriesId, scope: 'all', reason: 'Series ends' } };
  }
  if (booked.length === 0 || roll < 0.4)
    return {
      name: 'dock.bookAppointment',
      input: {
        doorId: door(),
        carrierName: rng.pick(['PostNord', 'DHL Freight', 'Bring', 'DSV Road']),
        reference: `C${c.index}-${Math.floor(rng.next() * 1e6)}`,
        startAt: slot(),
        durationMin: rng.pick([30, 60]),
        loadType: 'palletized',
        pallets: rng.int(30),
      },
    };
  const target = rng.pick(booked);
  // A step of the timeline (arrived … departed): clients racing on one truck are refused "never back".
  if (roll < 0.5)
    return {
      name: 'dock.advanceStage',
      input: { id: target.id, stage: rng.pick(['arrived', 'at_door', 'loading', 'done', 'departed']) },
    };
  if (roll < 0.6) return { name: 'dock.moveAppointment', input: { id: target.id, doorId: door(), startAt: slot() } };
  if (roll < 0.7) return { name: 'dock.cancelAppointment', input: { id: target.id, reason: `Client ${c.index} cancels` } };
  return {
    name: 'dock.updateAppointment',
    input: { id: target.id, ...(rng.next() < 0.5 ? { notes: `note ${c.index}.${rng.int(1000)}` } : { pallets: rng.int(40) }) },
  };
}
