/**
 * The routing problem as callers describe it (UI, CLI, VROOM import) and the solution we return.
 * Times are seconds on any common clock, distances metres, amounts in the declared dimensions.
 */
import { z } from 'zod';
import { AppError } from '@shared/contract/errors';

export const idSchema = z.union([z.string().min(1), z.number().int()]);
export type Id = z.infer<typeof idSchema>;

const time = z.number().min(0, 'times cannot be negative');

/** [start, end]; the end must not come before the start (an operator typo we want to catch). */
export const timeWindowSchema = z
  .tuple([time, time])
  .refine(([s, e]) => e >= s, { message: 'time window ends before it starts' });
export type TimeWindow = z.infer<typeof timeWindowSchema>;

/**
 * Either coordinates (matrix from a provider) or an index into the `matrices` given in the input.
 * 0,0 is rejected: it is what a failed geocode produces, and nobody delivers in the Gulf of Guinea.
 */
export const locationSchema = z
  .object({
    lat: z.number().min(-90).max(90).optional(),
    lon: z.number().min(-180).max(180).optional(),
    index: z.number().int().min(0).optional(),
  })
  .superRefine((l, ctx) => {
    const hasCoord = l.lat !== undefined || l.lon !== undefined;
    if (hasCoord && (l.lat === undefined || l.lon === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'location needs both lat and lon' });
    } else if (!hasCoord && l.index === undefined) {
      ctx.addIssue({ code: 'custom', message: 'unknown location: give lat/lon or a matrix index' });
    } else if (l.index === undefined && l.lat === 0 && l.lon === 0) {
      ctx.addIssue({ code: 'custom', message: 'coordinates 0,0 look like a failed address lookup' });
    }
  });
export type Location = z.infer<typeof locationSchema>;

const amounts = z.record(z.string(), z.number().min(0, 'amounts cannot be negative'));
export type Amounts = z.infer<typeof amounts>;

export const jobSchema = z.object({
  id: idSchema,
  location: locationSchema,
  service: time.default(0),
  timeWindows: z.array(timeWindowSchema).optional(),
  /** Loaded at the depot, dropped here. */
  delivery: amounts.optional(),
  /** Picked up here, brought back to the depot. */
  pickup: amounts.optional(),
  skills: z.array(z.string()).optional(),
  /** 0..100; higher is served first when not everything fits. */
  priority: z.number().int().min(0).max(100).default(0),
});
export type Job = z.input<typeof jobSchema>;

const shipmentStopSchema = z.object({
  id: idSchema.optional(),
  location: locationSchema,
  service: time.default(0),
  timeWindows: z.array(timeWindowSchema).optional(),
});

/** Picked up at `pickup`, carried on the same vehicle, dropped at `delivery`. */
export const shipmentSchema = z.object({
  id: idSchema,
  pickup: shipmentStopSchema,
  delivery: shipmentStopSchema,
  amount: amounts.optional(),
  skills: z.array(z.string()).optional(),
  priority: z.number().int().min(0).max(100).default(0),
});
export type Shipment = z.input<typeof shipmentSchema>;

export const breakSchema = z.object({
  id: idSchema,
  timeWindows: z.array(timeWindowSchema).min(1, 'a break needs at least one time window'),
  service: time,
});

/** A locked step: a job id, or a shipment's pickup/delivery. */
export const lockedStepSchema = z.object({
  type: z.enum(['job', 'pickup', 'delivery']),
  id: idSchema,
});
export type LockedStep = z.infer<typeof lockedStepSchema>;

export const vehicleSchema = z.object({
  id: idSchema,
  /** Vehicle type for the travel matrix (speed profile), e.g. car, van, truck. */
  profile: z.string().min(1).default('car'),
  start: locationSchema.optional(),
  end: locationSchema.optional(),
  shift: timeWindowSchema.optional(),
  capacity: amounts.optional(),
  skills: z.array(z.string()).optional(),
  breaks: z.array(breakSchema).optional(),
  maxDuration: time.optional(),
  maxDistance: z.number().min(0).optional(),
  fixedCost: z.number().min(0).default(0),
  costPerKm: z.number().min(0).optional(),
  costPerHour: z.number().min(0).optional(),
  /** Divides travel times (VROOM's speed_factor): 1.2 means 20% faster than the profile. */
  speedFactor: z.number().positive().max(5).default(1),
  /** >1 lets the vehicle return to its start depot to reload within its shift. */
  maxTrips: z.number().int().min(1).default(1),
  reloadTime: time.default(0),
  /** The already-loaded prefix of this vehicle's route; kept as is, in this order. */
  locked: z.array(lockedStepSchema).optional(),
});
export type Vehicle = z.input<typeof vehicleSchema>;

export const matrixSchema = z.object({
  durations: z.array(z.array(z.number().min(0))),
  distances: z.array(z.array(z.number().min(0))).optional(),
});

export const problemSchema = z.object({
  /** Names of the load dimensions (kg, m3, pallets…); amounts in other names are refused. */
  dimensions: z.array(z.string().min(1)).default([]),
  jobs: z.array(jobSchema).default([]),
  shipments: z.array(shipmentSchema).default([]),
  vehicles: z.array(vehicleSchema).default([]),
  /** Per vehicle profile; needed when locations are matrix indices. */
  matrices: z.record(z.string(), matrixSchema).optional(),
  objective: z
    .object({
      /** Fewer vehicles before lower cost (default). Off for plain cost minimisation (CVRPLIB). */
      minimizeVehicles: z.boolean().default(true),
      /** Weight on the longest route's duration, to even out the work between drivers. */
      balance: z.number().min(0).default(0),
    })
    .default({ minimizeVehicles: true, balance: 0 }),
});
export type ProblemInput = z.input<typeof problemSchema>;
export type Problem = z.output<typeof problemSchema>;

/** Every way a job can stay unserved, with the message shown to the dispatcher. */
export const UNASSIGNED_REASONS = {
  no_vehicle: 'No vehicle is available in this plan.',
  skills: 'No vehicle has all the skills this job needs.',
  capacity: 'The load is larger than any suitable vehicle can carry.',
  time_window: 'No suitable vehicle can reach it within its time window and be back in time.',
  max_duration: 'Serving it alone would exceed every suitable vehicle’s maximum route duration.',
  max_distance: 'Serving it alone would exceed every suitable vehicle’s maximum route distance.',
  breaks: 'No suitable vehicle can serve it and still take its breaks.',
  no_room: 'It fits a vehicle on its own, but not together with the higher-value jobs in this plan.',
} as const;
export type UnassignedReason = keyof typeof UNASSIGNED_REASONS;

export interface Step {
  type: 'start' | 'job' | 'pickup' | 'delivery' | 'break' | 'reload' | 'end';
  /** Job, shipment or break id; absent for start/end/reload. */
  id?: Id;
  location: number;
  arrival: number;
  waiting: number;
  service: number;
  /** Load on board when leaving this step, per dimension. */
  load: number[];
  /** Cumulative travelled distance on arrival. */
  distance: number;
}

export interface RouteOut {
  vehicle: Id;
  steps: Step[];
  cost: number;
  distance: number;
  /** From leaving the start to arriving at the end, waits and breaks included. */
  duration: number;
  travelTime: number;
  waiting: number;
  service: number;
  trips: number;
}

export interface Solution {
  routes: RouteOut[];
  unassigned: { id: Id; type: 'job' | 'shipment'; reason: UnassignedReason; message: string }[];
  summary: {
    cost: number;
    distance: number;
    duration: number;
    waiting: number;
    service: number;
    vehicles: number;
    served: number;
    unassigned: number;
    priority: number;
  };
}

/** Parses and checks a problem; throws AppError('invalid_input') listing every problem found. */
export function parseProblem(input: unknown): Problem {
  const parsed = problemSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
    throw invalid(issues);
  }
  const issues = crossCheck(parsed.data);
  if (issues.length) throw invalid(issues);
  return parsed.data;
}

function invalid(issues: string[]): AppError {
  const head = issues.slice(0, 5).join('; ');
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
  return new AppError('invalid_input', `The route problem is not valid: ${head}${more}`, { issues });
}

function formatPath(path: readonly PropertyKey[]): string {
  return (
    path.reduce<string>(
      (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)),
      '',
    ) || 'problem'
  );
}

/** Rules that span several fields: dimensions, ids, matrices, locks. */
function crossCheck(p: Problem): string[] {
  const issues: string[] = [];
  const dims = new Set(p.dimensions);
  const checkAmounts = (where: string, a: Amounts | undefined) => {
    for (const k of Object.keys(a ?? {}))
      if (!dims.has(k)) issues.push(`${where}: amount in undeclared dimension "${k}"`);
  };
  const jobIds = new Set<string>();
  p.jobs.forEach((j, i) => {
    checkAmounts(`jobs[${i}].delivery`, j.delivery);
    checkAmounts(`jobs[${i}].pickup`, j.pickup);
    if (jobIds.has(String(j.id))) issues.push(`jobs[${i}]: duplicate job id ${j.id}`);
    jobIds.add(String(j.id));
  });
  const shipIds = new Set<string>();
  p.shipments.forEach((s, i) => {
    checkAmounts(`shipments[${i}].amount`, s.amount);
    if (shipIds.has(String(s.id))) issues.push(`shipments[${i}]: duplicate shipment id ${s.id}`);
    shipIds.add(String(s.id));
  });
  const vehIds = new Set<string>();
  const lockedBy = new Map<string, Id>();
  p.vehicles.forEach((v, i) => {
    checkAmounts(`vehicles[${i}].capacity`, v.capacity);
    if (vehIds.has(String(v.id))) issues.push(`vehicles[${i}]: duplicate vehicle id ${v.id}`);
    vehIds.add(String(v.id));
    if (v.maxTrips > 1 && !v.start)
      issues.push(`vehicles[${i}]: multi-trip vehicles need a start depot to reload at`);
    for (const s of v.locked ?? []) {
      const known = s.type === 'job' ? jobIds.has(String(s.id)) : shipIds.has(String(s.id));
      if (!known)
        issues.push(`vehicles[${i}].locked: unknown ${s.type === 'job' ? 'job' : 'shipment'} ${s.id}`);
      const key = `${s.type}:${s.id}`;
      const other = lockedBy.get(key);
      if (other !== undefined)
        issues.push(`vehicles[${i}].locked: ${s.type} ${s.id} is already locked on vehicle ${other}`);
      lockedBy.set(key, v.id);
    }
    // A half-locked shipment would leave its other half with nowhere to go.
    const locked = new Set((v.locked ?? []).map((s) => `${s.type}:${s.id}`));
    for (const s of v.locked ?? []) {
      if (s.type === 'pickup' && !locked.has(`delivery:${s.id}`)) {
        issues.push(`vehicles[${i}].locked: lock the delivery of shipment ${s.id} too, or unlock its pickup`);
      }
      if (s.type === 'delivery' && !locked.has(`pickup:${s.id}`)) {
        issues.push(`vehicles[${i}].locked: lock the pickup of shipment ${s.id} too, or unlock its delivery`);
      }
    }
  });
  issues.push(...checkMatrices(p));
  return issues;
}

function allLocations(p: Problem): { where: string; loc: Location }[] {
  const out: { where: string; loc: Location }[] = [];
  p.jobs.forEach((j, i) => out.push({ where: `jobs[${i}].location`, loc: j.location }));
  p.shipments.forEach((s, i) => {
    out.push({ where: `shipments[${i}].pickup.location`, loc: s.pickup.location });
    out.push({ where: `shipments[${i}].delivery.location`, loc: s.delivery.location });
  });
  p.vehicles.forEach((v, i) => {
    if (v.start) out.push({ where: `vehicles[${i}].start`, loc: v.start });
    if (v.end) out.push({ where: `vehicles[${i}].end`, loc: v.end });
  });
  return out;
}

function checkMatrices(p: Problem): string[] {
  const issues: string[] = [];
  const locs = allLocations(p);
  const indexed = locs.filter((l) => l.loc.index !== undefined);
  if (indexed.length && indexed.length !== locs.length) {
    issues.push('use either matrix indices for every location or coordinates for every location, not a mix');
  }
  if (!indexed.length) return issues;
  if (!p.matrices || !Object.keys(p.matrices).length)
    return [...issues, 'locations are matrix indices but no matrices are given'];
  for (const [profile, m] of Object.entries(p.matrices)) {
    const n = m.durations.length;
    if (m.durations.some((row) => row.length !== n))
      issues.push(`matrices.${profile}.durations must be square`);
    if (m.distances && (m.distances.length !== n || m.distances.some((row) => row.length !== n))) {
      issues.push(`matrices.${profile}.distances must be square and the same size as durations`);
    }
    for (const l of indexed)
      if (l.loc.index! >= n)
        issues.push(`${l.where}: index ${l.loc.index} is outside the ${n}×${n} ${profile} matrix`);
  }
  for (const v of p.vehicles)
    if (!p.matrices[v.profile]) issues.push(`no matrix for vehicle profile "${v.profile}" (vehicle ${v.id})`);
  return issues;
}

export { allLocations };
