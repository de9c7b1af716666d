import type { z } from 'zod';

/** The roles of a workstation user, the same ones the sync server enforces. */
export const ROLES = ['admin', 'dispatcher', 'operator', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Everyone who may change data: the default for a mutation. A viewer only reads. */
export const WRITERS: readonly Role[] = ['admin', 'dispatcher', 'operator'];
/** Site set-up: doors, devices, numbering, planning settings. */
export const ADMINS: readonly Role[] = ['admin'];
/** Route planning and the fleet. */
export const PLANNERS: readonly Role[] = ['admin', 'dispatcher'];

export interface CommandSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  /** Who may call it. */
  roles: readonly Role[];
  /**
   * It changes something (stored data, a device, a print): a retry must not do it twice, and a
   * viewer may not call it unless the command says so.
   */
  mutates: boolean;
  /** Type-only: the value a successful call resolves to. */
  readonly output?: O;
}

/** Declares a read; the output type is given explicitly, the input type comes from the schema. */
export function command<O>() {
  return <I extends z.ZodType>(input: I, roles: readonly Role[] = ROLES): CommandSpec<I, O> => ({
    input,
    roles,
    mutates: false,
  });
}

/** Declares a command that changes something; by default every role but a viewer may call it. */
export function mutation<O>() {
  return <I extends z.ZodType>(input: I, roles: readonly Role[] = WRITERS): CommandSpec<I, O> => ({
    input,
    roles,
    mutates: true,
  });
}

export interface EventSpec<P = unknown> {
  readonly payload?: P;
}

export function event<P>(): EventSpec<P> {
  return {};
}
