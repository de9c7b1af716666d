import { AppError } from '@shared/contract/errors';

/** Where one door's signals live on its I/O module. No vendor publishes a map, so it is per door. */
export interface DoorRegisterMap {
  unitId: number;
  /** Discrete input addresses (0-based). */
  inputs: {
    doorClosed: number;
    doorOpen: number;
    trailerPresent: number;
    restraintEngaged: number;
    levelerStored: number;
    fault: number;
  };
  /** Coil addresses (0-based). */
  coils: {
    insideGreen: number;
    insideRed: number;
    outsideGreen: number;
    outsideRed: number;
    restraintEngage: number;
    doorOpen: number;
  };
  /** Holding register with the panel mode (0 auto, 1 override); null if the panel has none. */
  modeRegister: number | null;
}

/** The protocols.md default (unit 1, 0-based); `offset` shifts inputs and coils for multi-door modules. */
export function defaultDoorMap(unitId = 1, offset = 0): DoorRegisterMap {
  return {
    unitId,
    inputs: {
      doorClosed: offset,
      doorOpen: offset + 1,
      trailerPresent: offset + 2,
      restraintEngaged: offset + 3,
      levelerStored: offset + 4,
      fault: offset + 5,
    },
    coils: {
      insideGreen: offset,
      insideRed: offset + 1,
      outsideGreen: offset + 2,
      outsideRed: offset + 3,
      restraintEngage: offset + 4,
      doorOpen: offset + 5,
    },
    modeRegister: 1,
  };
}

export function validateDoorMap(map: DoorRegisterMap): void {
  const problems: string[] = [];
  if (!Number.isInteger(map.unitId) || map.unitId < 0 || map.unitId > 247)
    problems.push('unit id must be 0–247');
  const addresses = [...Object.entries(map.inputs), ...Object.entries(map.coils)];
  for (const [name, addr] of addresses) {
    if (!Number.isInteger(addr) || addr < 0 || addr > 65535) problems.push(`${name} address must be 0–65535`);
  }
  if (
    map.modeRegister !== null &&
    !(Number.isInteger(map.modeRegister) && map.modeRegister >= 0 && map.modeRegister <= 65535)
  ) {
    problems.push('mode register must be 0–65535 or none');
  }
  if (problems.length)
    throw new AppError('invalid_input', `The door's register map is not valid: ${problems.join('; ')}`, {
      problems,
    });
}

/** The contiguous [start, count] covering a set of addresses: one request instead of six. */
export function span(addresses: readonly number[]): { start: number; count: number } {
  const start = Math.min(...addresses);
  return { start, count: Math.max(...addresses) - start + 1 };
}
