import { describe, expect, it } from 'vitest';
import {
  INTERLOCK_REASONS,
  JOB_REASONS,
  STATION_REFUSALS,
  type PrinterRuntime,
  type PrinterStatus,
} from '@shared/contract';
import { ApiError } from '../../lib/api/client';
import type { Translate } from '../../lib/i18n';
import { en } from '../../lib/i18n/en';
import { sv } from '../../lib/i18n/sv';
import {
  INTERLOCK_REASON_KEYS,
  JOB_REASON_KEYS,
  STATION_REFUSAL_KEYS,
  doorRefusalText,
  jobReasonText,
  printerReasonText,
  printerReportText,
  stationRefusalText,
} from './core-reasons';

const translator =
  (dict: Record<string, string>): Translate =>
  (key, values) =>
    dict[key]!.replace(/\{(\w+)\}/g, (_, n: string) => String(values?.[n] ?? `{${n}}`));
const tEn = translator(en);
const tSv = translator(sv);
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('core reason codes → operator language', () => {
  it('has an English and a Swedish phrase for every code, with the same placeholders', () => {
    const keys = [
      ...STATION_REFUSALS.map((r) => STATION_REFUSAL_KEYS[r]),
      ...INTERLOCK_REASONS.map((r) => INTERLOCK_REASON_KEYS[r]),
      ...JOB_REASONS.map((r) => JOB_REASON_KEYS[r]),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) {
      expect(en[key].trim(), key).not.toBe('');
      expect(sv[key].trim(), key).not.toBe('');
      expect(sv[key], key).not.toBe(en[key]);
      expect(placeholders(sv[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('phrases station refusals with their values, and falls back to core’s English for unknown codes', () => {
    const unknown = {
      message: 'Nothing to print for "X-1": not an SSCC, appointment or known order.',
      reason: 'unknown_code' as const,
      reasonValues: { code: 'X-1' },
    };
    expect(stationRefusalText(unknown, tSv)).toBe(
      'Inget att skriva ut för ”X-1”: varken SSCC, bokning eller känd order.',
    );
    expect(
      stationRefusalText(
        { message: 'x', reason: 'order_not_found', reasonValues: { code: 'PO-1', ai: '400' } },
        tSv,
      ),
    ).toMatch(/ingen order PO-1 \(AI 400\)/);
    expect(
      stationRefusalText(
        { message: 'x', reason: 'printer_unusable', reasonValues: { printer: 'Dock 1' } },
        tEn,
      ),
    ).toBe('Dock 1 is switched off in Loadstar: activate it first.');
    // A code from a newer core, or none at all: core's English words.
    const newer = { message: 'Core says why', reason: 'brand_new' } as unknown as Parameters<
      typeof stationRefusalText
    >[0];
    expect(stationRefusalText(newer, tSv)).toBe('Core says why');
    expect(stationRefusalText({ message: 'Old core' }, tSv)).toBe('Old core');
  });

  it('phrases interlock refusals from the error details, else keeps the error message', () => {
    const refusal = new ApiError({
      code: 'conflict',
      message:
        'Door 01: The door can only open while the trailer restraint is engaged: engage the restraint first',
      details: { reason: 'restraint_not_engaged', doorId: 'd1', door: 'Door 01' },
    });
    expect(doorRefusalText(refusal, tSv)).toBe(
      'Door 01: porten kan bara öppnas när hjullåset är låst. Lås hjullåset först.',
    );
    const other = new ApiError({ code: 'device_offline', message: 'Dock I/O: no answer' });
    expect(doorRefusalText(other, tSv)).toBe('Dock I/O: no answer');
    const odd = new ApiError({
      code: 'conflict',
      message: 'English',
      details: { reason: 'nope', door: 'D' },
    });
    expect(doorRefusalText(odd, tSv)).toBe('English');
  });

  it('phrases a held printer from its status flags, most urgent first, else core’s reason', () => {
    const status: PrinterStatus = {
      paperOut: true,
      paused: true,
      headOpen: false,
      ribbonOut: false,
      bufferFull: false,
      labelsRemaining: 0,
      formatsInBuffer: 0,
      errors: ['paper out'],
      warnings: [],
      source: '~HS',
    };
    const held: PrinterRuntime = {
      printerId: 'p',
      activity: 'held',
      reason: 'paper out: load labels',
      status,
      at: 0,
    };
    expect(printerReasonText(held, tSv)).toBe('Slut på papper: fyll på etiketter.');
    expect(printerReasonText({ ...held, status: { ...status, paperOut: false } }, tSv)).toMatch(/^Pausad/);
    expect(
      printerReasonText(
        { ...held, status: { ...status, paperOut: false, paused: false }, reason: 'x: y' },
        tSv,
      ),
    ).toBe('x: y');
    expect(printerReasonText({ ...held, activity: 'offline', status: null, reason: 'no route' }, tSv)).toBe(
      'no route',
    );
    expect(printerReasonText({ ...held, activity: 'idle' }, tSv)).toBeNull();
  });

  it('phrases job reasons from their code; old jobs without one keep core’s words', () => {
    const job = { state: 'uncertain' as const, reason: 'connection reset. The label may…', reasonCode: null };
    expect(jobReasonText({ ...job, reasonCode: 'connection_lost' }, tSv)).toBe(sv['jobs.uncertainHint']);
    expect(jobReasonText({ ...job, reasonCode: 'interrupted' }, tSv)).toMatch(/^Loadstar stoppades/);
    expect(jobReasonText(job, tSv)).toBe(sv['jobs.uncertainHint']);
    expect(jobReasonText({ state: 'failed', reason: 'lp: queue disabled', reasonCode: null }, tSv)).toBe(
      'lp: queue disabled',
    );
    expect(jobReasonText({ state: 'failed', reason: 'x', reasonCode: 'printer_refused' }, tEn)).toBe(
      'The print system refused this label: it was not printed.',
    );
    expect(jobReasonText({ state: 'printed', reason: null }, tEn)).toBeNull();
  });

  it('lists what the printer reports: flags in the operator’s language, other conditions as core words them', () => {
    const status: PrinterStatus = {
      paperOut: true,
      paused: true,
      headOpen: false,
      ribbonOut: false,
      bufferFull: false,
      labelsRemaining: 0,
      formatsInBuffer: 0,
      errors: ['paper out', 'paused', 'corrupt RAM'],
      warnings: ['under temperature'],
      source: '~HS',
    };
    expect(printerReportText(status, tSv)).toBe('Slut på papper, Pausad, corrupt RAM, under temperature');
    expect(printerReportText(status, tEn)).toBe('Paper out, Paused, corrupt RAM, under temperature');
  });
});
