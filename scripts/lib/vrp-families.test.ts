import { describe, expect, it } from 'vitest';
import { benchSet, generateFamily, GEOGRAPHIES, KINDS, WINDOWS, type FamilySpec } from './vrp-families';

const SERVICE = 100;

/** Can a vehicle leave the depot at 0, serve these stops in order and be back by the horizon? */
function directFeasible(
  m: number[][],
  horizon: number,
  stops: { loc: number; tw: [number, number] }[],
): boolean {
  let t = 0;
  let at = 0;
  for (const s of stops) {
    t = Math.max(t + m[at]![s.loc]!, s.tw[0]);
    if (t > s.tw[1]) return false;
    t += SERVICE;
    at = s.loc;
  }
  return t + m[at]![0]! <= horizon;
}

describe('vrp-families generator', () => {
  const spec: FamilySpec = { kind: 'jobs', geo: 'mixed', window: 60, n: 100, seed: 3 };

  it('is deterministic per spec and differs between seeds and families', () => {
    const a = generateFamily(spec);
    expect(JSON.stringify(generateFamily(spec).problem)).toBe(JSON.stringify(a.problem));
    expect(JSON.stringify(generateFamily({ ...spec, seed: 4 }).problem)).not.toBe(JSON.stringify(a.problem));
    expect(JSON.stringify(generateFamily({ ...spec, geo: 'uniform' }).problem)).not.toBe(
      JSON.stringify(a.problem),
    );
    expect(a.name).toBe('jobs-m60-100-s3');
  });

  it.each(KINDS.flatMap((kind) => WINDOWS.map((window) => ({ kind, window }))))(
    '$kind with window $window: integer matrix, windows as wide as asked, every stop servable alone',
    ({ kind, window }) => {
      for (const geo of GEOGRAPHIES) {
        const inst = generateFamily({ kind, geo, window, n: 100, seed: 1 });
        const p = inst.problem;
        const m = p.matrices!.car!.durations;
        expect(m).toHaveLength(101);
        expect(m.every((r) => r.every((x) => Number.isInteger(x) && x >= 0))).toBe(true);
        const width = window === 'horizon' ? inst.horizon : window * 10;
        const stops =
          kind === 'pd'
            ? p.shipments!.map((s) => [s.pickup, s.delivery])
            : p.jobs!.map((j) => [{ location: j.location, timeWindows: j.timeWindows }]);
        expect(stops.flat()).toHaveLength(100);
        for (const group of stops) {
          const seq = group.map((s) => ({ loc: s.location.index!, tw: s.timeWindows![0]! }));
          for (const s of seq) {
            expect(s.tw[1] - s.tw[0]).toBeLessThanOrEqual(width);
            // Only a window cut by the end of the horizon is narrower.
            if (s.tw[1] < inst.horizon) expect(s.tw[1] - s.tw[0]).toBe(width);
          }
          expect(directFeasible(m, inst.horizon, seq)).toBe(true);
        }
      }
    },
  );

  it('makes capacity-bound routes of about ten customers, on three dimensions for md', () => {
    const jobs = generateFamily({ ...spec, kind: 'jobs' }).problem;
    const total = jobs.jobs!.reduce((a, j) => a + j.delivery!.q0!, 0);
    const cap = jobs.vehicles![0]!.capacity!.q0!;
    // Mean demand 20.5 against 200: the load alone asks for 9–12 routes of 100 customers.
    expect(total / cap).toBeGreaterThan(8);
    expect(total / cap).toBeLessThan(13);
    expect(jobs.vehicles!.length).toBeGreaterThan(Math.ceil(total / cap));
    const md = generateFamily({ ...spec, kind: 'md' }).problem;
    expect(md.dimensions).toEqual(['q0', 'q1', 'q2']);
    for (const d of ['q0', 'q1', 'q2']) {
      const need = md.jobs!.reduce((a, j) => a + j.delivery![d]!, 0) / md.vehicles![0]!.capacity![d]!;
      expect(need).toBeGreaterThan(7);
      expect(need).toBeLessThan(14);
    }
  });

  it('places clustered customers closer to each other than uniform ones', () => {
    const meanNearest = (geo: 'uniform' | 'clustered') => {
      const m = generateFamily({ ...spec, geo }).problem.matrices!.car!.durations;
      let s = 0;
      for (let i = 1; i < m.length; i++) s += Math.min(...m[i]!.filter((_, j) => j !== i && j > 0));
      return s / (m.length - 1);
    };
    expect(meanNearest('clustered')).toBeLessThan(0.6 * meanNearest('uniform'));
  });

  it('grows the area and horizon with the customer count', () => {
    const small = generateFamily({ ...spec, n: 100 });
    const big = generateFamily({ ...spec, n: 400 });
    expect(big.horizon).toBe(2 * small.horizon);
    expect(big.problem.jobs).toHaveLength(400);
  });

  it('refuses a size it cannot build', () => {
    expect(() => generateFamily({ ...spec, kind: 'pd', n: 101 })).toThrow(/even/);
    expect(() => generateFamily({ ...spec, n: 1 })).toThrow(/n must be/);
  });

  it('default set covers every geography, window and kind; the full set reaches 1,000 customers', () => {
    const d = benchSet('default');
    expect(new Set(d.map((s) => s.geo))).toEqual(new Set(GEOGRAPHIES));
    expect(new Set(d.map((s) => s.window))).toEqual(new Set(WINDOWS));
    expect(new Set(d.map((s) => s.kind))).toEqual(new Set(KINDS));
    const full = benchSet('full', [1, 2]);
    expect(Math.max(...full.map((s) => s.n))).toBe(1000);
    expect(new Set(full.map((s) => s.seed))).toEqual(new Set([1, 2]));
  });
});
