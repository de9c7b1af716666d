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

describe('edits in the contract', () => {
  it('keep only the fields sent: an edit never resets the others to their defaults', () => {
    const id = '0b7c1d9e-4f3a-4e8b-9c2d-1a2b3c4d5e6f';
    const cases = [
      ['dock.updateAppointment', { pallets: 3 }],
      ['dock.updateDoor', { name: 'Port 1' }],
      ['routes.updateOrder', { notes: 'Ring first' }],
      ['routes.updateVehicle', { plate: 'ABC 123' }],
      ['routes.updateDriver', { phone: '070-1' }],
    ] as const;
    for (const [name, fields] of cases) expect(commands[name].input.parse({ id, ...fields }), name).toEqual({ id, ...fields });
    // Defaults still fill a create.
    expect(commands['routes.createVehicle'].input.parse({ name: 'Van' })).toMatchObject({ shiftStart: '07:00', active: true });
    // A sent field is still checked.
    expect(commands['routes.updateVehicle'].input.safeParse({ id, breakMin: 500 }).success).toBe(false);
  });
});
