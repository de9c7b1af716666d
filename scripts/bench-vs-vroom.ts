/**
 * Loadstar's solver against VROOM on generated instance families (scripts/lib/vrp-families.ts),
 * same matrix, same time: VROOM runs first (exploration 5, one thread) and Loadstar then gets
 * VROOM's own wall time rounded up to whole seconds. Objective is hierarchical (vehicles, then
 * distance): VROOM gets a fixed cost per vehicle far above any route's distance. Both answers are
 * scheduled on the same data and checked by the independent checker (checker.ts); an answer it
 * rejects counts as a loss for its solver.
 *
 *   npm run -s bench:vs-vroom [-- --full] [--seeds 1,2] [--only jobs-u30-100-s1,…] [--seed N]
 *                             [--vroom PATH] [--keep DIR]
 *
 * Prints one row per instance, then exactly one JSON line:
 *   {"instances":…,"wins":…,"ties":…,"losses":…,"meanGapVsVroomPct":…}
 * gap = (Loadstar distance − VROOM distance) / VROOM distance, in %, over all instances.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSolution } from '../electron/core/routing/checker';
import { prepareProblem, type CompiledProblem } from '../electron/core/routing/compile';
import type { Solution } from '../electron/core/routing/model';
import { buildSolution } from '../electron/core/routing/solver/output';
import { solveCompiled } from '../electron/core/routing/solver/index';
import { readVroomRoutes, toVroomProblem } from '../electron/core/routing/vroom';
import { parseArgs } from './lib/args';
import { sharedPath } from './lib/shared-dir';
import { benchSet, generateFamily, type FamilyInstance } from './lib/vrp-families';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface Answer {
  feasible: boolean;
  vehicles: number;
  distance: number;
  unassigned: number;
  seconds: number;
  problem?: string;
}

/** A plan in the benchmark's terms; infeasible answers are kept but marked. */
function judge(P: CompiledProblem, s: Solution, seconds: number): Answer {
  const v = checkSolution(P, s);
  return {
    feasible: v.length === 0 && s.unassigned.length === 0,
    vehicles: s.summary.vehicles,
    distance: s.summary.distance,
    unassigned: s.unassigned.length,
    seconds,
    ...(v.length ? { problem: v[0]!.message } : s.unassigned.length ? { problem: 'stops left out' } : {}),
  };
}

function runVroom(bin: string, inst: FamilyInstance, P: CompiledProblem, dir: string): Answer {
  const input = toVroomProblem(inst.problem);
  // Vehicles first: a vehicle costs more than any plan's whole distance could.
  const maxArc = Math.max(
    ...(inst.problem.matrices!.car!.distances as number[][]).map((r) => Math.max(...r)),
  );
  const fixed = Math.ceil(maxArc * 2 * (P.tasks.length + 1));
  for (const v of input.vehicles) v.costs = { fixed, per_hour: 3600, per_km: 0 };
  const inFile = join(dir, `${inst.name}.json`);
  const outFile = join(dir, `${inst.name}.vroom.json`);
  writeFileSync(inFile, JSON.stringify(input));
  const t0 = performance.now();
  const r = spawnSync(bin, ['-i', inFile, '-x', '5', '-t', '1', '-o', outFile], { encoding: 'utf8' });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0 || !existsSync(outFile))
    return {
      feasible: false,
      vehicles: NaN,
      distance: NaN,
      unassigned: NaN,
      seconds,
      problem: `vroom failed: ${(r.stderr || r.stdout || String(r.error)).trim().slice(0, 200)}`,
    };
  const json: unknown = JSON.parse(readFileSync(outFile, 'utf8'));
  // VROOM's order, our schedule (latest departure, same matrix), the independent checker's verdict.
  const taskOf = new Map(P.tasks.map((t, i) => [`${t.kind}:${t.id}`, i]));
  const vehOf = new Map(P.vehicles.map((v, i) => [String(v.id), i]));
  const snap: number[][] = P.vehicles.map(() => []);
  const seen = new Set<number>();
  for (const route of readVroomRoutes(json)) {
    const v = vehOf.get(String(route.vehicle))!;
    snap[v] = route.stops.map((s) => taskOf.get(`${s.type}:${s.id}`)!);
    for (const t of snap[v]) seen.add(P.tasks[t]!.unit);
  }
  const unassigned = P.units.flatMap((_, u) =>
    seen.has(u) ? [] : [{ unit: u, reason: 'no_room' as const }],
  );
  try {
    return judge(P, buildSolution(P, snap, unassigned), seconds);
  } catch (e) {
    return {
      feasible: false,
      vehicles: snap.filter((r) => r.length).length,
      distance: NaN,
      unassigned: unassigned.length,
      seconds,
      problem: (e as Error).message,
    };
  }
}

/** Negative: Loadstar better. Unserved stops first, then vehicles, then distance. */
function compare(a: Answer, b: Answer): number {
  if (a.feasible !== b.feasible) return a.feasible ? -1 : 1;
  if (!a.feasible) return 0;
  if (a.vehicles !== b.vehicles) return a.vehicles - b.vehicles;
  const rel = (a.distance - b.distance) / b.distance;
  return Math.abs(rel) <= 1e-4 ? 0 : rel;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const bin = resolve(args.get('vroom') ?? sharedPath(root, 'bench/vroom/vroom'));
  if (!existsSync(bin))
    throw new Error(
      `VROOM binary not found at ${bin}: pass --vroom PATH (see ../shared/bench/vroom/README.md)`,
    );
  const seeds = (args.get('seeds') ?? '1,2').split(',').map(Number);
  if (seeds.some((s) => !Number.isInteger(s))) throw new Error(`--seeds: whole numbers, comma-separated`);
  const solverSeed = Number(args.get('seed') ?? 1);
  const only = args.get('only') ? new Set(args.get('only')!.split(',')) : null;
  let specs = benchSet(args.has('full') ? 'full' : 'default', seeds);
  const keep = args.get('keep');
  const dir = keep ? resolve(keep) : mkdtempSync(join(tmpdir(), 'vs-vroom-'));
  mkdirSync(dir, { recursive: true });
  const instances = specs.map(generateFamily).filter((i) => !only || only.has(i.name));
  specs = instances.map((i) => i.spec);
  if (!instances.length) throw new Error('no instance matches --only');

  console.log(
    '# same matrix and equal time (Loadstar limit = VROOM wall time rounded up); vehicles then distance; both checked',
  );
  console.log(
    ['instance', 'vroom_veh', 'vroom_dist', 'vroom_s', 'ls_veh', 'ls_dist', 'ls_s', 'gap_pct', 'result'].join(
      '\t',
    ),
  );
  let wins = 0;
  let ties = 0;
  let losses = 0;
  let gapSum = 0;
  let gapCount = 0;
  let moreVehicles = 0;
  let infeasible = 0;
  try {
    for (const inst of instances) {
      const P = await prepareProblem(inst.problem);
      const vr = runVroom(bin, inst, P, dir);
      const limit = Math.max(1, Math.ceil(vr.seconds));
      const t0 = performance.now();
      const { solution } = solveCompiled(P, { timeLimitMs: limit * 1000, seed: solverSeed });
      const ls = judge(P, solution, (performance.now() - t0) / 1000);
      const c = compare(ls, vr);
      const result = c < 0 ? 'win' : c > 0 ? 'loss' : 'tie';
      if (c < 0) wins++;
      else if (c > 0) losses++;
      else ties++;
      if (ls.feasible && vr.feasible && ls.vehicles > vr.vehicles) moreVehicles++;
      if (!ls.feasible) infeasible++;
      const gap = ((ls.distance - vr.distance) / vr.distance) * 100;
      if (Number.isFinite(gap)) {
        gapSum += gap;
        gapCount++;
      }
      const note = [ls.problem && `loadstar: ${ls.problem}`, vr.problem && `vroom: ${vr.problem}`]
        .filter(Boolean)
        .join('; ');
      console.log(
        [
          inst.name,
          vr.vehicles,
          vr.distance.toFixed(0),
          vr.seconds.toFixed(2),
          ls.vehicles,
          ls.distance.toFixed(0),
          ls.seconds.toFixed(2),
          gap.toFixed(2),
          result,
        ].join('\t') + (note ? `\t${note}` : ''),
      );
    }
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
  const n = instances.length;
  console.log(
    `# at least as good as VROOM: ${wins + ties}/${n} (${(((wins + ties) / n) * 100).toFixed(0)}%); more vehicles than VROOM: ${moreVehicles}; Loadstar answers rejected by the checker: ${infeasible}`,
  );
  console.log(
    JSON.stringify({
      instances: n,
      wins,
      ties,
      losses,
      meanGapVsVroomPct: gapCount ? Number((gapSum / gapCount).toFixed(3)) : null,
    }),
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
