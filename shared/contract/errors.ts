import type { z } from 'zod';

/**
 * The closed list of error codes every command may answer with. Each has a default message an
 * operator can act on; a handler may give a more precise one (say which door, which slot).
 */
export const ERROR_CODES = [
  'invalid_input',
  'not_found',
  'conflict',
  'forbidden',
  'device_offline',
  'device_error',
  'unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const DEFAULT_ERROR_MESSAGES: Record<ErrorCode, string> = {
  invalid_input: 'Some of the values entered are not valid. Check the highlighted fields and try again.',
  not_found: 'That record no longer exists. Refresh the list and try again.',
  conflict: 'This change clashes with something already saved. Review it and try again.',
  forbidden: 'You are not allowed to do this. Ask a supervisor to do it or to grant access.',
  device_offline: 'The device is not reachable. Check its cable or network and power, then retry.',
  device_error: 'The device reported a fault. Check the device display and clear the fault.',
  unavailable: 'The service is not available right now. Your work is saved; try again shortly.',
  internal: 'Something went wrong inside Loadstar. Your saved data is safe; report the reference to support.',
};

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** One problem with a command's input as core reports it in `details.issues`; the UI words it. */
export interface InputIssue {
  path: string[];
  /** Core's English text (the contract's own wording where it has one). */
  message: string;
  /** The schema's issue code: too_small, too_big, invalid_type, invalid_format, invalid_value, custom… */
  code: string;
  /** For too_small / too_big: what was measured (string, number, array…) and the bound. */
  origin?: string;
  minimum?: number;
  maximum?: number;
  /** For the contract's own rules, which one (e.g. `shift_order`). */
  reason?: string;
}

/** What the UI needs to word a schema issue in the operator's language. */
export function inputIssue(i: z.core.$ZodIssue): InputIssue {
  const out: InputIssue = { path: i.path.map(String), message: i.message, code: i.code };
  if (i.code === 'too_small' || i.code === 'too_big') {
    out.origin = i.origin;
    const bound = i.code === 'too_small' ? i.minimum : i.maximum;
    if (typeof bound === 'number') out[i.code === 'too_small' ? 'minimum' : 'maximum'] = bound;
  }
  const reason = i.code === 'custom' ? (i.params as { reason?: unknown } | undefined)?.reason : undefined;
  if (typeof reason === 'string') out.reason = reason;
  return out;
}

/** An error a handler throws on purpose: it reaches the caller with its code and message. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? DEFAULT_ERROR_MESSAGES[code]);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toBody(): ErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
