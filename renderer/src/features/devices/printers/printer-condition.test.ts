import { describe, expect, it } from 'vitest';
import type { PrinterRuntime, PrinterStatus } from '@shared/contract';
import { printerConditions, printerTone } from './printer-condition';

const status = (flags: Partial<PrinterStatus> = {}): PrinterStatus => ({
  paperOut: false,
  paused: false,
  headOpen: false,
  ribbonOut: false,
  bufferFull: false,
  labelsRemaining: 0,
  formatsInBuffer: 0,
  errors: [],
  warnings: [],
  source: '~HS',
  ...flags,
});
const rt = (activity: PrinterRuntime['activity'], s: PrinterStatus | null = status()): PrinterRuntime => ({
  printerId: 'p',
  activity,
  reason: null,
  status: s,
  at: 0,
});
const keys = (r: PrinterRuntime, active = true) => printerConditions(r, active).map((c) => c.key);

describe('printerConditions', () => {
  it('is ready when idle with a clean status, or with no status at all (CUPS, device file)', () => {
    expect(keys(rt('idle'))).toEqual(['ready']);
    expect(keys(rt('idle', null))).toEqual(['ready']);
    expect(printerTone({ runtime: rt('idle'), active: true })).toBe('ok');
  });

  it('lists every media/head problem, most urgent first, and paper-out with paused as real printers send it', () => {
    expect(keys(rt('held', status({ paperOut: true, paused: true })))).toEqual(['paperOut', 'paused']);
    expect(keys(rt('held', status({ headOpen: true, ribbonOut: true })))).toEqual(['headOpen', 'ribbonOut']);
    expect(printerTone({ runtime: rt('held', status({ paused: true })), active: true })).toBe('warn');
  });

  it('says offline when the worker cannot reach it, whatever the last status said', () => {
    expect(keys(rt('offline', status({ paperOut: true })))).toEqual(['offline']);
  });

  it('shows a held queue even without a flag, and printing while busy', () => {
    expect(keys(rt('held'))).toEqual(['held']);
    expect(keys(rt('error', null))).toEqual(['error']);
    expect(keys(rt('printing'))).toEqual(['printing']);
  });

  it('a deactivated printer is only that', () => {
    expect(keys(rt('offline'), false)).toEqual(['inactive']);
  });
});
