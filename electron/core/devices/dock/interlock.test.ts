import { describe, expect, it } from 'vitest';
import { checkDoorCommand, lightsForRestraint, type DoorCommand, type DoorInputs } from './interlock';

const base: DoorInputs = {
  doorOpen: false,
  doorClosed: true,
  trailerPresent: true,
  restraintEngaged: false,
  levelerStored: true,
  fault: false,
};

describe('dock interlocks', () => {
  it('allows the inside green light only while the restraint is engaged', () => {
    const green: DoorCommand = { kind: 'lights', inside: 'green', outside: 'red' };
    expect(checkDoorCommand(base, green, false)).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/engage the restraint/),
      code: 'green_needs_restraint',
    });
    expect(checkDoorCommand({ ...base, restraintEngaged: true }, green, false)).toEqual({
      allowed: true,
      overridden: false,
    });
    expect(checkDoorCommand(base, { kind: 'lights', inside: 'red', outside: 'green' }, false)).toEqual({
      allowed: true,
      overridden: false,
    });
  });

  it('refuses to open the door without the restraint unless in override, which is reported', () => {
    const open: DoorCommand = { kind: 'door', open: true };
    expect(checkDoorCommand(base, open, false)).toMatchObject({
      allowed: false,
      code: 'restraint_not_engaged',
    });
    expect(checkDoorCommand(base, open, true)).toEqual({ allowed: true, overridden: true });
    expect(checkDoorCommand({ ...base, restraintEngaged: true }, open, false)).toEqual({
      allowed: true,
      overridden: false,
    });
  });

  it('refuses to close the door with the leveler out, and to release the restraint with the door open', () => {
    const opened = { ...base, doorOpen: true, doorClosed: false, restraintEngaged: true };
    expect(
      checkDoorCommand({ ...opened, levelerStored: false }, { kind: 'door', open: false }, false),
    ).toMatchObject({ allowed: false, reason: expect.stringMatching(/leveler/), code: 'leveler_not_stored' });
    expect(checkDoorCommand(opened, { kind: 'restraint', engage: false }, false)).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/close the door/),
      code: 'door_not_closed',
    });
    expect(checkDoorCommand(opened, { kind: 'door', open: false }, false).allowed).toBe(true);
  });

  it('never overrides a fault for door movement', () => {
    const faulted = { ...base, restraintEngaged: true, fault: true };
    expect(checkDoorCommand(faulted, { kind: 'door', open: true }, true)).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/fault/),
      code: 'fault',
    });
    expect(checkDoorCommand(faulted, { kind: 'restraint', engage: true }, false).allowed).toBe(true);
  });

  it('holds for every combination: inside green is never allowed without restraint or override', () => {
    for (let bits = 0; bits < 64; bits++) {
      const s: DoorInputs = {
        doorOpen: !!(bits & 1),
        doorClosed: !!(bits & 2),
        trailerPresent: !!(bits & 4),
        restraintEngaged: !!(bits & 8),
        levelerStored: !!(bits & 16),
        fault: !!(bits & 32),
      };
      const d = checkDoorCommand(s, { kind: 'lights', inside: 'green', outside: 'red' }, false);
      expect(d.allowed).toBe(s.restraintEngaged);
    }
  });

  it('maps restraint state to the standard lights', () => {
    expect(lightsForRestraint(true)).toEqual({
      insideGreen: true,
      insideRed: false,
      outsideGreen: false,
      outsideRed: true,
    });
    expect(lightsForRestraint(false)).toEqual({
      insideGreen: false,
      insideRed: true,
      outsideGreen: true,
      outsideRed: false,
    });
  });
});
