import { describe, expect, it } from 'vitest';
import { commands } from './index';

describe('calendar dates in the contract', () => {
  it('refuses days that do not exist, as a clear input error', () => {
    const plan = commands['routes.getPlan'].input;
    expect(plan.safeParse({ date: '2026-11-23' }).success).toBe(true);
    for (const date of ['9999-99-99', '2026-02-30', '2026-13-01', '0000-01-01']) {
      const r = plan.safeParse({ date });
      expect(r.success, date).toBe(false);
      expect(r.error?.issues[0]?.message).toMatch(/does not exist/);
    }
    expect(commands['dock.listAppointments'].input.safeParse({ date: '2026-02-29' }).success).toBe(false);
  });
});
