import { describe, expect, it } from 'vitest';
import { restartPolicy } from './restart-policy';

describe('core restart policy', () => {
  it('restarts at once after a healthy run and backs off while core keeps dying young', () => {
    const p = restartPolicy({ healthyMs: 1000, firstMs: 100, maxMs: 1000 });
    expect(p.delayAfter(5000)).toBe(100);
    expect([p.delayAfter(10), p.delayAfter(10), p.delayAfter(10), p.delayAfter(10)]).toEqual([
      200, 400, 800, 1000,
    ]);
    expect(p.delayAfter(2000)).toBe(100);
  });
});
