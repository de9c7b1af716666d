import { z } from 'zod';
import { ISO_DATE, parseIsoDate } from '../domain/time';

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
  /** A locked workstation still answers it (signing in, the lock screen's status). */
  whileLocked?: boolean;
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

/** Marks a command a locked workstation still answers (signing in, what the lock screen needs). */
export function whileLocked<S extends CommandSpec>(spec: S): S {
  return { ...spec, whileLocked: true };
}

export interface EventSpec<P = unknown> {
  readonly payload?: P;
}

export function event<P>(): EventSpec<P> {
  return {};
}

/**
 * A record with at most `max` entries. The bound is in the schema's JSON form too
 * (`maxProperties`), so the contract's frame-size check can see it.
 */
export function boundedRecord<K extends z.core.$ZodRecordKey, V extends z.core.SomeType>(
  key: K,
  value: V,
  max: number,
) {
  return z
    .record(key, value)
    .refine((r) => Object.keys(r).length <= max, {
      message: `At most ${max} entries`,
      params: { reason: 'too_many' },
    })
    .meta({ maxProperties: max });
}

/** UTF-8 length of a string, without Buffer or TextEncoder (shared/ runs in both worlds). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** UTF-8 bytes of a value's JSON. */
export function jsonBytes(value: unknown): number {
  return utf8Length(JSON.stringify(value) ?? '');
}

/** Room an input may take in one frame: the frame limit less the envelope (id, name, request id). */
export const MAX_INPUT_BYTES = 1024 * 1024 - 1024;

/**
 * An input that could be bigger than one frame at the limit of every field (a 5,000-label batch,
 * a plan of 200 routes × 1,000 stops) is refused past `MAX_INPUT_BYTES` with a message that says
 * how to split it; the bound is in the schema's JSON form (`maxJsonBytes`) for the size check.
 */
export function withinFrame<S extends z.ZodType>(schema: S, whatToDo: string) {
  return schema
    .refine((v) => jsonBytes(v) <= MAX_INPUT_BYTES, {
      message: `This is too large to send in one go (over ${MAX_INPUT_BYTES >> 10} KB): ${whatToDo}`,
      params: { reason: 'too_large' },
    })
    .meta({ maxJsonBytes: MAX_INPUT_BYTES });
}

/** A calendar day `2026-11-23` that exists (not 2026-02-30, not 9999-99-99). */
export const calendarDate = z
  .string()
  .regex(ISO_DATE, 'Use a date like 2026-11-23')
  .refine((d) => parseIsoDate(d) !== null, {
    message: 'That day does not exist in the calendar',
    params: { reason: 'no_such_day' },
  });

type NoDefault<S> = S extends z.ZodDefault<infer I> ? I : S;
/**
 * Every field optional and without its default: an edit names only what it changes (zod's
 * `partial()` keeps defaults, so `{ id, plate }` would also reset every other field).
 */
export function editOf<T extends z.ZodRawShape>(
  o: z.ZodObject<T>,
): z.ZodObject<{ [K in keyof T]: z.ZodOptional<NoDefault<T[K]>> }> {
  const shape = Object.fromEntries(
    Object.entries(o.shape).map(([k, v]) => [
      k,
      ((v instanceof z.ZodDefault ? v.unwrap() : v) as z.ZodType).optional(),
    ]),
  );
  return z.object(shape) as unknown as z.ZodObject<{ [K in keyof T]: z.ZodOptional<NoDefault<T[K]>> }>;
}
