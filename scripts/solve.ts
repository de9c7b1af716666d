/**
 * Solve a VROOM-format problem file and write a VROOM-format solution:
 *   npm run solve -- --input problem.json --output solution.json --time-limit S [--seed N] [--osrm URL]
 * With `matrices` (or `matrix`) in the file no routing server is needed; with coordinates the
 * offline haversine estimate is used unless --osrm is given.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { AppError } from '@shared/contract/errors';
import { prepareProblem } from '../electron/core/routing/compile';
import { providerFor } from '../electron/core/routing/solve';
import { solveCompiled } from '../electron/core/routing/solver/index';
import { fromVroomProblem, toVroomSolution } from '../electron/core/routing/vroom';
import { parseArgs } from './lib/args';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const input = args.get('input');
  const output = args.get('output');
  if (!input)
    throw new AppError(
      'invalid_input',
      'usage: npm run solve -- --input problem.json [--output solution.json] [--time-limit S] [--seed N] [--osrm URL]',
    );
  const seconds = Number(args.get('time-limit') ?? 5);
  const seed = Number(args.get('seed') ?? 1);
  const osrm = args.get('osrm');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(input, 'utf8'));
  } catch (e) {
    throw new AppError('invalid_input', `Cannot read ${input} as JSON: ${(e as Error).message}`);
  }
  const problem = fromVroomProblem(json);
  const t0 = performance.now();
  const P = await prepareProblem(problem, {
    provider: providerFor(osrm ? { kind: 'osrm', baseUrl: osrm } : { kind: 'haversine' }),
  });
  const loading = performance.now() - t0;
  const { solution, stats } = solveCompiled(P, { timeLimitMs: seconds * 1000, seed });
  const out = {
    ...toVroomSolution(P, solution),
    computing_times: { loading: Math.round(loading), solving: Math.round(stats.elapsedMs) },
  };
  const text = JSON.stringify(out, null, 2);
  if (output) writeFileSync(output, text);
  else process.stdout.write(text + '\n');
  console.error(
    `routes=${solution.summary.vehicles} unassigned=${solution.unassigned.length} cost=${solution.summary.cost.toFixed(2)} distance=${solution.summary.distance.toFixed(2)} time_s=${(stats.elapsedMs / 1000).toFixed(2)}`,
  );
}

main().catch((e: unknown) => {
  console.error(e instanceof AppError ? `${e.code}: ${e.message}` : e);
  process.exit(1);
});
