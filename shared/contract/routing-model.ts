/**
 * Route planning: the shapes the routing commands exchange (see routing.ts for the commands).
 *
 * Conventions: a planning day is a site-local date (`2026-11-23`); time-window and shift inputs
 * are site-local `HH:MM` and come back as minutes after local midnight (like dock doors); ETAs and
 * other instants are UTC epoch milliseconds. Distances in km, durations in minutes, money in the
 * site's currency. Demand and capacity are keyed by the declared load dimensions
 * (`RoutingSettings.dimensions`, by default kg, m3 and pallets): other keys are refused.
 */
export const ORDER_KINDS = ['delivery', 'pickup'] as const;
export type OrderKind = (typeof ORDER_KINDS)[number];
export const VEHICLE_PROFILES = ['car', 'van', 'truck'] as const;
export type VehicleProfile = (typeof VEHICLE_PROFILES)[number];
export const DEFAULT_DIMENSIONS = ['kg', 'm3', 'pallets'] as const;

/** Amount per load dimension, e.g. `{ kg: 420, pallets: 2 }`. */
export type Amounts = Record<string, number>;

/** Minutes after local midnight, `to` may be 1440. */
export interface TimeWindow {
  from: number;
  to: number;
}

export interface Order {
  id: string;
  date: string;
  /** The customer's order or delivery note number. */
  reference: string;
  customer: string;
  address: string;
  lat: number;
  lon: number;
  kind: OrderKind;
  serviceMin: number;
  /** Empty: any time within the driver's shift. */
  timeWindows: TimeWindow[];
  demand: Amounts;
  /** Needed on the vehicle or driver, e.g. `cold_chain`, `tail_lift`, `adr`. */
  skills: string[];
  /** 0..100; higher is served first when not everything fits. */
  priority: number;
  /**
   * Pickup-and-delivery pairing: a pickup order linked to a delivery order is carried on one
   * vehicle, pickup first. Set on both orders of the pair.
   */
  pairedOrderId: string | null;
  phone: string;
  notes: string;
  createdAt: number;
  updatedAt: number;
}

export interface Vehicle {
  id: string;
  name: string;
  plate: string;
  profile: VehicleProfile;
  /** A declared dimension missing here means no limit in that dimension. */
  capacity: Amounts;
  skills: string[];
  /** Minutes after local midnight. */
  shiftStart: number;
  shiftEnd: number;
  /** A break of `breakMin` minutes taken somewhere in [breakFrom, breakTo]; null: no break. */
  breakWindow: TimeWindow | null;
  breakMin: number;
  maxDurationMin: number | null;
  maxDistanceKm: number | null;
  fixedCost: number;
  costPerKm: number;
  costPerHour: number;
  /** >1 lets it come back to the depot to reload within the shift. */
  maxTrips: number;
  reloadMin: number;
  active: boolean;
  /** Route planning may use it; off for a tracked vehicle that is never planned (a service car). */
  planning: boolean;
  /** Available for planning on the date asked for (active, used in planning, not away that day). */
  available: boolean;
}

export interface Driver {
  id: string;
  name: string;
  phone: string;
  /** Driver qualifications, e.g. `adr`. A stop needs each skill on the vehicle or its driver. */
  skills: string[];
  active: boolean;
  available: boolean;
}

export interface Depot {
  name: string;
  address: string;
  lat: number;
  lon: number;
}

export interface RoutingSettings {
  depot: Depot;
  dimensions: string[];
  /** Tile URL template with `{z}`, `{x}`, `{y}` (and optionally `{s}`); empty: no base map. */
  tileUrl: string;
  tileAttribution: string;
  /** OSRM base URL (e.g. `http://127.0.0.1:5000`); empty: straight-line distance × road factor. */
  osrmUrl: string;
  /** How long to wait for the OSRM server before giving up (additive). */
  osrmTimeoutSec: number;
  /** Straight-line distance is multiplied by this to estimate road distance (offline default). */
  roadFactor: number;
  defaultTimeLimitSec: number;
}

// ---- plan ----

export const VIOLATION_CODES = [
  'late',
  'capacity',
  'skill',
  'shift_end',
  'max_duration',
  'max_distance',
  'break',
  'precedence',
  'pair_split',
  'trips',
  'unknown_order',
  'duplicate',
  'vehicle_unavailable',
  /** Additive: the route's driver is away that day or no longer drives. */
  'driver_unavailable',
  'other',
] as const;
export type ViolationCode = (typeof VIOLATION_CODES)[number];

/** A broken rule, in English (`message`) with the facts to say it in the operator's language. */
export interface PlanViolation {
  code: ViolationCode;
  message: string;
  /** The stop it is shown on; absent for route-level violations (max distance…). */
  orderId?: string;
  dimension?: string;
  /** For capacity: load and limit; for late/shift_end/max_duration: minutes over. */
  amount?: number;
  limit?: number;
  minutesOver?: number;
  skill?: string;
}

export type PlanStopKind = 'delivery' | 'pickup' | 'break' | 'reload';

export interface PlanStop {
  kind: PlanStopKind;
  /** Absent for breaks and reloads. */
  orderId?: string;
  reference?: string;
  customer?: string;
  address?: string;
  lat: number;
  lon: number;
  /** UTC epoch ms. */
  arrivalAt: number;
  waitMin: number;
  serviceStartAt: number;
  serviceMin: number;
  departAt: number;
  /** Driving from the previous stop. */
  driveMin: number;
  legKm: number;
  /** Load on board after this stop, per dimension. */
  loadAfter: Amounts;
  /** 1-based number of the order stops on the route (breaks/reloads have none). */
  seq?: number;
  locked: boolean;
  violations: PlanViolation[];
}

export interface RouteMetrics {
  km: number;
  /** From leaving the depot to coming back, waits, service and breaks included. */
  hours: number;
  drivingMin: number;
  serviceMin: number;
  waitingMin: number;
  /** Fixed cost + km × cost per km + hours × cost per hour. */
  cost: number;
  stops: number;
}

export interface PlanRoute {
  vehicleId: string;
  vehicleName: string;
  driverId: string | null;
  driverName: string | null;
  /** Whole route kept as it is by "re-optimize the rest". */
  locked: boolean;
  /** The first N order stops are kept (already loaded) even when the route is not locked. */
  lockedStops: number;
  departAt: number;
  returnAt: number;
  stops: PlanStop[];
  /** The last leg, back to the depot. */
  returnDriveMin: number;
  returnKm: number;
  /** Peak load per dimension and the vehicle's capacity. */
  peakLoad: Amounts;
  capacity: Amounts;
  metrics: RouteMetrics;
  /** Every violation on the route, stop-level ones included. */
  violations: PlanViolation[];
  /** Polyline to draw ([lat, lon] pairs: depot, stops, depot). */
  path: [number, number][];
}

export const UNASSIGNED_CODES = [
  'no_vehicle',
  'skills',
  'capacity',
  'time_window',
  'max_duration',
  'max_distance',
  'breaks',
  'no_room',
  /** Not on any route of the draft (never planned, or taken off by hand). */
  'not_planned',
] as const;
export type UnassignedCode = (typeof UNASSIGNED_CODES)[number];

export interface UnassignedOrder {
  orderId: string;
  reason: UnassignedCode;
  message: string;
}

export interface PlanSummary extends RouteMetrics {
  vehicles: number;
  served: number;
  unassigned: number;
  violations: number;
}

export type PlanStatus = 'draft' | 'saved' | 'dispatched';

/** The working plan of a day, evaluated by the independent checker. */
export interface Plan {
  date: string;
  /** Bumped on every change of the draft; send it back as `baseRevision` to edit. */
  revision: number;
  status: PlanStatus;
  /** The saved version this draft started from (or was saved as), if any. */
  version: number | null;
  routes: PlanRoute[];
  unassigned: UnassignedOrder[];
  summary: PlanSummary;
  /** The plan breaks no rule. */
  feasible: boolean;
  depot: Depot;
  /** Where the numbers come from: `haversine` (straight line × road factor) or `osrm`. */
  matrix: 'haversine' | 'osrm';
  /** Set when the routing server failed and the straight-line estimate was used instead (additive). */
  matrixNote?: string;
  updatedAt: number;
}

export interface PlanVersionInfo {
  date: string;
  version: number;
  status: 'saved' | 'dispatched';
  note: string;
  savedBy: string;
  savedAt: number;
  summary: PlanSummary;
  dispatchedAt: number | null;
}

// ---- optimisation ----

export interface OptimizeRun {
  runId: string;
  date: string;
  startedAt: number;
  timeLimitSec: number;
}

export interface OptimizeProgress {
  runId: string;
  date: string;
  phase: 'matrix' | 'construction' | 'vehicles' | 'cost' | 'done';
  elapsedMs: number;
  timeLimitSec: number;
  /** Best so far. */
  vehicles: number;
  km: number;
  /** The solver's objective (fixed + per-km + per driving hour); the plan's cost also counts service and waiting time. */
  cost: number;
  unassigned: number;
}

export interface OptimizeDone {
  runId: string;
  date: string;
  outcome: 'finished' | 'cancelled' | 'failed';
  /** On failure: why, for the operator; `reason` is `changed_meanwhile` when the plan was edited during the run. */
  error?: { code: string; message: string; reason?: string };
  /** The new draft (finished, or cancelled with a best-so-far plan). */
  plan?: Plan;
}

// ---- import ----

/** Fields a file column can be mapped to. `demand` reads text like "120 kg, 2 pallets". */
export const IMPORT_FIELDS = [
  'reference',
  'customer',
  'address',
  'lat',
  'lon',
  'kind',
  'serviceMin',
  'windowStart',
  'windowEnd',
  'window2Start',
  'window2End',
  'demand',
  'skills',
  'priority',
  'pairReference',
  'phone',
  'notes',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/**
 * Which column feeds what: `fields` maps an order field to a column header; `dimensions` maps a
 * load dimension (kg, m3…) to the column holding that amount.
 */
export interface ColumnMapping {
  fields: Partial<Record<ImportField, string>>;
  dimensions: Record<string, string>;
}

/** Why an import row was refused (additive): localise by code; `message` is the English text. */
export const IMPORT_ERROR_CODES = [
  'missing_reference',
  'too_long',
  'not_a_number',
  'out_of_range',
  'partial_coordinates',
  'null_island',
  'unknown_coordinates',
  'bad_kind',
  'bad_time',
  'window_order',
  'undeclared_dimension',
  'bad_demand',
  'duplicate_in_file',
  'already_exists',
  'pair_missing',
  'pair_same_kind',
  'pair_conflict',
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

export interface ImportRowError {
  /** 1-based row number in the file as a spreadsheet shows it (the header is row 1). */
  row: number;
  column?: string;
  message: string;
  code?: ImportErrorCode;
  /** The offending cell text or unit, when there is one. */
  value?: string;
}

export interface ImportPreviewRow {
  row: number;
  /** Raw cell values, by column header. */
  values: Record<string, string>;
  errors: ImportRowError[];
}

export interface ImportPreview {
  format: 'csv' | 'xlsx';
  /** For CSV: the separator found. */
  separator?: ',' | ';' | '\t';
  sheet?: string;
  columns: string[];
  suggestedMapping: ColumnMapping;
  totalRows: number;
  /** The first rows (up to `previewRows`) with their errors under the suggested or given mapping. */
  rows: ImportPreviewRow[];
  validRows: number;
  invalidRows: number;
}

export interface ImportResult {
  created: number;
  rejected: ImportRowError[];
  orderIds: string[];
}

// ---- printouts and tiles ----

export interface PdfDocument {
  fileName: string;
  /** The PDF, base64. */
  base64: string;
  pages: number;
}

export type TileResult =
  | { available: true; contentType: string; base64: string; fromCache: boolean }
  | { available: false; reason: 'offline' | 'not_configured' | 'not_found' };
