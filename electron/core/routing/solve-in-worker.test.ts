import { describe, expect, it } from 'vitest';
import { solveInWorker } from './solve-in-worker';
import type { Progress } from './solver/index';
import { randomProblem } from './test/fixtures';

describe('solveInWorker', () => {
  it('solves in a worker thread with progress', async () => {
    const seen: Progress[] = [];
    const { solution } = await solveInWorker(
      randomProblem(4, 20, 3),
      { maxIterations: 100, timeLimitMs: 60_000 },
      { onProgress: (p) => seen.push(p) },
    );
    expect(solution.routes.length).toBeGreaterThan(0);
    expect(seen[0]!.phase).toBe('construction');
    expect(seen.at(-1)!.phase).toBe('done');
  });

  it('returns the best plan so far when cancelled', async () => {
    const ctrl = new AbortController();
    const result = solveInWorker(
      randomProblem(6, 60, 5),
      { timeLimitMs: 120_000 },
      {
        signal: ctrl.signal,
        onProgress: (p) => {
          if (p.phase !== 'construction') ctrl.abort();
        },
        progressSolutions: true,
      },
    );
    const { solution, stats } = await result;
    expect(stats.elapsedMs).toBeLessThan(120_000);
    expect(solution.summary.served + solution.summary.unassigned).toBe(60);
  });

  it('passes validation errors back with their code', async () => {
    await expect(solveInWorker({ jobs: [{ id: 1, location: {} }] })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/unknown location/),
    });
  });
});
