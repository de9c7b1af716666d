import { z } from 'zod';
import { HH_MM, parseHhMm } from '../domain/time';
import { ADMINS, calendarDate, command, editOf, event, mutation } from './define';

export const DOOR_DIRECTIONS = ['inbound', 'outbound', 'both'] as const;
export const DOOR_EQUIPMENT = [
  'leveler',
  'ground_level',
  'shelter',
  'restraint',
  'ramp',
  'cold_chain',
] as const;
export const LOAD_TYPES = ['palletized', 'floor_loaded', 'container', 'parcel', 'mixed'] as const;
export const SLOT_MINUTES = 5;
export const MAX_APPOINTMENT_MINUTES = 12 * 60;

export type DoorDirection = (typeof DOOR_DIRECTIONS)[number];
export type DoorEquipment = (typeof DOOR_EQUIPMENT)[number];
export type LoadType = (typeof LOAD_TYPES)[number];

export interface Door {
  id: string;
  name: string;
  direction: DoorDirection;
  equipment: DoorEquipment[];
  /** Minutes after local midnight; `closesAt` may be 1440. */
  opensAt: number;
  closesAt: number;
  active: boolean;
}

export interface Appointment {
  id: string;
  doorId: string;
  carrierId: string;
  carrierName: string;
  reference: string;
  /** UTC epoch milliseconds. */
  startAt: number;
  endAt: number;
  loadType: LoadType;
  pallets: number;
  notes: string;
  status: 'booked' | 'cancelled';
  cancelReason: string | null;
}

export interface Carrier {
  id: string;
  name: string;
}

/** Where an appointment could go instead, sent with a `conflict` or out-of-hours refusal. */
export interface FreeSlot {
  doorId: string;
  startAt: number;
  endAt: number;
}

const id = z.string().min(1).max(64);
const text = (max: number) => z.string().trim().max(max);
const hhmm = z.string().regex(HH_MM, 'Use the 24-hour form HH:MM, for example 06:00 or 24:00');
const epochMs = z
  .number()
  .int()
  .min(Date.UTC(2000, 0, 1))
  .max(Date.UTC(2100, 0, 1));
const duration = z
  .number()
  .int()
  .min(SLOT_MINUTES, `An appointment lasts at least ${SLOT_MINUTES} minutes`)
  .max(MAX_APPOINTMENT_MINUTES, `An appointment lasts at most ${MAX_APPOINTMENT_MINUTES / 60} hours`)
  .refine((m) => m % SLOT_MINUTES === 0, `Durations are whole multiples of ${SLOT_MINUTES} minutes`);

const doorFields = z.object({
  name: text(40).min(1, 'Give the door a name'),
  direction: z.enum(DOOR_DIRECTIONS),
  equipment: z.array(z.enum(DOOR_EQUIPMENT)).max(DOOR_EQUIPMENT.length).default([]),
  opensAt: hhmm,
  closesAt: hhmm,
});

function hoursInOrder(v: { opensAt?: string; closesAt?: string }): boolean {
  if (v.opensAt === undefined || v.closesAt === undefined) return true;
  return parseHhMm(v.opensAt)! < parseHhMm(v.closesAt)!;
}
const hoursMessage = { message: 'The door must open before it closes', path: ['closesAt'] };

const appointmentFields = z.object({
  doorId: id,
  carrierName: text(80).min(1, 'Name the carrier'),
  reference: text(60).min(1, 'Give a reference or PO number'),
  startAt: epochMs,
  durationMin: duration,
  loadType: z.enum(LOAD_TYPES),
  pallets: z.number().int().min(0).max(99),
  notes: text(500).default(''),
  /**
   * The operator saw the "reference already booked" warning and books anyway (a second delivery
   * on one order). Without it a reference used by another booking within two weeks is refused
   * with reason `duplicate_reference`.
   */
  acceptDuplicateReference: z.boolean().optional(),
});

export const dockCommands = {
  'dock.listDoors': command<Door[]>()(z.object({ includeInactive: z.boolean().default(false) })),
  'dock.createDoor': mutation<Door>()(doorFields.refine(hoursInOrder, hoursMessage), ADMINS),
  'dock.updateDoor': mutation<Door>()(
    editOf(doorFields).extend({ id }).refine(hoursInOrder, hoursMessage),
    ADMINS,
  ),
  'dock.setDoorActive': mutation<Door>()(z.object({ id, active: z.boolean() }), ADMINS),
  'dock.listCarriers': command<Carrier[]>()(z.object({})),
  'dock.listAppointments': command<Appointment[]>()(
    z.object({
      date: calendarDate,
      includeCancelled: z.boolean().default(false),
    }),
  ),
  'dock.bookAppointment': mutation<Appointment>()(appointmentFields),
  'dock.moveAppointment': mutation<Appointment>()(
    z.object({ id, doorId: id, startAt: epochMs, durationMin: duration.optional() }),
  ),
  'dock.updateAppointment': mutation<Appointment>()(editOf(appointmentFields).extend({ id })),
  'dock.cancelAppointment': mutation<Appointment>()(
    z.object({ id, reason: text(200).min(3, 'Say why the appointment is cancelled') }),
  ),
  'dock.findFreeSlot': command<FreeSlot | null>()(
    z.object({
      doorId: id.optional(),
      durationMin: duration,
      after: epochMs,
      ignoreAppointmentId: id.optional(),
    }),
  ),
};

export const dockEvents = {
  /** Doors or appointments changed; `dates` are the site-local days touched, when known. */
  'dock.changed': event<{ dates: string[] }>(),
};
