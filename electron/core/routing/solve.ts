/**
 * The solve entry point for core code: validate, get travel matrices, search, check.
 * Synchronous CPU work happens in solveCompiled; call this from a worker (see solve-in-worker.ts).
 */
import { prepareProblem } from './compile';
import { haversineProvider, type HaversineOptions } from './matrix/haversine';
import { osrmProvider, type OsrmOptions } from './matrix/osrm';
import type { MatrixProvider } from './matrix/provider';
import type { Solution } from './model';
import { solveCompiled, type SolveHooks, type SolveOptions, type SolveStats } from './solver/index';

/** Serialisable choice of matrix provider (it has to cross into the worker). */
export type MatrixSource = ({ kind: 'haversine' } & HaversineOptions) | ({ kind: 'osrm' } & OsrmOptions);

export function providerFor(source: MatrixSource | undefined): MatrixProvider {
  if (source?.kind === 'osrm') return osrmProvider(source);
  return haversineProvider(source);
}

export interface SolveRequest extends SolveOptions {
  matrixSource?: MatrixSource;
}

export interface SolveResult {
  solution: Solution;
  stats: SolveStats;
}

export async function solve(
  problem: unknown,
  opts: SolveRequest = {},
  hooks: SolveHooks = {},
): Promise<SolveResult> {
  const P = await prepareProblem(problem, {
    provider: providerFor(opts.matrixSource),
    signal: hooks.signal as AbortSignal | undefined,
  });
  return solveCompiled(P, opts, hooks);
}
