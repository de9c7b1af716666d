/**
 * The random operations a partition client makes: few doors and slots, so clients collide; and
 * claims several clients move through their lifecycle at once.
 */
import type { AlertRule, Appointment, ClaimSummary, Driver, Geofence, Vehicle } from '@shared/contract';
import { CLAIM_TRANSITIONS } from '@shared/domain/claims/lifecycle';
import { atMinuteOfDay } from '@shared/domain/time';
import type { Rng } from '../../electron/core/routing/solver/rng';
import type { ClientConfig } from './config';

export interface Operation {
  name: string;
  input: Record<string, unknown>;
}

/** Half-hour slots over eight hours. */
const SLOTS = 16;

/** What a client sees before it acts: the day's appointments and, for planners, the fleet's geofences and rules. */
export interface ClientView {
  appointments: Appointment[];
  fleet: { geofences: Geofence[]; rules: AlertRule[] } | null;
  /** For planners: route planning's register. */
  register: { vehicles: Vehicle[]; drivers: Driver[] } | null;
}

export function randomOperation(rng: Rng, c: ClientConfig, view: ClientView): Operation {
  if (view.fleet && rng.next() < 0.3) return fleetOperation(rng, c, view.fleet);
  if (view.register && rng.next() < 0.3) return registerOperation(rng, c, view.register);
  const appointments = view.appointments;
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

/**
 * Geofence and alert-rule edits, few of them so planners collide: renames and recolours of one
 * geofence by two clients, a rule on a geofence another client deletes meanwhile.
 */
function fleetOperation(rng: Rng, c: ClientConfig, fleet: NonNullable<ClientView['fleet']>): Operation {
  const roll = rng.next();
  const color = () => `#${rng.int(0xffffff).toString(16).padStart(6, '0')}`;
  const geofence = fleet.geofences.length ? rng.pick(fleet.geofences) : null;
  const rule = fleet.rules.length ? rng.pick(fleet.rules) : null;
  if (!geofence || (fleet.geofences.length < 4 && roll < 0.25))
    return {
      name: 'fleet.saveGeofence',
      input: {
        name: `Yard ${c.index}.${rng.int(1000)}`,
        shape: { kind: 'circle', lat: 57.7 + rng.next() / 10, lon: 11.9 + rng.next() / 10, radiusM: 100 + rng.int(900) },
        color: color(),
      },
    };
  if (roll < 0.45)
    return {
      name: 'fleet.saveGeofence',
      input: { id: geofence.id, name: rng.next() < 0.5 ? `${geofence.name.split(' ·')[0]} · ${c.index}` : geofence.name, shape: geofence.shape, color: color() },
    };
  if (roll < 0.55) return { name: 'fleet.deleteGeofence', input: { id: geofence.id } };
  if (!rule || roll < 0.8)
    return {
      name: 'fleet.saveRule',
      input: rng.next() < 0.7
        ? { name: `Into ${geofence.name}`, kind: rng.pick(['enter', 'exit']), geofenceId: geofence.id }
        : { name: `Fast ${c.index}`, kind: 'speeding', speedLimitKmh: 30 + rng.int(90) },
    };
  if (roll < 0.9) return { name: 'fleet.saveRule', input: { ...rule, active: !rule.active, name: `${rule.name.split(' ·')[0]} · ${c.index}` } };
  return { name: 'fleet.deleteRule', input: { id: rule.id } };
}

/** Claims operations: clients create claims and move them through the lifecycle, racing each other. */
export function randomClaimOperation(rng: Rng, c: ClientConfig, claims: ClaimSummary[]): Operation {
  const open = claims.filter((x) => CLAIM_TRANSITIONS[x.status].length > 0);
  if (open.length === 0 || rng.next() < 0.3)
    return {
      name: 'claims.create',
      input: {
        type: rng.pick(['damage_apparent', 'shortage', 'delay'] as const),
        carrierName: rng.pick(['PostNord', 'DHL Freight', 'Bring']),
        regime: rng.pick(['cmr', 'montreal', 'postnord']),
        country: 'SE',
        deliveredOn: '2026-01-05',
        shipmentRef: `C${c.index}-${rng.int(1e6)}`,
        currency: 'SEK',
        lines: [{ description: 'Pallet', quantity: 1 + rng.int(5), unitValueMinor: 10_000 * (1 + rng.int(50)) }],
      },
    };
  const target = rng.pick(open);
  if (rng.next() < 0.25)
    return { name: 'claims.addNote', input: { id: target.id, direction: 'internal', text: `Client ${c.index} note ${rng.int(1000)}` } };
  const to = rng.pick(CLAIM_TRANSITIONS[target.status]);
  const extra: Record<string, unknown> = {
    denied: { denialReason: 'insufficient_packaging' },
    appealed: { note: `Client ${c.index} answers the denial with new photos.` },
    partially_approved: { amountMinor: Math.max(1, Math.floor(target.claimedMinor / 2)) },
    paid: { amountMinor: Math.max(1, Math.floor(target.claimedMinor / 2)) },
  }[to as string] as Record<string, unknown> | undefined ?? {};
  return { name: 'claims.transition', input: { id: target.id, to, acceptLateNotice: true, ...extra } };
}

/**
 * Vehicle and driver edits with names from a small pool, so planners collide: two workstations
 * making "Van 3" offline, renames into a name another took meanwhile, concurrent edits of one
 * vehicle's plate, shift and capacity.
 */
function registerOperation(rng: Rng, c: ClientConfig, register: NonNullable<ClientView['register']>): Operation {
  const roll = rng.next();
  const vehicle = register.vehicles.length ? rng.pick(register.vehicles) : null;
  const driver = register.drivers.length ? rng.pick(register.drivers) : null;
  if (!vehicle || roll < 0.2)
    return { name: 'routes.createVehicle', input: { name: `Van ${rng.int(8)}`, capacity: { kg: 500 + 100 * rng.int(10) } } };
  if (roll < 0.55) {
    const edits: Record<string, unknown>[] = [
      { name: `Van ${rng.int(8)}` },
      { plate: `ABC ${c.index}${rng.int(100)}` },
      { shiftStart: rng.pick(['06:00', '07:00', '08:00']), shiftEnd: rng.pick(['15:00', '16:00']) },
      { capacity: { kg: 500 + 100 * rng.int(10), pallets: rng.int(20) } },
      { active: !vehicle.active },
    ];
    return { name: 'routes.updateVehicle', input: { id: vehicle.id, ...rng.pick(edits) } };
  }
  if (!driver || roll < 0.7) return { name: 'routes.createDriver', input: { name: `Driver ${rng.int(6)}` } };
  const edit = rng.pick<Record<string, unknown>>([{ name: `Driver ${rng.int(6)}` }, { phone: `070-${c.index}${rng.int(1000)}` }, { active: !driver.active }]);
  return { name: 'routes.updateDriver', input: { id: driver.id, ...edit } };
}
