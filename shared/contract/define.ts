import type { z } from 'zod';

export const ROLES = ['operator', 'dispatcher', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface CommandSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  /** Who may call it. */
  roles: readonly Role[];
  /** Type-only: the value a successful call resolves to. */
  readonly output?: O;
}

/** Declares a command; the output type is given explicitly, the input type comes from the schema. */
export function command<O>() {
  return <I extends z.ZodType>(input: I, roles: readonly Role[] = ROLES): CommandSpec<I, O> => ({
    input,
    roles,
  });
}

export interface EventSpec<P = unknown> {
  readonly payload?: P;
}

export function event<P>(): EventSpec<P> {
  return {};
}
