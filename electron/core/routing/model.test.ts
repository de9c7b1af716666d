import { describe, expect, it } from 'vitest';
import { AppError } from '@shared/contract/errors';
import { prepareProblem } from './compile';
import { parseProblem } from './model';
import { lineProblem } from './test/fixtures';

const depot = { index: 0 };
const veh = { id: 'v', start: depot, end: depot, capacity: { kg: 10 } };

function errorOf(input: unknown): AppError {
  try {
    parseProblem(input);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected the problem to be refused');
}

describe('problem validation', () => {
  it('refuses a time window that ends before it starts, saying where', () => {
    const e = errorOf(lineProblem([{ id: 1, location: { index: 1 }, timeWindows: [[500, 100]] }], [veh]));
    expect(e.code).toBe('invalid_input');
    expect(e.message).toMatch(/jobs\[0\]\.timeWindows\[0\].*ends before it starts/);
  });

  it('refuses amounts in a dimension that was not declared', () => {
    const e = errorOf(lineProblem([{ id: 1, location: { index: 1 }, delivery: { pallets: 2 } }], [veh]));
    expect(e.message).toMatch(/undeclared dimension "pallets"/);
  });

  it('refuses unknown or impossible coordinates', () => {
    const coords = (location: object) => ({
      jobs: [{ id: 1, location }],
      vehicles: [{ id: 'v', start: { lat: 52, lon: 4 } }],
    });
    expect(errorOf(coords({})).message).toMatch(/unknown location/);
    expect(errorOf(coords({ lat: 95, lon: 4 })).message).toMatch(/lat/);
    expect(errorOf(coords({ lat: 0, lon: 0 })).message).toMatch(/failed address lookup/);
    expect(errorOf(coords({ lat: 52 })).message).toMatch(/both lat and lon/);
    expect(errorOf(coords({ lat: Number.NaN, lon: 4 })).code).toBe('invalid_input');
  });

  it('refuses matrix indices outside the matrix and mixes of indices and coordinates', () => {
    expect(errorOf(lineProblem([{ id: 1, location: { index: 42 } }], [veh])).message).toMatch(
      /outside the 10×10/,
    );
    expect(
      errorOf({
        jobs: [{ id: 1, location: { index: 1 } }],
        vehicles: [{ id: 'v', start: { lat: 52, lon: 4 } }],
      }).message,
    ).toMatch(/not a mix|no matrices/);
  });

  it('refuses duplicate ids, unknown locked jobs and multi-trip without a depot', () => {
    const e = errorOf(
      lineProblem(
        [
          { id: 1, location: { index: 1 } },
          { id: 1, location: { index: 2 } },
        ],
        [{ id: 'v', maxTrips: 2, locked: [{ type: 'job', id: 7 }] }],
      ),
    );
    expect(e.message).toMatch(/duplicate job id 1/);
    expect(e.message).toMatch(/unknown job 7/);
    expect(e.message).toMatch(/multi-trip vehicles need a start depot/);
  });

  it('refuses a shipment locked by one half only', () => {
    const e = errorOf(
      lineProblem([], [{ ...veh, locked: [{ type: 'pickup', id: 9 }] }], {
        shipments: [{ id: 9, pickup: { location: { index: 1 } }, delivery: { location: { index: 2 } } }],
      }),
    );
    expect(e.message).toMatch(/lock the delivery of shipment 9 too/);
  });

  it('refuses locked stops that are already impossible', async () => {
    const { solveCompiled } = await import('./solver/index');
    const P = await prepareProblem(
      lineProblem(
        [{ id: 1, location: { index: 9 }, timeWindows: [[0, 100]] }],
        [{ ...veh, locked: [{ type: 'job', id: 1 }] }],
      ),
    );
    expect(() => solveCompiled(P, { maxIterations: 1 })).toThrow(/locked stops of vehicle v/);
  });

  it('builds matrices from coordinates with the offline estimate', async () => {
    const P = await prepareProblem({
      jobs: [{ id: 1, location: { lat: 52.38, lon: 4.9 } }],
      vehicles: [{ id: 'v', profile: 'truck', start: { lat: 52.37, lon: 4.89 } }],
    });
    const n = P.n;
    const metres = P.dist[0]![1 * n + 0]!;
    expect(metres).toBeGreaterThan(1300 * 1.2);
    expect(metres).toBeLessThan(1400 * 1.4);
    expect(P.dur[0]![1 * n + 0]).toBeCloseTo(metres / (40 / 3.6), 6);
  });
});
