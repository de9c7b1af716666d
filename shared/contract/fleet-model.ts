/**
 * Fleet tracking types. Instants are UTC epoch ms, distances km (geofence radii and accuracy m),
 * speeds km/h, engine hours h, fuel litres, money in the site's currency. A fleet day is a
 * site-local date like route planning's.
 */

export const LIVE_STATUSES = ['moving', 'idle', 'stopped', 'offline'] as const;
/** moving: over the speed threshold; idle: standing less than the parking time (or engine on);
 * stopped: parked; offline: no fix for longer than the offline time. */
export type LiveStatus = (typeof LIVE_STATUSES)[number];

export const TRACKER_SOURCES = ['osmand', 'nmea', 'cloud'] as const;
export type TrackerSource = (typeof TRACKER_SOURCES)[number];

export const SPEED_UNITS = ['kn', 'kmh', 'ms', 'mph'] as const;
export type SpeedUnit = (typeof SPEED_UNITS)[number];

/** How trips and stops are told apart (Traccar's detection rules). */
export interface TripRules {
  /** At or below this speed a fix counts as standing still. */
  speedThresholdKmh: number;
  /** Moving this long, or this far, starts a trip. */
  minTripDurationS: number;
  minTripDistanceM: number;
  /** Standing this long ends a trip (a stop). */
  minParkingDurationS: number;
  /** A gap without fixes this long counts as a stop. */
  minNoDataDurationS: number;
}

export interface NmeaPortSetting {
  path: string;
  baudRate: number;
  /** The tracker the fixes are booked to (its allow-listed id). */
  trackerUid: string;
}

export interface FleetSettings {
  listener: {
    enabled: boolean;
    port: number;
    /** Off: loopback only (127.0.0.1). On: every interface, so phones on the yard Wi-Fi reach it. */
    lan: boolean;
    /** The unit of the OsmAnd `speed` parameter (Traccar's decoder reads knots). */
    speedUnit: SpeedUnit;
  };
  nmea: NmeaPortSetting[];
  /** Positions older than this are deleted. */
  retentionDays: number;
  /** A fix with a worse accuracy than this (m) is dropped. */
  maxAccuracyM: number;
  /** A jump faster than this from the previous fix is dropped as a bad fix. */
  maxJumpKmh: number;
  offlineMinutes: number;
  trip: TripRules;
  /** Radius of the circle round a planned stop that counts as arrived. */
  arrivalRadiusM: number;
  /** A stop whose predicted arrival is later than its window end (or plan + this) raises "running late". */
  lateToleranceMin: number;
}

export interface Tracker {
  id: string;
  /** The id the device reports (OsmAnd `id`/`deviceid`): the allow-list entry. */
  uid: string;
  name: string;
  vehicleId: string | null;
  enabled: boolean;
  createdAt: number;
}

/** A device that reported with an id not on the allow-list (refused with 400), for set-up. */
export interface UnknownDevice {
  uid: string;
  source: TrackerSource;
  lastSeenAt: number;
  count: number;
  remote: string;
}

export interface LivePosition {
  trackerId: string;
  vehicleId: string | null;
  /** Vehicle name, or the tracker's when it is on no vehicle. */
  name: string;
  plate: string;
  at: number;
  lat: number;
  lon: number;
  speedKmh: number;
  course: number | null;
  accuracyM: number | null;
  battery: number | null;
  status: LiveStatus;
  /** Since when the vehicle has been in its current status (moving or standing). */
  since: number;
  driverName: string | null;
}

/** One pushed second of live updates, columnar to keep 5,000 vehicles a second small. */
export interface LiveBatch {
  trackerIds: string[];
  at: number[];
  lat: number[];
  lon: number[];
  speedKmh: number[];
  /** -1 when unknown. */
  course: number[];
  status: LiveStatus[];
}

export interface StopMark {
  startAt: number;
  endAt: number;
  lat: number;
  lon: number;
  durationMin: number;
}

export interface ReplayTrack {
  vehicleId: string;
  name: string;
  plate: string;
  /** The range start the packed times count from. */
  from: number;
  /** Five integers per fix, time-ordered (see `shared/domain/fleet/track-codec.ts`). */
  packed: string;
}

export interface Trip {
  startAt: number;
  endAt: number;
  startLat: number;
  startLon: number;
  endLat: number;
  endLon: number;
  distanceKm: number;
  durationMin: number;
  maxSpeedKmh: number;
  avgSpeedKmh: number;
}

export interface VehicleDay {
  vehicleId: string;
  name: string;
  plate: string;
  date: string;
  trips: Trip[];
  stops: StopMark[];
  distanceKm: number;
  drivingMin: number;
  stoppedMin: number;
  maxSpeedKmh: number;
}

export type GeofenceShape =
  | { kind: 'circle'; lat: number; lon: number; radiusM: number }
  | { kind: 'polygon'; points: [number, number][] };

export interface Geofence {
  id: string;
  name: string;
  shape: GeofenceShape;
  color: string;
  createdAt: number;
  updatedAt: number;
}

export const RULE_KINDS = ['enter', 'exit', 'speeding', 'idle', 'offline'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export interface AlertRule {
  id: string;
  name: string;
  kind: RuleKind;
  /** enter/exit: required; speeding/idle: optional (only inside it). */
  geofenceId: string | null;
  /** speeding: the limit. */
  speedLimitKmh: number | null;
  /** idle/offline: how long. */
  minutes: number | null;
  /** Empty: every vehicle. */
  vehicleIds: string[];
  active: boolean;
}

export const ALERT_KINDS = [...RULE_KINDS, 'late'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface FleetAlert {
  id: string;
  kind: AlertKind;
  ruleId: string | null;
  vehicleId: string | null;
  trackerId: string;
  name: string;
  geofenceId: string | null;
  geofenceName: string | null;
  at: number;
  lat: number;
  lon: number;
  /** speeding: the speed (km/h); idle/offline: minutes; late: minutes past the window. */
  value: number | null;
  /** late: the stop's order reference. */
  reference: string | null;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
}

export interface DriverAssignment {
  id: string;
  vehicleId: string;
  driverId: string | null;
  driverName: string | null;
  fromAt: number;
  toAt: number | null;
  by: string;
}

export interface FleetVehicle {
  id: string;
  name: string;
  plate: string;
  profile: string;
  active: boolean;
  /** Whether route planning may use it (the register is one, shared with route planning). */
  planning: boolean;
  trackerId: string | null;
  trackerUid: string | null;
  driverId: string | null;
  driverName: string | null;
  /** Latest meter reading carried forward with the distance and moving time tracked since. */
  odometerKm: number | null;
  engineHours: number | null;
}

export type DueState = 'ok' | 'soon' | 'due' | 'overdue';

export interface ServiceItem {
  id: string;
  vehicleId: string;
  name: string;
  everyKm: number | null;
  everyHours: number | null;
  everyDays: number | null;
  /** The last time it was done: from the latest service record that covers it, else the baseline. */
  lastAt: number | null;
  lastKm: number | null;
  lastHours: number | null;
  nextAt: number | null;
  nextKm: number | null;
  nextHours: number | null;
  state: DueState;
  notes: string;
}

export interface ServiceRecord {
  id: string;
  vehicleId: string;
  doneAt: number;
  odometerKm: number | null;
  engineHours: number | null;
  itemIds: string[];
  itemNames: string[];
  cost: number;
  vendor: string;
  notes: string;
  by: string;
}

export const FUEL_FLAGS = [
  'partial',
  'missed_fill',
  'suspected_missed_fill',
  'odometer_backwards',
  'first',
] as const;
export type FuelFlag = (typeof FUEL_FLAGS)[number];

export interface FuelEntry {
  id: string;
  vehicleId: string;
  at: number;
  odometerKm: number;
  litres: number;
  pricePerLitre: number;
  totalCost: number;
  full: boolean;
  /** The driver says a fill before this one was not recorded. */
  missedPrevious: boolean;
  station: string;
  notes: string;
  /** For a full fill with a complete chain: litres since the previous full fill / distance. */
  consumptionL100: number | null;
  distanceKm: number | null;
  flags: FuelFlag[];
}

export interface FuelSummary {
  vehicleId: string;
  entries: FuelEntry[];
  /** Litres and km of every complete interval, the fleet manager's average. */
  averageL100: number | null;
  totalLitres: number;
  totalCost: number;
}

export type StopProgress = 'pending' | 'arrived' | 'done';

export interface RouteStopLive {
  orderId: string;
  reference: string;
  customer: string;
  lat: number;
  lon: number;
  plannedAt: number;
  windowEnd: number | null;
  etaAt: number | null;
  arrivedAt: number | null;
  departedAt: number | null;
  state: StopProgress;
  late: boolean;
}

export interface RouteLive {
  vehicleId: string;
  vehicleName: string;
  driverName: string | null;
  trackerId: string | null;
  position: { at: number; lat: number; lon: number } | null;
  path: [number, number][];
  stops: RouteStopLive[];
  done: number;
  lateCount: number;
}

export interface SourceCounters {
  received: number;
  stored: number;
  duplicates: number;
  outOfOrder: number;
  badJump: number;
  badAccuracy: number;
  invalid: number;
  unknownDevice: number;
}

export interface NmeaPortStatus {
  path: string;
  trackerUid: string;
  state: 'connecting' | 'connected' | 'disconnected' | 'stopped';
  reason: string | null;
  sentences: number;
  badChecksum: number;
  badSentence: number;
}

export interface SourceStatus {
  listener: {
    enabled: boolean;
    listening: boolean;
    address: string | null;
    port: number | null;
    error: string | null;
  };
  nmea: NmeaPortStatus[];
  /** Since this start. */
  counters: SourceCounters;
  unknownDevices: UnknownDevice[];
}
