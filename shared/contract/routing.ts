/**
 * Route planning: orders for a day, vehicles and drivers, optimisation, the editable plan draft,
 * saved versions, dispatch, printouts and map tiles.
 *
 * Conventions: a planning day is a site-local date (`2026-11-23`); time-window and shift inputs
 * are site-local `HH:MM` and come back as minutes after local midnight (like dock doors); ETAs and
 * other instants are UTC epoch milliseconds. Distances in km, durations in minutes, money in the
 * site's currency. Demand and capacity are keyed by the declared load dimensions
 * (`RoutingSettings.dimensions`, by default kg, m3 and pallets): other keys are refused.
 */
import { z } from 'zod';
import { HH_MM, parseHhMm } from '../domain/time';
import {
  ADMINS,
  boundedRecord,
  calendarDate,
  command,
  editOf,
  event,
  mutation,
  PLANNERS,
  withinFrame,
} from './define';
import { fileId } from './files';
import { IMPORT_FIELDS, ORDER_KINDS, VEHICLE_PROFILES } from './routing-model';
import type {
  Driver,
  ImportPreview,
  ImportResult,
  OptimizeDone,
  OptimizeProgress,
  OptimizeRun,
  Order,
  PdfDocument,
  Plan,
  PlanVersionInfo,
  RoutingSettings,
  TileResult,
  Vehicle,
} from './routing-model';

export * from './routing-model';

// ---- schemas ----

const id = z.string().min(1).max(64);
const text = (max: number) => z.string().trim().max(max);
const date = calendarDate;
const hhmm = z.string().regex(HH_MM, 'Use the 24-hour form HH:MM, for example 06:00 or 24:00');
const dimensionName = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,19}$/, 'Dimension names are short lower-case words like kg, m3 or pallets');
const amounts = boundedRecord(
  z.string().min(1).max(20),
  z.number().finite().min(0, 'Amounts cannot be negative').max(1_000_000),
  6,
);
const skills = z.array(z.string().trim().min(1).max(32)).max(20).default([]);
const lat = z.number().finite().min(-90).max(90);
const lon = z.number().finite().min(-180).max(180);

function windowInOrder(w: { from: string; to: string }): boolean {
  return parseHhMm(w.from)! < parseHhMm(w.to)!;
}
export const timeWindowInput = z.object({ from: hhmm, to: hhmm }).refine(windowInOrder, {
  message: 'The time window must end after it starts',
  path: ['to'],
  params: { reason: 'window_order' },
});

const notNullIsland = (l: { lat?: number; lon?: number }) => !(l.lat === 0 && l.lon === 0);
const nullIslandMessage = {
  message: 'Coordinates 0,0 look like a failed address lookup; enter the real position',
  path: ['lat'],
  params: { reason: 'null_island' },
};

const orderFields = z.object({
  reference: text(60).min(1, 'Give the order a reference'),
  customer: text(120).min(1, 'Name the customer'),
  address: text(200).default(''),
  lat,
  lon,
  kind: z.enum(ORDER_KINDS).default('delivery'),
  serviceMin: z.number().int().min(0).max(480).default(10),
  timeWindows: z.array(timeWindowInput).max(4).default([]),
  demand: amounts.default({}),
  skills,
  priority: z.number().int().min(0).max(100).default(0),
  pairedOrderId: id.nullable().default(null),
  phone: text(40).default(''),
  notes: text(500).default(''),
});

const vehicleFields = z.object({
  name: text(60).min(1, 'Give the vehicle a name'),
  plate: text(20).default(''),
  profile: z.enum(VEHICLE_PROFILES).default('van'),
  capacity: amounts.default({}),
  skills,
  shiftStart: hhmm.default('07:00'),
  shiftEnd: hhmm.default('17:00'),
  breakWindow: z
    .object({ from: hhmm, to: hhmm })
    .refine(windowInOrder, {
      message: 'The break window must end after it starts',
      params: { reason: 'window_order' },
    })
    .nullable()
    .default(null),
  breakMin: z.number().int().min(0).max(120).default(0),
  maxDurationMin: z.number().int().min(1).max(1440).nullable().default(null),
  maxDistanceKm: z.number().min(1).max(5000).nullable().default(null),
  fixedCost: z.number().min(0).max(1_000_000).default(0),
  costPerKm: z.number().min(0).max(10_000).default(0),
  costPerHour: z.number().min(0).max(100_000).default(0),
  maxTrips: z.number().int().min(1).max(10).default(1),
  reloadMin: z.number().int().min(0).max(240).default(0),
  active: z.boolean().default(true),
  planning: z.boolean().default(true),
});
function shiftInOrder(v: { shiftStart?: string; shiftEnd?: string }): boolean {
  if (v.shiftStart === undefined || v.shiftEnd === undefined) return true;
  return parseHhMm(v.shiftStart)! < parseHhMm(v.shiftEnd)!;
}
const shiftMessage = {
  message: 'The shift must end after it starts',
  path: ['shiftEnd'],
  params: { reason: 'shift_order' },
};

const driverFields = z.object({
  name: text(80).min(1, 'Give the driver a name'),
  phone: text(40).default(''),
  skills,
  active: z.boolean().default(true),
});

/** A route as the planning screen edits it: the vehicle, its driver and its orders in order. */
export const draftRouteInput = z.object({
  vehicleId: id,
  driverId: id.nullable().default(null),
  orderIds: z.array(id).max(1000),
  locked: z.boolean().default(false),
  lockedStops: z.number().int().min(0).max(1000).default(0),
});
export type DraftRouteInput = z.input<typeof draftRouteInput>;

const columnMapping = z.object({
  fields: z.partialRecord(z.enum(IMPORT_FIELDS), z.string().max(200)),
  dimensions: boundedRecord(z.string().max(20), z.string().max(200), 6).default({}),
});

/** The largest order file an import reads (the file itself comes through the attachment store). */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

const planTooLarge = 'a plan this size cannot be edited by hand here; optimise it instead.';

export const routingCommands = {
  // settings
  'routes.getSettings': command<RoutingSettings>()(z.object({})),
  'routes.updateSettings': mutation<RoutingSettings>()(
    z.object({
      depot: z
        .object({ name: text(80).min(1), address: text(200), lat, lon })
        .refine(notNullIsland, nullIslandMessage)
        .optional(),
      dimensions: z.array(dimensionName).min(1).max(6).optional(),
      tileUrl: text(500).optional(),
      tileAttribution: text(300).optional(),
      osrmUrl: text(500).optional(),
      osrmTimeoutSec: z.number().min(0.1).max(120).optional(),
      roadFactor: z.number().min(1).max(3).optional(),
      defaultTimeLimitSec: z.number().int().min(1).max(600).optional(),
    }),
    ADMINS,
  ),

  // orders
  'routes.listOrders': command<Order[]>()(z.object({ date })),
  'routes.createOrder': mutation<Order>()(
    orderFields.extend({ date }).refine(notNullIsland, nullIslandMessage),
    PLANNERS,
  ),
  'routes.updateOrder': mutation<Order>()(
    editOf(orderFields).extend({ id, date: date.optional() }).refine(notNullIsland, nullIslandMessage),
    PLANNERS,
  ),
  'routes.deleteOrder': mutation<{ id: string }>()(z.object({ id }), PLANNERS),

  // import (two steps on a file uploaded to the attachment store: `files.*`)
  'routes.importPreview': command<ImportPreview>()(
    z.object({
      date,
      fileId,
      mapping: columnMapping.optional(),
      previewRows: z.number().int().min(1).max(200).default(20),
    }),
    PLANNERS,
  ),
  'routes.importCommit': mutation<ImportResult>()(
    z.object({
      date,
      fileId,
      mapping: columnMapping,
      /** `valid_rows`: create the valid rows, report the rest; `all_or_nothing`: any error creates none. */
      mode: z.enum(['valid_rows', 'all_or_nothing']).default('valid_rows'),
    }),
    PLANNERS,
  ),

  // vehicles and drivers
  'routes.listVehicles': command<Vehicle[]>()(
    z.object({ date: date.optional(), includeInactive: z.boolean().default(false) }),
  ),
  'routes.createVehicle': mutation<Vehicle>()(vehicleFields.refine(shiftInOrder, shiftMessage), PLANNERS),
  'routes.updateVehicle': mutation<Vehicle>()(
    editOf(vehicleFields).extend({ id }).refine(shiftInOrder, shiftMessage),
    PLANNERS,
  ),
  'routes.listDrivers': command<Driver[]>()(
    z.object({ date: date.optional(), includeInactive: z.boolean().default(false) }),
  ),
  'routes.createDriver': mutation<Driver>()(driverFields, PLANNERS),
  'routes.updateDriver': mutation<Driver>()(editOf(driverFields).extend({ id }), PLANNERS),
  /** Marks a vehicle or driver away (or back) for one day. */
  'routes.setAvailability': mutation<Vehicle | Driver>()(
    z.object({ date, kind: z.enum(['vehicle', 'driver']), id, available: z.boolean() }),
    PLANNERS,
  ),

  // optimisation
  'routes.optimize': mutation<OptimizeRun>()(
    z.object({
      date,
      timeLimitSec: z.number().int().min(1).max(600).optional(),
      seed: z
        .number()
        .int()
        .min(0)
        .max(2 ** 31 - 1)
        .default(1),
      /** Keep the current draft's locked routes and locked stop prefixes; plan the rest around them. */
      keepLocked: z.boolean().default(false),
    }),
    PLANNERS,
  ),
  'routes.cancelOptimize': mutation<{ runId: string; cancelled: boolean }>()(
    z.object({ runId: id }),
    PLANNERS,
  ),
  /** The run in progress for a date, if any (after a reload of the screen). */
  'routes.optimizeStatus': command<OptimizeProgress | null>()(z.object({ date })),

  // the draft plan
  'routes.getPlan': command<Plan>()(z.object({ date })),
  /** Checks routes without saving them (a drag in progress, "what if"). */
  'routes.evaluate': command<Plan>()(
    withinFrame(z.object({ date, routes: z.array(draftRouteInput).max(200) }), planTooLarge),
  ),
  /** Replaces the draft's routes after a manual edit; refused with `conflict` if `baseRevision` is stale. */
  'routes.updatePlan': mutation<Plan>()(
    withinFrame(
      z.object({ date, baseRevision: z.number().int().min(0), routes: z.array(draftRouteInput).max(200) }),
      planTooLarge,
    ),
    PLANNERS,
  ),
  'routes.lockRoute': mutation<Plan>()(
    z.object({
      date,
      vehicleId: id,
      locked: z.boolean(),
      /** With `locked: false`, keep this many first stops locked (already loaded). */
      lockedStops: z.number().int().min(0).max(1000).optional(),
    }),
    PLANNERS,
  ),
  'routes.clearPlan': mutation<Plan>()(z.object({ date }), PLANNERS),

  // versions
  'routes.savePlan': mutation<PlanVersionInfo>()(z.object({ date, note: text(200).default('') }), PLANNERS),
  'routes.listVersions': command<PlanVersionInfo[]>()(z.object({ date })),
  /** Makes a saved version the draft again. */
  'routes.loadVersion': mutation<Plan>()(z.object({ date, version: z.number().int().min(1) }), PLANNERS),

  // dispatch and printouts
  /** Assigns drivers, saves a version marked dispatched. Refused while the plan breaks a rule. */
  'routes.dispatch': mutation<PlanVersionInfo>()(
    z.object({
      date,
      assignments: z.array(z.object({ vehicleId: id, driverId: id })).max(200),
      note: text(200).default(''),
    }),
    PLANNERS,
  ),
  /** One page per driver (or only the given driver), from the latest dispatched version. */
  'routes.routeSheetPdf': command<PdfDocument>()(z.object({ date, driverId: id.optional() })),
  /** What to load on each vehicle, in reverse stop order, from the latest dispatched version. */
  'routes.loadListPdf': command<PdfDocument>()(z.object({ date })),

  // map
  'map.tile': command<TileResult>()(
    z
      .object({ z: z.number().int().min(0).max(19), x: z.number().int().min(0), y: z.number().int().min(0) })
      .refine((t) => t.x < 2 ** t.z && t.y < 2 ** t.z, 'That tile does not exist at this zoom level'),
  ),
};

export const routingEvents = {
  /** Orders, vehicles, drivers, the draft or versions changed for these dates (empty: any). */
  'routes.changed': event<{ dates: string[] }>(),
  'routes.optimizeProgress': event<OptimizeProgress>(),
  'routes.optimizeDone': event<OptimizeDone>(),
};
