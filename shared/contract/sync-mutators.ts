/**
 * The mutations that sync, declared once for the workstation and the server: each outbox name,
 * the schema of the arguments the workstation records (the command's input plus the ids it chose,
 * so the server reuses them), and the contract command whose roles guard it. Everything else in
 * the outbox (devices, print queue, scanner and station settings) stays on the workstation.
 *
 * Adding a domain: add its mutators here, implement them for core and for the server, and add a
 * case to the partition test. Nothing else in the sync machinery changes.
 */
import { z } from 'zod';
import { claimsCommands, CLAIM_FILE_KINDS, MAX_CLAIM_ATTACHMENTS } from './claims';
import { dockCommands } from './dock';
import { fleetCommands, geofenceValues, ruleValues } from './fleet';
import { routingCommands } from './routing';
import { calendarDate, withinFrame, type Role } from './define';
import { dispatchCommands } from './dispatch';
import { dispatchArgs } from './dispatch-sync';

const uuid = z.string().uuid();

/** The commands a synced mutator may come from (their roles guard it on both sides). */
const source = { ...dockCommands, ...fleetCommands, ...routingCommands, ...dispatchCommands, ...claimsCommands };
type Source = typeof source;

/**
 * An edit of one record's fields: which argument sets which stored field. A field changed on the
 * server after the edit's base version by another workstation keeps its value (the server's
 * order wins per field) and the edit's author is told who changed it.
 */
export interface FieldEdit {
  entity: string;
  /** The argument holding the record's id. */
  idArg: string;
  /** Argument name → the stored field it sets. */
  fields: Record<string, string>;
}

export interface SyncedMutatorSpec<A extends z.ZodType = z.ZodType> {
  args: A;
  /** The contract command whose `roles` decide who may run it. */
  command: keyof Source;
  roles: readonly Role[];
  edits?: FieldEdit;
  /** Arguments that name records (argument → entity): the server reads a whole batch's at once. */
  refs?: Record<string, string>;
}

function synced<A extends z.ZodType>(
  command: keyof Source,
  args: A,
  extra: Pick<SyncedMutatorSpec, 'edits' | 'refs'> = {},
): SyncedMutatorSpec<A> {
  return { args, command, roles: source[command].roles, ...extra };
}

const same = (...names: string[]) => Object.fromEntries(names.map((n) => [n, n]));
const appointmentMove = { doorId: 'doorId', startAt: 'startAt', durationMin: 'endAt' };
const appointmentRefs = { id: 'appointment', doorId: 'door' };
const appointmentEdit: FieldEdit = {
  entity: 'appointment',
  idArg: 'id',
  fields: { ...appointmentMove, carrierName: 'carrierId', ...same('reference', 'loadType', 'pallets', 'notes') },
};

const VEHICLE_FIELDS = [
  'name', 'plate', 'profile', 'capacity', 'skills', 'shiftStart', 'shiftEnd', 'breakWindow', 'breakMin', 'maxDurationMin',
  'maxDistanceKm', 'fixedCost', 'costPerKm', 'costPerHour', 'maxTrips', 'reloadMin', 'active', 'planning',
];

const input = <N extends keyof Source>(name: N): Source[N]['input'] => source[name].input;
const resultId = uuid;
/** A fleet record's id (made by the workstation) and whether the change creates it (see `retryInput`). */
const fleetRecord = { id: z.string().min(1).max(64), isNew: z.boolean() };
/** The same fields, each optional (an edit records those it changes). */
function optional<T extends Record<string, z.ZodType>>(fields: T): { [K in keyof T]: z.ZodOptional<T[K]> } {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.optional()])) as { [K in keyof T]: z.ZodOptional<T[K]> };
}

/** Who did it and when, recorded by the workstation so the server keeps the operator's own time. */
const stamp = { at: z.number().int().min(0), by: z.string().max(120) };
const attachment = z.object({
  fileId: input('claims.attach').shape.fileId,
  name: z.string().max(200),
  kind: z.enum(CLAIM_FILE_KINDS),
  size: z.number().int().min(0),
  caption: z.string().max(200),
});

/** Claims: whole-record operations (the lifecycle is a sequence, not field edits). */
export const claimsMutators = {
  'claims.create': synced(
    'claims.create',
    input('claims.create').safeExtend({
      ...stamp,
      resultId: uuid,
      // The receipt's exception photos, resolved by the workstation (files stay on it).
      attachments: z.array(attachment).max(MAX_CLAIM_ATTACHMENTS).default([]),
    }),
    { refs: { resultId: 'claim' } },
  ),
  'claims.update': synced('claims.update', input('claims.update').safeExtend(stamp), { refs: { id: 'claim' } }),
  'claims.transition': synced('claims.transition', input('claims.transition').safeExtend({ ...stamp, on: calendarDate }), {
    refs: { id: 'claim' },
  }),
  'claims.addNote': synced('claims.addNote', input('claims.addNote').safeExtend({ ...stamp, noteId: uuid }), {
    refs: { id: 'claim' },
  }),
  'claims.attach': synced('claims.attach', input('claims.attach').safeExtend({ ...stamp, file: attachment }), {
    refs: { id: 'claim' },
  }),
  'claims.detach': synced('claims.detach', input('claims.detach').safeExtend(stamp), { refs: { id: 'claim' } }),
  'claims.startReceiving': synced(
    'claims.startReceiving',
    input('claims.startReceiving').safeExtend({
      ...stamp,
      resultId: uuid,
      reference: z.string().max(60),
      carrierName: z.string().max(80),
    }),
    { refs: { resultId: 'receipt' } },
  ),
  'claims.setExpected': synced('claims.setExpected', input('claims.setExpected').safeExtend(stamp), {
    refs: { receiptId: 'receipt' },
  }),
  'claims.recordPallet': synced('claims.recordPallet', input('claims.recordPallet').safeExtend({ ...stamp, palletId: uuid }), {
    refs: { receiptId: 'receipt' },
  }),
  'claims.removePallet': synced('claims.removePallet', input('claims.removePallet').safeExtend(stamp), {
    refs: { receiptId: 'receipt' },
  }),
  'claims.finishReceiving': synced('claims.finishReceiving', input('claims.finishReceiving').safeExtend(stamp), {
    refs: { receiptId: 'receipt' },
  }),
};

export const syncedMutators = {
  'dock.createDoor': synced('dock.createDoor', input('dock.createDoor').safeExtend({ resultId })),
  'dock.updateDoor': synced('dock.updateDoor', input('dock.updateDoor'), {
    edits: { entity: 'door', idArg: 'id', fields: same('name', 'direction', 'equipment', 'opensAt', 'closesAt') },
    refs: { id: 'door' },
  }),
  'dock.setDoorActive': synced('dock.setDoorActive', input('dock.setDoorActive'), { refs: { id: 'door' } }),
  'dock.bookAppointment': synced(
    'dock.bookAppointment',
    input('dock.bookAppointment').safeExtend({ resultId, carrierId: uuid }),
    { refs: { resultId: 'appointment', doorId: 'door' } },
  ),
  'dock.moveAppointment': synced('dock.moveAppointment', input('dock.moveAppointment'), {
    edits: { ...appointmentEdit, fields: appointmentMove },
    refs: appointmentRefs,
  }),
  'dock.updateAppointment': synced(
    'dock.updateAppointment',
    input('dock.updateAppointment').safeExtend({ carrierId: uuid.optional() }),
    { edits: appointmentEdit, refs: appointmentRefs },
  ),
  'dock.cancelAppointment': synced('dock.cancelAppointment', input('dock.cancelAppointment'), {
    refs: { id: 'appointment' },
  }),
  // A create records every field, an edit only those it changes: the server's order wins per field.
  'fleet.saveGeofence': synced('fleet.saveGeofence', z.object({ ...fleetRecord, ...optional(geofenceValues) }), {
    edits: { entity: 'geofence', idArg: 'id', fields: same('name', 'shape', 'color') },
    refs: { id: 'geofence' },
  }),
  'fleet.deleteGeofence': synced('fleet.deleteGeofence', input('fleet.deleteGeofence'), { refs: { id: 'geofence' } }),
  'fleet.saveRule': synced(
    'fleet.saveRule',
    withinFrame(z.object({ ...fleetRecord, ...optional(ruleValues) }), 'make a rule for fewer vehicles.'),
    {
      edits: { entity: 'alertRule', idArg: 'id', fields: same(...Object.keys(ruleValues)) },
      refs: { id: 'alertRule', geofenceId: 'geofence' },
    },
  ),
  'fleet.deleteRule': synced('fleet.deleteRule', input('fleet.deleteRule'), { refs: { id: 'alertRule' } }),
  // Dispatch: the arguments carry every decision the workstation's engine made (which candidate
  // next, which route takes a cancelled route's order), so the server applies the same steps.
  'dispatch.setAvailability': synced('dispatch.setAvailability', dispatchArgs.setAvailability),
  'dispatch.offer': synced('dispatch.offer', dispatchArgs.offer),
  'dispatch.accept': synced('dispatch.accept', dispatchArgs.accept),
  'dispatch.decline': synced('dispatch.decline', dispatchArgs.decline),
  'dispatch.expire': synced('dispatch.sweep', dispatchArgs.expire),
  'dispatch.escalate': synced('dispatch.sweep', dispatchArgs.escalate),
  'dispatch.cancelRoute': synced('dispatch.cancelRoute', dispatchArgs.cancelRoute),
  ...claimsMutators,
  // A series' occurrences have ids derived from the series id and their date (`<series>:<date>`),
  // so the server books the very rows the workstation did.
  'dock.createSeries': synced('dock.createSeries', input('dock.createSeries').safeExtend({ resultId, carrierId: uuid }), {
    refs: { resultId: 'appointmentSeries', doorId: 'door' },
  }),
  // `resultId` names the new series a "this and following" edit splits off.
  'dock.editSeries': synced(
    'dock.editSeries',
    input('dock.editSeries').safeExtend({ resultId, carrierId: uuid.optional() }),
    { refs: { seriesId: 'appointmentSeries', doorId: 'door' } },
  ),
  // `at` and `by` are recorded by the workstation: the step happened then, told by that one.
  'dock.advanceStage': synced(
    'dock.advanceStage',
    input('dock.advanceStage').safeExtend({ at: z.number().int(), by: z.string().max(80) }),
    { refs: { id: 'appointment' } },
  ),
  'dock.cancelSeries': synced('dock.cancelSeries', input('dock.cancelSeries'), {
    refs: { seriesId: 'appointmentSeries' },
  }),
  // Route planning's register: a create records the id it made, an edit only the fields it changes.
  'routes.createVehicle': synced('routes.createVehicle', input('routes.createVehicle').safeExtend({ id: resultId }), {
    refs: { id: 'vehicle' },
  }),
  'routes.updateVehicle': synced('routes.updateVehicle', input('routes.updateVehicle'), {
    edits: { entity: 'vehicle', idArg: 'id', fields: same(...VEHICLE_FIELDS) },
    refs: { id: 'vehicle' },
  }),
  'routes.createDriver': synced('routes.createDriver', input('routes.createDriver').safeExtend({ id: resultId }), {
    refs: { id: 'driver' },
  }),
  'routes.updateDriver': synced('routes.updateDriver', input('routes.updateDriver'), {
    edits: { entity: 'driver', idArg: 'id', fields: same('name', 'phone', 'skills', 'active') },
    refs: { id: 'driver' },
  }),
};


export type SyncedMutatorName = keyof typeof syncedMutators;
export type SyncedArgs<N extends SyncedMutatorName> = z.output<(typeof syncedMutators)[N]['args']>;
export type DockArgs<N extends SyncedMutatorName & `dock.${string}`> = SyncedArgs<N>;
export type DispatchArgs<N extends SyncedMutatorName & `dispatch.${string}`> = SyncedArgs<N>;

export type ClaimsArgs<N extends SyncedMutatorName & `claims.${string}`> = SyncedArgs<N>;

export const SYNCED_MUTATOR_NAMES = Object.keys(syncedMutators) as SyncedMutatorName[];

/**
 * The command input that makes a refused change again ("edit and retry"): its recorded arguments
 * with the user's changes. A create that named its new record's id (`isNew`, fleet) makes a new
 * one rather than editing the refused id, as a booking gets a new `resultId`.
 */
export function retryInput(args: Record<string, unknown>, changes: Record<string, unknown> = {}): Record<string, unknown> {
  const { isNew, ...rest } = { ...args, ...changes };
  if (isNew === true) delete rest.id;
  return rest;
}

export function isSyncedMutator(name: string): name is SyncedMutatorName {
  return Object.hasOwn(syncedMutators, name);
}
