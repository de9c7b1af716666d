import { describe, expect, it } from 'vitest';
import type { StationScanResult } from '@shared/contract';
import {
  entryTone,
  initialStation,
  STATION_KEEP,
  stationReducer,
  type StationState,
} from './station-history';

const result = (ok: boolean, jobId: string | null = 'j1'): StationScanResult => ({
  ok,
  message: ok ? 'Printed pallet label' : 'Nothing to print',
  scan: {
    id: 's1',
    source: 'wedge',
    sourceName: 'Keyboard scanner',
    symbology: 'unknown',
    aim: null,
    raw: 'X',
    ais: null,
    gs1Error: null,
    at: 0,
  },
  printed:
    ok && jobId
      ? { jobId, template: 'sscc-pallet', title: 'Pallet', printerId: 'p', printerName: 'Zebra' }
      : null,
});

const scanned = (s: StationState, key: string) =>
  stationReducer(s, { type: 'scanned', key, code: key, at: 0 });

describe('stationReducer', () => {
  it('follows a scan from pending to printed', () => {
    let s = scanned(initialStation, 'a');
    expect(entryTone(s.entries[0])).toBe('working');
    s = stationReducer(s, { type: 'answered', key: 'a', result: result(true) });
    expect(s.entries[0]?.job).toEqual({ state: 'queued', reason: null });
    expect(entryTone(s.entries[0])).toBe('working');
    s = stationReducer(s, { type: 'job', job: { id: 'j1', state: 'printed', reason: null } });
    expect(entryTone(s.entries[0])).toBe('ok');
  });

  it('keeps a job event that arrives before the answer naming the job', () => {
    let s = scanned(initialStation, 'a');
    s = stationReducer(s, { type: 'job', job: { id: 'j1', state: 'uncertain', reason: 'connection reset' } });
    s = stationReducer(s, { type: 'answered', key: 'a', result: result(true) });
    expect(s.entries[0]?.job).toEqual({ state: 'uncertain', reason: 'connection reset' });
    expect(entryTone(s.entries[0])).toBe('warn');
  });

  it('shows a refused scan and a failed request as bad', () => {
    let s = scanned(initialStation, 'a');
    s = stationReducer(s, { type: 'answered', key: 'a', result: result(false) });
    expect(entryTone(s.entries[0])).toBe('bad');
    s = scanned(s, 'b');
    s = stationReducer(s, { type: 'failed', key: 'b', error: 'offline' });
    expect(s.entries[0]).toMatchObject({ status: 'error', error: 'offline' });
    expect(entryTone(undefined)).toBe('idle');
  });

  it('keeps only the last few scans, newest first, and a bounded job memory', () => {
    let s = initialStation;
    for (let i = 0; i < STATION_KEEP + 3; i++) s = scanned(s, `k${i}`);
    expect(s.entries).toHaveLength(STATION_KEEP);
    expect(s.entries[0]?.key).toBe(`k${STATION_KEEP + 2}`);
    for (let i = 0; i < 100; i++)
      s = stationReducer(s, { type: 'job', job: { id: `j${i}`, state: 'printed', reason: null } });
    expect(Object.keys(s.jobs)).toHaveLength(64);
    expect(s.jobs.j99).toBeDefined();
  });
});
