/**
 * VROOM JSON (docs/API.md of VROOM-Project/vroom) ⇄ Loadstar problems and solutions, so plans can
 * be compared with that ecosystem on the same file. Amount arrays become dimensions q0, q1, …;
 * integer skills become strings; `[lon, lat]` becomes {lat, lon}. VROOM's `max_travel_time`
 * maps to our route duration limit, which also counts waiting (so it is never looser).
 */
import { z } from 'zod';
import { AppError } from '@shared/contract/errors';
import type { CompiledProblem } from './compile';
import type { Id, Location, ProblemInput, Solution } from './model';

const num = z.number();
const coord = z.tuple([num, num]);
const tw = z.tuple([num, num]);
const amounts = z.array(num);
const place = { location: coord.optional(), location_index: z.number().int().min(0).optional() };
const vroomJob = z.object({
  id: z.number().int(),
  description: z.string().optional(),
  ...place,
  service: num.optional(),
  delivery: amounts.optional(),
  pickup: amounts.optional(),
  skills: z.array(z.number().int()).optional(),
  priority: z.number().int().optional(),
  time_windows: z.array(tw).optional(),
});
const vroomStop = z.object({
  id: z.number().int().optional(),
  description: z.string().optional(),
  ...place,
  service: num.optional(),
  time_windows: z.array(tw).optional(),
});
const vroomShipment = z.object({
  pickup: vroomStop,
  delivery: vroomStop,
  amount: amounts.optional(),
  skills: z.array(z.number().int()).optional(),
  priority: z.number().int().optional(),
});
const vroomVehicle = z.object({
  id: z.number().int(),
  profile: z.string().optional(),
  description: z.string().optional(),
  start: coord.optional(),
  start_index: z.number().int().optional(),
  end: coord.optional(),
  end_index: z.number().int().optional(),
  capacity: amounts.optional(),
  skills: z.array(z.number().int()).optional(),
  time_window: tw.optional(),
  breaks: z
    .array(z.object({ id: z.number().int(), time_windows: z.array(tw).optional(), service: num.optional() }))
    .optional(),
  costs: z.object({ fixed: num.optional(), per_hour: num.optional(), per_km: num.optional() }).optional(),
  speed_factor: num.optional(),
  max_travel_time: num.optional(),
  max_distance: num.optional(),
});
const matrix = z.array(z.array(num));
export const vroomInputSchema = z.object({
  jobs: z.array(vroomJob).optional(),
  shipments: z.array(vroomShipment).optional(),
  vehicles: z.array(vroomVehicle),
  matrix: matrix.optional(),
  matrices: z
    .record(
      z.string(),
      z.object({ durations: matrix.optional(), distances: matrix.optional(), costs: matrix.optional() }),
    )
    .optional(),
});
export type VroomInput = z.infer<typeof vroomInputSchema>;

const dimName = (k: number) => `q${k}`;
const toAmounts = (a: number[] | undefined) =>
  a ? Object.fromEntries(a.map((x, k) => [dimName(k), x])) : undefined;

function toLocation(loc: [number, number] | undefined, index: number | undefined, what: string): Location {
  if (index !== undefined) return loc ? { index, lon: loc[0], lat: loc[1] } : { index };
  if (loc) return { lon: loc[0], lat: loc[1] };
  throw new AppError('invalid_input', `VROOM file: ${what} has neither a location nor a location_index.`);
}

/** VROOM problem JSON → Loadstar problem (validated later by parseProblem). */
export function fromVroomProblem(json: unknown): ProblemInput {
  const parsed = vroomInputSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new AppError(
      'invalid_input',
      `Not a valid VROOM problem: ${first.path.join('.')}: ${first.message}`,
    );
  }
  const v = parsed.data;
  const jobs = v.jobs ?? [];
  const shipments = v.shipments ?? [];
  const K = Math.max(
    0,
    ...jobs.flatMap((j) => [j.delivery?.length ?? 0, j.pickup?.length ?? 0]),
    ...shipments.map((s) => s.amount?.length ?? 0),
    ...v.vehicles.map((x) => x.capacity?.length ?? 0),
  );
  const matrices = v.matrices
    ? Object.fromEntries(
        Object.entries(v.matrices)
          .filter(([, m]) => m.durations)
          .map(([p, m]) => [
            p,
            { durations: m.durations!, ...(m.distances ? { distances: m.distances } : {}) },
          ]),
      )
    : v.matrix
      ? { car: { durations: v.matrix } }
      : undefined;
  const skills = (s: number[] | undefined) => s?.map(String);
  const stop = (s: z.infer<typeof vroomStop>, what: string) => ({
    ...(s.id !== undefined ? { id: s.id } : {}),
    location: toLocation(s.location, s.location_index, what),
    service: s.service ?? 0,
    ...(s.time_windows ? { timeWindows: s.time_windows } : {}),
  });
  return {
    dimensions: Array.from({ length: K }, (_, k) => dimName(k)),
    ...(matrices ? { matrices } : {}),
    jobs: jobs.map((j) => ({
      id: j.id,
      location: toLocation(j.location, j.location_index, `job ${j.id}`),
      service: j.service ?? 0,
      ...(j.time_windows ? { timeWindows: j.time_windows } : {}),
      ...(j.delivery ? { delivery: toAmounts(j.delivery) } : {}),
      ...(j.pickup ? { pickup: toAmounts(j.pickup) } : {}),
      ...(j.skills ? { skills: skills(j.skills) } : {}),
      priority: j.priority ?? 0,
    })),
    shipments: shipments.map((s, i) => ({
      id: s.pickup.id ?? i,
      pickup: stop(s.pickup, `shipment ${i} pickup`),
      delivery: stop(s.delivery, `shipment ${i} delivery`),
      ...(s.amount ? { amount: toAmounts(s.amount) } : {}),
      ...(s.skills ? { skills: skills(s.skills) } : {}),
      priority: s.priority ?? 0,
    })),
    vehicles: v.vehicles.map((x) => ({
      id: x.id,
      profile: x.profile ?? 'car',
      ...(x.start || x.start_index !== undefined
        ? { start: toLocation(x.start, x.start_index, `vehicle ${x.id} start`) }
        : {}),
      ...(x.end || x.end_index !== undefined
        ? { end: toLocation(x.end, x.end_index, `vehicle ${x.id} end`) }
        : {}),
      ...(x.capacity ? { capacity: toAmounts(x.capacity) } : {}),
      ...(x.skills ? { skills: skills(x.skills) } : {}),
      ...(x.time_window ? { shift: x.time_window } : {}),
      ...(x.breaks
        ? {
            breaks: x.breaks.map((b) => ({
              id: b.id,
              timeWindows: b.time_windows ?? [[0, 2 ** 31]],
              service: b.service ?? 0,
            })),
          }
        : {}),
      fixedCost: x.costs?.fixed ?? 0,
      costPerHour: x.costs?.per_hour ?? 3600,
      costPerKm: x.costs?.per_km ?? 0,
      speedFactor: x.speed_factor ?? 1,
      ...(x.max_travel_time !== undefined ? { maxDuration: x.max_travel_time } : {}),
      ...(x.max_distance !== undefined ? { maxDistance: x.max_distance } : {}),
    })),
  };
}

/** Loadstar problem → VROOM problem JSON (ids must be integers there). */
export function toVroomProblem(p: ProblemInput): VroomInput {
  const dims = p.dimensions ?? [];
  const arr = (a: Record<string, number> | undefined) => (a ? dims.map((d) => a[d] ?? 0) : undefined);
  const int = (id: Id, what: string) => {
    if (typeof id === 'number') return id;
    if (/^-?\d+$/.test(id)) return Number(id);
    throw new AppError('invalid_input', `VROOM needs whole-number ids; ${what} "${id}" is not one.`);
  };
  const place = (l: Location) => ({
    ...(l.lat !== undefined && l.lon !== undefined ? { location: [l.lon, l.lat] as [number, number] } : {}),
    ...(l.index !== undefined ? { location_index: l.index } : {}),
  });
  const skills = (s: string[] | undefined) => s?.map((x) => int(x, 'skill'));
  const opt = <T>(key: string, v: T | undefined) => (v === undefined ? {} : { [key]: v });
  return {
    jobs: (p.jobs ?? []).map((j) => ({
      id: int(j.id, 'job'),
      ...place(j.location),
      service: j.service ?? 0,
      ...opt('delivery', arr(j.delivery)),
      ...opt('pickup', arr(j.pickup)),
      ...opt('skills', skills(j.skills)),
      priority: j.priority ?? 0,
      ...opt('time_windows', j.timeWindows),
    })),
    shipments: (p.shipments ?? []).map((s) => ({
      pickup: {
        id: int(s.pickup.id ?? s.id, 'shipment'),
        ...place(s.pickup.location),
        service: s.pickup.service ?? 0,
        ...opt('time_windows', s.pickup.timeWindows),
      },
      delivery: {
        id: int(s.delivery.id ?? s.id, 'shipment'),
        ...place(s.delivery.location),
        service: s.delivery.service ?? 0,
        ...opt('time_windows', s.delivery.timeWindows),
      },
      ...opt('amount', arr(s.amount)),
      ...opt('skills', skills(s.skills)),
      priority: s.priority ?? 0,
    })),
    vehicles: (p.vehicles ?? []).map((v) => {
      const s = v.start ? place(v.start) : {};
      const e = v.end ? place(v.end) : {};
      return {
        id: int(v.id, 'vehicle'),
        profile: v.profile ?? 'car',
        ...opt('start', s.location),
        ...opt('start_index', s.location_index),
        ...opt('end', e.location),
        ...opt('end_index', e.location_index),
        ...opt('capacity', arr(v.capacity)),
        ...opt('skills', skills(v.skills)),
        ...opt('time_window', v.shift),
        ...opt(
          'breaks',
          v.breaks?.map((b) => ({ id: int(b.id, 'break'), time_windows: b.timeWindows, service: b.service })),
        ),
        costs: {
          fixed: v.fixedCost ?? 0,
          per_hour: v.costPerHour ?? (v.costPerKm === undefined ? 3600 : 0),
          per_km: v.costPerKm ?? 0,
        },
        speed_factor: v.speedFactor ?? 1,
        ...opt('max_travel_time', v.maxDuration),
        ...opt('max_distance', v.maxDistance),
      };
    }),
    ...(p.matrices ? { matrices: p.matrices } : {}),
  };
}

export interface VroomStep {
  type: 'start' | 'job' | 'pickup' | 'delivery' | 'break' | 'end';
  id?: number;
  location?: [number, number];
  location_index?: number;
  arrival: number;
  duration: number;
  service: number;
  waiting_time: number;
  load?: number[];
  distance?: number;
}

export interface VroomSolution {
  code: number;
  summary: {
    cost: number;
    routes: number;
    unassigned: number;
    service: number;
    duration: number;
    waiting_time: number;
    priority: number;
    distance: number;
  };
  unassigned: { id: number | string; type: string }[];
  routes: {
    vehicle: number | string;
    cost: number;
    service: number;
    duration: number;
    waiting_time: number;
    distance: number;
    steps: VroomStep[];
  }[];
}

/** Loadstar solution → VROOM solution JSON. Reload steps (multi-trip) have no VROOM equivalent and are left out. */
export function toVroomSolution(P: CompiledProblem, s: Solution): VroomSolution {
  const vehicleOf = new Map(P.vehicles.map((v) => [String(v.id), v]));
  const routes = s.routes.map((r) => {
    const veh = vehicleOf.get(String(r.vehicle))!;
    const dur = P.dur[veh.mat]!;
    let travel = 0;
    let prev = veh.start;
    const steps: VroomStep[] = [];
    for (const st of r.steps) {
      travel += dur[prev * P.n + st.location]!;
      prev = st.location;
      if (st.type === 'reload') continue;
      const c = P.coords[st.location];
      steps.push({
        type: st.type,
        ...(st.id !== undefined ? { id: Number(st.id) } : {}),
        ...(c ? { location: [c.lon, c.lat] as [number, number] } : { location_index: st.location }),
        arrival: st.arrival,
        duration: travel,
        service: st.service,
        waiting_time: st.waiting,
        load: st.load,
        distance: st.distance,
      });
    }
    return {
      vehicle: r.vehicle,
      cost: r.cost,
      service: r.service,
      duration: r.travelTime,
      waiting_time: r.waiting,
      distance: r.distance,
      steps,
    };
  });
  return {
    code: 0,
    summary: {
      cost: s.summary.cost,
      routes: routes.length,
      unassigned: s.unassigned.length,
      service: s.summary.service,
      duration: routes.reduce((a, r) => a + r.duration, 0),
      waiting_time: s.summary.waiting,
      priority: s.summary.priority,
      distance: s.summary.distance,
    },
    unassigned: s.unassigned.map((u) => ({ id: u.id, type: u.type === 'job' ? 'job' : 'pickup' })),
    routes,
  };
}

const vroomSolutionSchema = z
  .object({
    code: z.number(),
    routes: z
      .array(
        z
          .object({
            vehicle: z.union([z.number(), z.string()]),
            steps: z.array(
              z
                .object({ type: z.string(), id: z.number().optional(), job: z.number().optional() })
                .passthrough(),
            ),
          })
          .passthrough(),
      )
      .default([]),
    unassigned: z.array(z.object({ id: z.union([z.number(), z.string()]) }).passthrough()).default([]),
  })
  .passthrough();

/** The route order in a VROOM solution file: vehicle → [type, id] per task step (older files use `job`). */
export function readVroomRoutes(
  json: unknown,
): { vehicle: number | string; stops: { type: string; id: number }[] }[] {
  const parsed = vroomSolutionSchema.safeParse(json);
  if (!parsed.success) throw new AppError('invalid_input', 'Not a valid VROOM solution file.');
  return parsed.data.routes.map((r) => ({
    vehicle: r.vehicle,
    stops: r.steps
      .filter((s) => s.type !== 'start' && s.type !== 'end')
      .map((s) => ({ type: s.type, id: (s.id ?? s.job)! })),
  }));
}
