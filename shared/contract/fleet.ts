/**
 * Fleet tracking: live positions, replay, geofences and alerts, trips, driver assignments,
 * maintenance and fuel. Vehicles and drivers are route planning's register (`routes.*`); fleet
 * adds trackers, meters and history to them.
 *
 * Every change carries the ids and instants it creates (`id`, `at`), so a server replaying the
 * outbox makes the same rows. Positions are not user changes: they are appended as they arrive.
 */
import { z } from 'zod';
import { ADMINS, calendarDate, command, event, mutation, PLANNERS, withinFrame, WRITERS } from './define';
import { RULE_KINDS, SPEED_UNITS } from './fleet-model';
import type {
  AlertRule,
  DriverAssignment,
  FleetAlert,
  FleetSettings,
  FleetVehicle,
  FuelEntry,
  FuelSummary,
  Geofence,
  LiveBatch,
  LivePosition,
  ReplayTrack,
  RouteLive,
  ServiceItem,
  ServiceRecord,
  SourceStatus,
  Tracker,
  VehicleDay,
} from './fleet-model';

export * from './fleet-model';

const id = z.string().min(1).max(64);
/** An id a client makes for a new row (a UUID), optional on create: core fills it in. */
const newId = z.string().uuid().optional();
const text = (max: number) => z.string().trim().max(max);
const date = calendarDate;
const instant = z.number().int().min(946_684_800_000).max(4_102_444_800_000);
const lat = z.number().finite().min(-90).max(90);
const lon = z.number().finite().min(-180).max(180);
const colorValue = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #2f7de1');
const color = colorValue.default('#2f7de1');
const trackerUid = z
  .string()
  .trim()
  .min(1, 'Give the tracker its device id')
  .max(64)
  .regex(/^[A-Za-z0-9._:-]+$/, 'A device id is letters, digits and . _ : - only');

const shape = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('circle'), lat, lon, radiusM: z.number().min(10).max(50_000) }),
  z.object({
    kind: z.literal('polygon'),
    points: z
      .array(z.tuple([lat, lon]))
      .min(3, 'A polygon needs at least three corners')
      .max(500),
  }),
]);

const tripRules = z.object({
  speedThresholdKmh: z.number().min(0).max(50),
  minTripDurationS: z.number().int().min(0).max(7200),
  minTripDistanceM: z.number().int().min(0).max(100_000),
  minParkingDurationS: z.number().int().min(0).max(7200),
  minNoDataDurationS: z.number().int().min(60).max(86_400),
});

/**
 * A geofence's and an alert rule's stored fields, without defaults: the sync mutators record an
 * edit as the fields it changes (the server's order wins per field, see `sync-mutators.ts`).
 */
export const geofenceValues = { name: text(80).min(1, 'Name the geofence'), shape, color: colorValue };
export const ruleValues = {
  name: text(80).min(1, 'Name the rule'),
  kind: z.enum(RULE_KINDS),
  geofenceId: id.nullable(),
  speedLimitKmh: z.number().min(5).max(300).nullable(),
  minutes: z.number().int().min(1).max(10_080).nullable(),
  vehicleIds: z.array(id).max(5000),
  active: z.boolean(),
};

const ruleFields = z.object({
  id: newId,
  ...ruleValues,
  geofenceId: ruleValues.geofenceId.default(null),
  speedLimitKmh: ruleValues.speedLimitKmh.default(null),
  minutes: ruleValues.minutes.default(null),
  vehicleIds: ruleValues.vehicleIds.default([]),
  active: ruleValues.active.default(true),
});

/** What each rule kind needs; checked here so the form can say which field. */
function ruleComplete(r: z.infer<typeof ruleFields>, ctx: z.RefinementCtx): void {
  const need = (field: 'geofenceId' | 'speedLimitKmh' | 'minutes', message: string) => {
    if (r[field] === null)
      ctx.addIssue({ code: 'custom', path: [field], message, params: { reason: 'rule_needs' } });
  };
  if (r.kind === 'enter' || r.kind === 'exit') need('geofenceId', 'Pick the geofence');
  if (r.kind === 'speeding') need('speedLimitKmh', 'Give the speed limit');
  if (r.kind === 'idle' || r.kind === 'offline') need('minutes', 'Give the number of minutes');
}

const money = z.number().min(0).max(10_000_000);
const odometer = z.number().min(0).max(10_000_000);
const hours = z.number().min(0).max(1_000_000);

export const fleetCommands = {
  // settings and sources
  'fleet.getSettings': command<FleetSettings>()(z.object({})),
  'fleet.updateSettings': mutation<FleetSettings>()(
    z.object({
      listener: z
        .object({
          enabled: z.boolean(),
          port: z.number().int().min(1).max(65_535),
          lan: z.boolean(),
          speedUnit: z.enum(SPEED_UNITS),
        })
        .partial()
        .optional(),
      nmea: z
        .array(
          z.object({
            path: text(200).min(1, 'Give the serial port, e.g. /dev/ttyUSB0 or COM3'),
            baudRate: z.number().int().min(1200).max(921_600).default(4800),
            trackerUid,
          }),
        )
        .max(8)
        .optional(),
      retentionDays: z.number().int().min(1).max(3650).optional(),
      maxAccuracyM: z.number().min(5).max(10_000).optional(),
      maxJumpKmh: z.number().min(50).max(2000).optional(),
      offlineMinutes: z.number().int().min(1).max(1440).optional(),
      trip: tripRules.partial().optional(),
      arrivalRadiusM: z.number().min(20).max(2000).optional(),
      lateToleranceMin: z.number().int().min(0).max(240).optional(),
    }),
    ADMINS,
  ),
  'fleet.sourceStatus': command<SourceStatus>()(z.object({})),

  // trackers (the allow-list) and the register's fleet side
  'fleet.listTrackers': command<Tracker[]>()(z.object({})),
  'fleet.saveTracker': mutation<Tracker>()(
    z.object({
      id: id.optional(),
      uid: trackerUid,
      name: text(80).default(''),
      vehicleId: id.nullable().default(null),
      enabled: z.boolean().default(true),
    }),
    PLANNERS,
  ),
  'fleet.deleteTracker': mutation<{ id: string }>()(z.object({ id }), PLANNERS),
  'fleet.listVehicles': command<FleetVehicle[]>()(z.object({ includeInactive: z.boolean().default(false) })),
  'fleet.assignDriver': mutation<DriverAssignment>()(
    z.object({ id: newId, vehicleId: id, driverId: id.nullable(), at: instant.optional() }),
    PLANNERS,
  ),
  'fleet.driverHistory': command<DriverAssignment[]>()(
    z.object({ vehicleId: id, limit: z.number().int().min(1).max(500).default(50) }),
  ),
  /** A meter reading from the dashboard: odometer and/or engine hours at an instant. */
  'fleet.recordMeter': mutation<FleetVehicle>()(
    z
      .object({
        id: newId,
        vehicleId: id,
        at: instant.optional(),
        odometerKm: odometer.nullable().default(null),
        engineHours: hours.nullable().default(null),
      })
      .refine((m) => m.odometerKm !== null || m.engineHours !== null, {
        message: 'Enter the odometer, the engine hours or both',
        path: ['odometerKm'],
      }),
    WRITERS,
  ),

  // live and history
  'fleet.live': command<LivePosition[]>()(z.object({})),
  'fleet.replay': command<ReplayTrack[]>()(
    z
      .object({ vehicleIds: z.array(id).min(1).max(500), from: instant, to: instant })
      .refine((r) => r.to > r.from && r.to - r.from <= 7 * 86_400_000, {
        message: 'Pick a time range of at most 7 days that ends after it starts',
        path: ['to'],
      }),
  ),
  /** Trips, stops and mileage per vehicle for a site-local day. */
  'fleet.trips': command<VehicleDay[]>()(
    withinFrame(
      z.object({ date, vehicleIds: z.array(id).max(5000).optional() }),
      'ask for fewer vehicles at a time.',
    ),
  ),

  // geofences, rules and alerts
  'fleet.listGeofences': command<Geofence[]>()(z.object({})),
  'fleet.saveGeofence': mutation<Geofence>()(
    z.object({ id: id.optional(), ...geofenceValues, color }),
    PLANNERS,
  ),
  'fleet.deleteGeofence': mutation<{ id: string }>()(z.object({ id }), PLANNERS),
  'fleet.listRules': command<AlertRule[]>()(z.object({})),
  'fleet.saveRule': mutation<AlertRule>()(
    withinFrame(ruleFields.superRefine(ruleComplete), 'make a rule for fewer vehicles.'),
    PLANNERS,
  ),
  'fleet.deleteRule': mutation<{ id: string }>()(z.object({ id }), PLANNERS),
  'fleet.listAlerts': command<FleetAlert[]>()(
    z.object({
      open: z.boolean().default(false),
      limit: z.number().int().min(1).max(1000).default(200),
      before: instant.optional(),
    }),
  ),
  'fleet.acknowledgeAlerts': mutation<{ acknowledged: number }>()(
    z.object({ ids: z.array(id).min(1).max(1000), at: instant.optional() }),
    PLANNERS,
  ),

  // maintenance
  'fleet.listServiceItems': command<ServiceItem[]>()(z.object({ vehicleId: id.optional() })),
  'fleet.saveServiceItem': mutation<ServiceItem>()(
    z
      .object({
        id: id.optional(),
        vehicleId: id,
        name: text(80).min(1, 'Name the service item'),
        everyKm: z.number().min(1).max(1_000_000).nullable().default(null),
        everyHours: z.number().min(1).max(100_000).nullable().default(null),
        everyDays: z.number().int().min(1).max(3650).nullable().default(null),
        /** When it was last done before Loadstar knew (a baseline); a service record overrides it. */
        baselineAt: instant.nullable().default(null),
        baselineKm: odometer.nullable().default(null),
        baselineHours: hours.nullable().default(null),
        notes: text(500).default(''),
      })
      .refine((s) => s.everyKm !== null || s.everyHours !== null || s.everyDays !== null, {
        message: 'Say how often: every so many km, engine hours or days',
        path: ['everyKm'],
        params: { reason: 'interval_needed' },
      }),
    PLANNERS,
  ),
  'fleet.deleteServiceItem': mutation<{ id: string }>()(z.object({ id }), PLANNERS),
  'fleet.listServiceRecords': command<ServiceRecord[]>()(z.object({ vehicleId: id.optional() })),
  'fleet.recordService': mutation<ServiceRecord>()(
    z.object({
      id: newId,
      vehicleId: id,
      doneAt: instant,
      odometerKm: odometer.nullable().default(null),
      engineHours: hours.nullable().default(null),
      itemIds: z.array(id).max(50).default([]),
      cost: money.default(0),
      vendor: text(120).default(''),
      notes: text(1000).default(''),
    }),
    WRITERS,
  ),
  'fleet.deleteServiceRecord': mutation<{ id: string }>()(z.object({ id }), PLANNERS),

  // fuel
  'fleet.listFuel': command<FuelSummary>()(z.object({ vehicleId: id })),
  'fleet.saveFuelEntry': mutation<FuelEntry>()(
    z.object({
      id: id.optional(),
      vehicleId: id,
      at: instant,
      odometerKm: odometer,
      litres: z.number().positive('Litres must be more than 0').max(5000),
      pricePerLitre: z.number().min(0).max(1000).default(0),
      full: z.boolean().default(true),
      missedPrevious: z.boolean().default(false),
      station: text(120).default(''),
      notes: text(500).default(''),
    }),
    WRITERS,
  ),
  'fleet.deleteFuelEntry': mutation<{ id: string }>()(z.object({ id }), PLANNERS),

  // routes joined to fleet
  'fleet.routeProgress': command<RouteLive[]>()(z.object({ date })),
};

export const fleetEvents = {
  /** Fleet records a user changed (geofences, rules, trackers, maintenance, fuel, drivers). */
  'fleet.changed': event<{ parts: string[] }>(),
  /** The latest fixes, at most one batch a second. */
  'fleet.positions': event<LiveBatch>(),
  /** A new alert (the UI toasts it). */
  'fleet.alert': event<FleetAlert>(),
};
