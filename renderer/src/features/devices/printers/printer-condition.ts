import type { Printer, PrinterRuntime } from '@shared/contract';

export type Tone = 'ok' | 'warn' | 'danger' | 'busy' | 'muted';

/** One thing an operator should know about a printer right now, most urgent first. */
export interface PrinterCondition {
  key:
    | 'offline'
    | 'paperOut'
    | 'headOpen'
    | 'ribbonOut'
    | 'paused'
    | 'bufferFull'
    | 'error'
    | 'held'
    | 'printing'
    | 'ready'
    | 'inactive';
  tone: Tone;
}

/**
 * The printer's state as badges. Media, head and ribbon problems come from the parsed status;
 * "offline" from the queue worker, which cannot reach it. A held queue without a status flag
 * (e.g. a `~HQES`-only fault) still shows as held, with the worker's reason next to it.
 */
export function printerConditions(runtime: PrinterRuntime, active = true): PrinterCondition[] {
  if (!active) return [{ key: 'inactive', tone: 'muted' }];
  if (runtime.activity === 'offline') return [{ key: 'offline', tone: 'danger' }];
  const s = runtime.status;
  const out: PrinterCondition[] = [];
  if (s?.paperOut) out.push({ key: 'paperOut', tone: 'danger' });
  if (s?.headOpen) out.push({ key: 'headOpen', tone: 'danger' });
  if (s?.ribbonOut) out.push({ key: 'ribbonOut', tone: 'danger' });
  if (s?.paused) out.push({ key: 'paused', tone: 'warn' });
  if (s?.bufferFull) out.push({ key: 'bufferFull', tone: 'warn' });
  if (out.length > 0) return out;
  if (runtime.activity === 'error') return [{ key: 'error', tone: 'danger' }];
  if (runtime.activity === 'held') return [{ key: 'held', tone: 'warn' }];
  if (runtime.activity === 'printing') return [{ key: 'printing', tone: 'busy' }];
  return [{ key: 'ready', tone: 'ok' }];
}

/** The most urgent tone, for the card's edge colour. */
export function printerTone(printer: Pick<Printer, 'runtime' | 'active'>): Tone {
  return printerConditions(printer.runtime, printer.active)[0]!.tone;
}
