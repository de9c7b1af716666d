import { describe, expect, it } from 'vitest';
import { toScanEvent } from '@shared/domain/gs1';
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

describe('labelForScan with orders', () => {
  const asked: string[] = [];
  const withOrders: StationContext = {
    ...ctx,
    order: async (ref) => {
      asked.push(ref);
      return ref === 'PO-7' || ref === '4001234567890123'
        ? {
            shipFromName: 'DC',
            shipFromAddress: 'Road 1',
            shipToName: 'Shop',
            shipToAddress: 'Street 2',
            carrier: 'Own fleet',
            trackingNumber: ref,
            orderRef: ref,
          }
        : null;
    },
  };

  it('looks up the AI 400 order number of a GS1 scan, and names the AI when it is unknown', async () => {
    asked.length = 0;
    expect(await labelForScan(toScanEvent('s', ']C1400PO-7', 0), withOrders)).toMatchObject({
      ok: true,
      template: 'shipping',
      title: 'Shipping PO-7',
    });
    expect(await labelForScan(toScanEvent('s', ']C1401PO-8', 0), withOrders)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/no order PO-8 \(AI 401\)/),
    });
    // GS1 data without an SSCC or order number is not looked up as an order reference.
    expect(await labelForScan(toScanEvent('s', ']C10104012345678901', 0), withOrders)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/no SSCC \(AI 00\) or order number/),
      reason: 'gs1_nothing_to_print',
    });
    expect(asked).toEqual(['PO-7', 'PO-8']);
  });

  it('still tries a plain numeric reference that happens to parse as GS1', async () => {
    // "4001234567890123" without an AIM identifier parses as AI 400 = 1234567890123.
    expect(await labelForScan(toScanEvent('s', '4001234567890123', 0), withOrders)).toMatchObject({
      ok: true,
      title: 'Shipping 4001234567890123',
    });
  });
});
