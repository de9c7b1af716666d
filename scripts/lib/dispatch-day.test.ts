import { expect, it } from 'vitest';
import { DEFAULT_DAY, simulateDay } from './dispatch-day';

it('a hard small day: every order ends accepted or in front of the dispatcher, none stuck, the same per seed', async () => {
  // Half the offers fail and a third of the routes are cancelled: escalations must happen.
  const hard = { ...DEFAULT_DAY, orders: 60, lateOrders: 6, routes: 4, drivers: 6, noAnswer: 0.25, decline: 0.4, cancel: 0.8, maxAttempts: 2, seed: 3 };
  const r = await simulateDay(hard);
  expect(r.orders).toBe(60);
  expect(r.stuck).toBe(0);
  expect(r.escalated).toBeGreaterThan(0);
  expect(r.declines + r.expiries).toBeGreaterThan(0);
  expect(r.cancellations).toBeGreaterThan(0);
  expect(r.recovered).toBeLessThan(r.affected);
  expect(r.autoReassignedPct).toBe(Math.round((1000 * r.recovered) / r.affected) / 10);
  const again = await simulateDay(hard);
  expect({ ...again, stepMs: null, wallSeconds: null }).toEqual({ ...r, stepMs: null, wallSeconds: null });
}, 120_000);
