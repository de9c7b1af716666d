import { describe, expect, it } from 'vitest';
import { toScanEvent } from '@shared/domain/gs1';
import { sampleScans } from './sample-scans';

describe('sampleScans', () => {
  it('the good samples parse as GS1 and the bad ones fail for the reason they are named after', () => {
    const byKey = Object.fromEntries(
      sampleScans('PO-1').map((s) => [s.key, toScanEvent('sim', s.data, 0, 2026)]),
    );
    expect(byKey.sscc?.ais?.map((e) => e.ai)).toEqual(['00', '37']);
    expect(byKey.carton?.ais?.map((e) => e.ai)).toEqual(['01', '10', '15']);
    expect(byKey.appointment?.raw).toBe('loadstar:appointment:APT-PO-1');
    expect(byKey.badCheck?.gs1Error).toMatch(/check digit/i);
    expect(byKey.unknownAi?.gs1Error).toMatch(/application identifier/);
  });

  it('offers no appointment sample without an appointment', () => {
    expect(sampleScans(null).map((s) => s.key)).not.toContain('appointment');
  });
});
