import { z } from 'zod';
import { HH_MM, parseHhMm } from '../domain/time';
import { ADMINS, PLANNERS, calendarDate, command, editOf, event, mutation } from './define';

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
/** The RRULE value of RFC 5545: `FREQ=…;…`, upper-case parts, no DTSTART line. */
export const RRULE_BODY = /^(RRULE:)?[A-Z]+=[A-Z0-9,+\-:]+(;[A-Z]+=[A-Z0-9,+\-:]+)*$/;
export const MAX_APPOINTMENT_MINUTES = 12 * 60;

/** An appointment's way through the site, in order; `loading` is loading or unloading. */
export const STAGES = ['scheduled', 'arrived', 'at_door', 'loading', 'done', 'departed'] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_SOURCES = ['user', 'scan', 'sensor'] as const;

/**
 * One step of the timeline: when, who or which device, how it was told. Keys in this order (the
 * sync server's JSONB order), so both sides write the same JSON.
 */
export interface StageEvent {
  at: number;
  by: string;
  stage: Stage;
  source: (typeof STAGE_SOURCES)[number];
}

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
  /** The series it belongs to, or null for a one-off booking. */
  seriesId?: string | null;
  /** The site-local date the series gave this occurrence (its RFC 5545 RECURRENCE-ID). */
  occurrenceDate?: string | null;
  /** Edited on its own: edits of the series leave it as it is. */
  detached?: boolean;
  /** The steps after `scheduled`, oldest first; absent while it is only scheduled. */
  timeline?: StageEvent[];
}

export const DOCK_ALERT_KINDS = ['not_at_door', 'wrong_door', 'open_no_trailer', 'restraint_open'] as const;
export type DockAlertKind = (typeof DOCK_ALERT_KINDS)[number];

/**
 * Something at a door that needs a look, raised from the door sensors and the timeline on this
 * workstation: open until acknowledged; `clearedAt` once the condition went away by itself.
 */
export interface DockAlert {
  id: string;
  kind: DockAlertKind;
  doorId: string | null;
  doorName: string;
  appointmentId: string | null;
  reference: string | null;
  /** English text (the UI words it from `kind` and the names). */
  message: string;
  raisedAt: number;
  clearedAt: number | null;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
}

/** What a gate-pass scan did. */
export interface GateScanResult {
  code: string;
  appointment: Appointment;
  stage: Stage;
}

/**
 * A standing appointment: an RFC 5545 rule in the site's time zone, expanded from `anchorDate`,
 * limited to the dates in [`fromDate`, `untilDate`) (a "this and following" edit splits a series
 * there), each occurrence at the local `time` (stable across daylight-saving changes).
 */
export interface AppointmentSeries {
  id: string;
  doorId: string;
  carrierId: string;
  carrierName: string;
  reference: string;
  rrule: string;
  anchorDate: string;
  fromDate: string;
  /** Exclusive; null when the rule's own end is the end. */
  untilDate: string | null;
  /** Local `HH:MM`. */
  time: string;
  durationMin: number;
  loadType: LoadType;
  pallets: number;
  notes: string;
  status: 'active' | 'cancelled';
  cancelReason: string | null;
}

/** Why one occurrence of a series could not be booked or changed; it is left as it was. */
export interface UnbookableOccurrence {
  date: string;
  startAt: number;
  /** outside_hours, overlap, door_inactive, edited_individually, started */
  reason: string;
  message: string;
}

export interface SeriesResult {
  series: AppointmentSeries;
  /** The occurrences booked or changed by this change. */
  appointments: Appointment[];
  unbookable: UnbookableOccurrence[];
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

const seriesFields = z.object({
  doorId: id,
  carrierName: text(80).min(1, 'Name the carrier'),
  reference: text(60).min(1, 'Give a reference or PO number'),
  rrule: z
    .string()
    .trim()
    .max(300)
    .transform((v) => v.toUpperCase().replace(/^RRULE:/, ''))
    .refine((v) => RRULE_BODY.test(v), {
      message: 'Write the rule as RFC 5545 RRULE parts, e.g. FREQ=WEEKLY;BYDAY=MO;COUNT=10',
      params: { reason: 'bad_rrule' },
    }),
  /** The first date of the rule (its DTSTART's date), site-local. */
  anchorDate: calendarDate,
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use the 24-hour form HH:MM, for example 08:00'),
  durationMin: duration,
  loadType: z.enum(LOAD_TYPES),
  pallets: z.number().int().min(0).max(99),
  notes: text(500).default(''),
});
const seriesScope = z.enum(['all', 'following']);
/** `following` needs the date it starts from. */
const scopeHasDate = (v: { scope: 'all' | 'following'; fromDate?: string }) =>
  v.scope === 'all' || v.fromDate !== undefined;
const scopeMessage = { message: 'Say from which occurrence on (fromDate)', path: ['fromDate'] };

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
  'dock.createSeries': mutation<SeriesResult>()(seriesFields, PLANNERS),
  'dock.editSeries': mutation<SeriesResult>()(
    seriesFields
      .omit({ rrule: true, anchorDate: true })
      .partial()
      .extend({ seriesId: id, scope: seriesScope, fromDate: calendarDate.optional() })
      .refine(scopeHasDate, scopeMessage),
    PLANNERS,
  ),
  'dock.cancelSeries': mutation<SeriesResult>()(
    z
      .object({
        seriesId: id,
        scope: seriesScope,
        fromDate: calendarDate.optional(),
        reason: text(200).min(3, 'Say why the appointments are cancelled'),
      })
      .refine(scopeHasDate, scopeMessage),
    PLANNERS,
  ),
  /** The next step of an appointment's timeline (never backwards; skipping ahead is allowed). */
  'dock.advanceStage': mutation<Appointment>()(
    z.object({
      id,
      stage: z.enum(STAGES).exclude(['scheduled']),
      source: z.enum(STAGE_SOURCES).default('user'),
      /** The sensor or scanner that told, for `sensor`/`scan`; the operator otherwise. */
      by: text(80).optional(),
    }),
  ),
  /**
   * A scanned gate pass (`GP…`): checks a scheduled truck in (arrived), a done one out (departed).
   * Recorded as `dock.advanceStage` of the appointment it names.
   */
  'dock.checkInByCode': mutation<GateScanResult>()(
    z.object({
      code: z.string().trim().min(1, 'The scan is empty').max(64),
      source: z.enum(['user', 'scan']).default('user'),
      by: text(80).optional(),
    }),
  ),
  /** Open alerts (not yet acknowledged), newest first; time-based ones are checked on the call. */
  'dock.listAlerts': command<DockAlert[]>()(z.object({ includeAcknowledged: z.boolean().default(false) })),
  /** Kept on this workstation (door sensors are local); recorded in the outbox, not synced. */
  'dock.acknowledgeAlert': mutation<DockAlert>()(z.object({ id })),
  'dock.getSeries': command<{ series: AppointmentSeries; occurrences: Appointment[] }>()(z.object({ id })),
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
  /** Alerts were raised, cleared or acknowledged. */
  'dock.alerts': event<{ raised: number }>(),
  /** A gate pass came in from a scanner: what it did, or why not. */
  'dock.gateScan': event<{ code: string; ok: boolean; reference?: string; stage?: Stage; message?: string }>(),
};
