import { describe, expect, it } from 'vitest';
import { toScanEvent } from '../../../../shared/domain/gs1';
import { labelForScan, type StationContext } from './label-for-scan';

const ctx: StationContext = {
  setup: { dpi: 203, widthMm: 101.6, heightMm: 152.4 },
  companyName: 'Loadstar DC',
  appointment: async (ref) =>
    ref === 'APT-42'
      ? {
          site: 'HH',
          appointmentRef: ref,
          carrier: 'Nordfrakt',
          door: 'D07',
          window: '08:00–09:00',
          qrPayload: `loadstar:appointment:${ref}`,
        }
      : null,
  order: async () => null,
};

describe('labelForScan', () => {
  it('prints the pallet label for an SSCC scan, with its other AIs', async () => {
    const r = await labelForScan(toScanEvent('s', ']C100123456789012345675\u001d3724', 0, 2026), ctx);
    expect(r).toMatchObject({ ok: true, template: 'sscc-pallet', title: 'Pallet 123456789012345675' });
    if (r.ok) expect(r.zpl).toContain('COUNT: 24');
  });

  it('prints a gate pass for an appointment QR and explains unknown scans', async () => {
    expect(await labelForScan(toScanEvent('s', ']Q1loadstar:appointment:APT-42', 0), ctx)).toMatchObject({
      ok: true,
      template: 'gate-pass',
    });
    expect(await labelForScan(toScanEvent('s', 'APT-99', 0), ctx)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/No appointment APT-99/),
    });
    expect(await labelForScan(toScanEvent('s', 'XYZ', 0), ctx)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Nothing to print/),
    });
    expect(await labelForScan(toScanEvent('s', ']C100123456789012345670', 0), ctx)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/check digit/),
    });
  });
});
