import type { DoorInputs, InterlockReason, LightColour } from '@shared/contract/devices-types';

export type { DoorInputs, LightColour };

/**
 * Dock safety rules, pure so they are tested exhaustively and shared by every command path.
 * Panels interlock too; these rules stop an unsafe request before it reaches the panel and tell
 * the operator why.
 */
export type DoorCommand =
  | { kind: 'lights'; inside: LightColour; outside: LightColour }
  | { kind: 'restraint'; engage: boolean }
  | { kind: 'door'; open: boolean };

export type Decision =
  { allowed: true; overridden: boolean } | { allowed: false; reason: string; code: InterlockReason };

/** The English words for each rule (the UI has its own, in the operator's language). */
export const INTERLOCK_MESSAGES: Record<InterlockReason, string> = {
  fault: 'The door reports a fault or E-stop: clear it at the dock panel first',
  green_needs_restraint:
    'The inside light can only go green while the trailer restraint is engaged: engage the restraint first',
  restraint_not_engaged:
    'The door can only open while the trailer restraint is engaged: engage the restraint first',
  leveler_not_stored: 'The door can only close once the leveler is stored: store the leveler first',
  door_not_closed: 'The restraint can only be released once the door is closed: close the door first',
};

export interface Lights {
  insideGreen: boolean;
  insideRed: boolean;
  outsideGreen: boolean;
  outsideRed: boolean;
}

/** Restraint locked → inside green, outside red; released → inside red, outside green. */
export function lightsForRestraint(engaged: boolean): Lights {
  return { insideGreen: engaged, insideRed: !engaged, outsideGreen: !engaged, outsideRed: engaged };
}

export function lightsFor(inside: LightColour, outside: LightColour): Lights {
  return {
    insideGreen: inside === 'green',
    insideRed: inside === 'red',
    outsideGreen: outside === 'green',
    outsideRed: outside === 'red',
  };
}

/**
 * Decides whether a command may run. Override mode (the panel key) lets the operator bypass a
 * rule, and the result says so, so the caller logs it. A fault/E-stop is never overridden here.
 */
export function checkDoorCommand(state: DoorInputs, command: DoorCommand, override: boolean): Decision {
  const rule = ruleBroken(state, command);
  if (rule === null) return { allowed: true, overridden: false };
  // A fault/E-stop is never overridden here.
  if (rule !== 'fault' && override) return { allowed: true, overridden: true };
  return { allowed: false, reason: INTERLOCK_MESSAGES[rule], code: rule };
}

function ruleBroken(state: DoorInputs, command: DoorCommand): InterlockReason | null {
  if (state.fault && (command.kind === 'door' || (command.kind === 'restraint' && !command.engage)))
    return 'fault';
  switch (command.kind) {
    case 'lights':
      return command.inside === 'green' && !state.restraintEngaged ? 'green_needs_restraint' : null;
    case 'door':
      if (command.open && !state.restraintEngaged) return 'restraint_not_engaged';
      if (!command.open && !state.levelerStored) return 'leveler_not_stored';
      return null;
    case 'restraint':
      return !command.engage && !state.doorClosed ? 'door_not_closed' : null;
  }
}
