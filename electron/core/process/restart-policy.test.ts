import { describe, expect, it } from 'vitest';
import { restartPolicy } from './restart-policy';

describe('core restart policy', () => {
  it('restarts at once after a run that served, and backs off while core keeps dying unused', () => {
    const p = restartPolicy({ healthyMs: 1000, firstMs: 100, maxMs: 1000 });
    expect(p.delayAfter({ ranMs: 5000, answered: 0 })).toBe(100);
    const young = { ranMs: 10, answered: 0 };
    expect([p.delayAfter(young), p.delayAfter(young), p.delayAfter(young), p.delayAfter(young)]).toEqual([
      200, 400, 800, 1000,
    ]);
    expect(p.delayAfter({ ranMs: 10, answered: 3 })).toBe(100);
    expect(p.delayAfter({ ranMs: 2000, answered: 0 })).toBe(100);
  });
});
