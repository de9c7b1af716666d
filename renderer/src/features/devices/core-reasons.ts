import {
  INTERLOCK_REASONS,
  JOB_REASONS,
  type JobReason,
  type PrintJob,
  STATION_REFUSALS,
  type InterlockReason,
  type PrinterRuntime,
  type PrinterStatus,
  type StationRefusal,
  type StationScanResult,
} from '@shared/contract';
import type { Translate } from '../../lib/i18n';
import type { MessageKey } from '../../lib/i18n/en';
import { ApiError } from '../../lib/api/client';

/*
 * Core answers in English and adds a machine-readable reason code; the operator reads the phrase
 * of their language. The records below are typed over the contract's closed sets, so a new code
 * does not compile until it has a phrase (and `messages-sv.ts` must have every key). An answer
 * without a code this build knows falls back to core's English text.
 */

export const STATION_REFUSAL_KEYS: Record<StationRefusal, MessageKey> = {
  no_printer: 'station.refusal.no_printer',
  printer_unusable: 'station.refusal.printer_unusable',
  invalid_barcode: 'station.invalidBarcode',
  unknown_code: 'station.refusal.unknown_code',
  appointment_not_found: 'station.refusal.appointment_not_found',
  order_not_found: 'station.refusal.order_not_found',
  gs1_nothing_to_print: 'station.refusal.gs1_nothing_to_print',
  order_no_address: 'station.refusal.order_no_address',
  order_reference_too_long: 'station.refusal.order_reference_too_long',
  no_depot_address: 'station.refusal.no_depot_address',
};

export const INTERLOCK_REASON_KEYS: Record<InterlockReason, MessageKey> = {
  restraint_not_engaged: 'io.refusal.restraint_not_engaged',
  green_needs_restraint: 'io.refusal.green_needs_restraint',
  leveler_not_stored: 'io.refusal.leveler_not_stored',
  door_not_closed: 'io.refusal.door_not_closed',
  fault: 'io.refusal.fault',
};

export const JOB_REASON_KEYS: Record<JobReason, MessageKey> = {
  connection_lost: 'jobs.uncertainHint',
  interrupted: 'jobs.reason.interrupted',
  printer_refused: 'jobs.reason.printer_refused',
  not_sent: 'jobs.reason.not_sent',
  cancelled: 'jobs.reason.cancelled',
};

const isJobReason = (v: unknown): v is JobReason => JOB_REASONS.some((r) => r === v);
const isStationRefusal = (v: unknown): v is StationRefusal => STATION_REFUSALS.some((r) => r === v);
const isInterlockReason = (v: unknown): v is InterlockReason => INTERLOCK_REASONS.some((r) => r === v);

/** Why a station scan printed nothing, in the operator's language. */
export function stationRefusalText(
  result: Pick<StationScanResult, 'message' | 'reason' | 'reasonValues'>,
  t: Translate,
): string {
  if (!isStationRefusal(result.reason)) return result.message;
  const v = result.reasonValues ?? {};
  return t(STATION_REFUSAL_KEYS[result.reason], {
    code: v.code ?? '',
    printer: v.printer ?? '',
    ai: v.ai ?? '',
  });
}

/** A refused door command: the interlock rule in the operator's language, else core's words. */
export function doorRefusalText(err: unknown, t: Translate): string {
  if (err instanceof ApiError && err.details && typeof err.details === 'object') {
    const d = err.details as { reason?: unknown; door?: unknown };
    if (isInterlockReason(d.reason) && typeof d.door === 'string')
      return t(INTERLOCK_REASON_KEYS[d.reason], { door: d.door });
  }
  return err instanceof Error ? err.message : String(err);
}

/** Status flags core parsed from `~HS`, most urgent first, as core's hold reasons order them. */
const HOLD_FLAGS = [
  ['paperOut', 'printer.reason.paperOut'],
  ['ribbonOut', 'printer.reason.ribbonOut'],
  ['headOpen', 'printer.reason.headOpen'],
  ['paused', 'printer.reason.paused'],
  ['bufferFull', 'printer.reason.bufferFull'],
] as const satisfies ReadonlyArray<readonly [string, MessageKey]>;

/**
 * Why a printer's queue is held, phrased from its status flags; other reasons (unreachable,
 * a `~HQES`-only fault) are core's English words. Null when there is nothing to say.
 */
export function printerReasonText(runtime: PrinterRuntime, t: Translate): string | null {
  if (runtime.activity === 'idle' || !runtime.reason) return null;
  if (runtime.activity === 'held' && runtime.status) {
    const status = runtime.status;
    const flag = HOLD_FLAGS.find(([f]) => status[f]);
    if (flag) return t(flag[1]);
  }
  return runtime.reason;
}

/** Why a job ended as it did (or waits again), in the operator's language; null when it has no reason. */
export function jobReasonText(
  job: Pick<PrintJob, 'state' | 'reason' | 'reasonCode'>,
  t: Translate,
): string | null {
  if (isJobReason(job.reasonCode)) return t(JOB_REASON_KEYS[job.reasonCode]);
  // Jobs from before reason codes: an uncertain one still gets the operator's advice.
  if (job.state === 'uncertain') return t('jobs.uncertainHint');
  return job.reason;
}

/** Flag → its badge name, and the English word core's status parser lists the flag under. */
const REPORTED_FLAGS = [
  ['paperOut', 'printer.state.paperOut', 'paper out'],
  ['ribbonOut', 'printer.state.ribbonOut', 'ribbon out'],
  ['headOpen', 'printer.state.headOpen', 'head open'],
  ['paused', 'printer.state.paused', 'paused'],
  ['bufferFull', 'printer.state.bufferFull', 'receive buffer full'],
] as const satisfies ReadonlyArray<readonly [keyof PrinterStatus, MessageKey, string]>;

/**
 * Everything the printer reports, for "The printer reports": the flagged conditions in the
 * operator's language, then any other condition (e.g. "corrupt RAM") in core's words.
 */
export function printerReportText(status: PrinterStatus, t: Translate): string {
  const flagged = REPORTED_FLAGS.filter(([flag]) => status[flag]);
  const named = new Set<string>(flagged.map(([, , english]) => english));
  const other = [...status.errors, ...status.warnings].filter((e) => !named.has(e));
  return [...flagged.map(([, key]) => t(key)), ...other].join(', ');
}
