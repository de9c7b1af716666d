/**
 * Readers for the benchmark instance formats (Solomon text, CVRPLIB .vrp) and a seeded generator
 * of realistic city instances, all producing Loadstar route problems.
 */
import { readFileSync } from 'node:fs';
import type { ProblemInput } from '../../electron/core/routing/model';
import { Rng } from '../../electron/core/routing/solver/rng';

export interface BenchInstance {
  name: string;
  problem: ProblemInput;
}

/** Solomon VRPTW: unrounded Euclidean distances, travel time = distance, cost = distance. */
export function readSolomon(path: string, name: string): BenchInstance {
  const lines = readFileSync(path, 'utf8').split('\n');
  const vi = lines.findIndex((l) => l.trim().startsWith('NUMBER'));
  const [count, capacity] = lines[vi + 1]!.trim().split(/\s+/).map(Number) as [number, number];
  const rows = lines
    .slice(lines.findIndex((l) => l.includes('CUST NO.')) + 1)
    .map((l) => l.trim().split(/\s+/).map(Number))
    .filter((r) => r.length >= 7 && r.every((x) => Number.isFinite(x)));
  const pts = rows.map((r) => [r[1]!, r[2]!] as const);
  const d = pts.map((a) => pts.map((b) => Math.hypot(a[0] - b[0], a[1] - b[1])));
  const depot = rows[0]!;
  return {
    name,
    problem: {
      dimensions: ['q'],
      matrices: { car: { durations: d, distances: d } },
      jobs: rows.slice(1).map((r) => ({
        id: r[0]!,
        location: { index: r[0]! },
        service: r[6]!,
        timeWindows: [[r[4]!, r[5]!]],
        delivery: { q: r[3]! },
      })),
      vehicles: Array.from({ length: count }, (_, i) => ({
        id: i + 1,
        start: { index: 0 },
        end: { index: 0 },
        shift: [depot[4]!, depot[5]!] as [number, number],
        capacity: { q: capacity },
        costPerKm: 1000,
      })),
      objective: { minimizeVehicles: true, balance: 0 },
    },
  };
}

/** CVRPLIB EUC_2D: nint distances (the convention the best-known costs use), distance only. */
export function readCvrp(path: string, name: string): BenchInstance {
  const text = readFileSync(path, 'utf8');
  const capacity = Number(/CAPACITY\s*:\s*(\d+)/.exec(text)![1]);
  const section = (head: string) => {
    const start = text.indexOf(head);
    const out: number[][] = [];
    for (const l of text.slice(start).split('\n').slice(1)) {
      const parts = l.trim().split(/\s+/).map(Number);
      if (!l.trim() || parts.some((x) => Number.isNaN(x))) break;
      out.push(parts);
    }
    return out;
  };
  const coords = section('NODE_COORD_SECTION');
  const demand = section('DEMAND_SECTION');
  const d = coords.map((a) => coords.map((b) => Math.floor(Math.hypot(a[1]! - b[1]!, a[2]! - b[2]!) + 0.5)));
  const n = coords.length - 1;
  return {
    name,
    problem: {
      dimensions: ['q'],
      matrices: { car: { durations: d, distances: d } },
      jobs: demand
        .slice(1)
        .map((r) => ({ id: r[0]! - 1, location: { index: r[0]! - 1 }, delivery: { q: r[1]! } })),
      // The fleet is unlimited in CVRPLIB; one vehicle per customer is never binding.
      vehicles: Array.from({ length: n }, (_, i) => ({
        id: i + 1,
        start: { index: 0 },
        end: { index: 0 },
        capacity: { q: capacity },
        costPerKm: 1000,
      })),
      objective: { minimizeVehicles: false, balance: 0 },
    },
  };
}

/** A day in a city: n stops around a depot, a third with time windows, two load dimensions. */
export function generateCity(n: number, seed: number): BenchInstance {
  const rng = new Rng(seed);
  const depot = { lat: 52.37, lon: 4.89 };
  const around = (r: number) => ({
    lat: depot.lat + (rng.next() - 0.5) * r,
    lon: depot.lon + (rng.next() - 0.5) * r * 1.6,
  });
  const day = 8 * 3600;
  const jobs = Array.from({ length: n }, (_, i) => {
    const windowed = rng.next() < 0.33;
    const s = day + rng.int(7) * 3600;
    return {
      id: `S${i + 1}`,
      location: around(0.5),
      service: 180 + rng.int(420),
      ...(windowed ? { timeWindows: [[s, s + 2 * 3600]] as [number, number][] } : {}),
      delivery: { kg: 20 + rng.int(180), m3: Math.round(rng.next() * 15) / 10 },
    };
  });
  const vehicles = Array.from({ length: Math.ceil(n / 12) }, (_, i) => ({
    id: `V${i + 1}`,
    profile: i % 3 === 0 ? 'truck' : 'van',
    start: depot,
    end: depot,
    shift: [day - 3600, day + 10 * 3600] as [number, number],
    capacity: { kg: 2500, m3: 18 },
    costPerKm: 0.5,
    costPerHour: 30,
    fixedCost: 50,
  }));
  return { name: `city-${n}-s${seed}`, problem: { dimensions: ['kg', 'm3'], jobs, vehicles } };
}
