import { describe, expect, it } from 'vitest';
import type { Claim } from '@shared/contract';
import { toCsv } from '@shared/export/csv';
import { toXlsx } from '@shared/export/xlsx';
import { unzipSync, strFromU8 } from 'fflate';
import { en } from '../../lib/i18n/en';
import { claimsTables } from './claims-export';

const t = (key: keyof typeof en, values?: Record<string, string | number>) =>
  en[key].replace(/\{(\w+)\}/g, (_, k: string) => String(values?.[k] ?? ''));

const claim = {
  id: 'c1',
  number: 'CLM-0A1B2C3D',
  type: 'damage_apparent',
  status: 'denied',
  carrierName: '=HYPERLINK("x")',
  regime: 'cmr',
  country: 'SE',
  deliveredOn: '2026-04-01',
  shippedOn: null,
  filedOn: '2026-04-02',
  shipmentRef: 'CMR 1',
  appointmentId: null,
  receiptId: null,
  ssccs: ['373500001000000025'],
  description: '',
  language: 'en',
  currency: 'SEK',
  lines: [
    { description: 'Glassware', sscc: '373500001000000025', quantity: 40, unitValueMinor: 12_550, claimedMinor: 502_000 },
    { description: 'Repacking', sscc: null, quantity: 1, unitValueMinor: 80_000, claimedMinor: 80_000 },
  ],
  claimedMinor: 582_000,
  approvedMinor: 0,
  paidMinor: null,
  denial: { reason: 'insufficient_packaging', note: '', on: '2026-05-04' },
  appeal: null,
  wilful: false,
  notes: [],
  attachments: [],
  history: [],
  createdAt: 1,
  createdBy: 'Anna',
  updatedAt: 2,
} satisfies Claim;

describe('claims export', () => {
  it('one row per claim and per line, amounts in kronor, headings and names in the UI language', () => {
    const { claims, lines } = claimsTables([claim], t as never);
    expect(claims.rows).toEqual([
      [
        'CLM-0A1B2C3D',
        '=HYPERLINK("x")',
        'Damage (apparent)',
        'Denied',
        'CMR 1',
        '2026-04-01',
        '2026-04-02',
        'SEK',
        5820,
        0,
        null,
        'Insufficient packaging',
        '373500001000000025',
      ],
    ]);
    expect(lines.rows).toEqual([
      ['CLM-0A1B2C3D', '=HYPERLINK("x")', 'Glassware', '373500001000000025', 40, 'SEK', 125.5, 5020],
      ['CLM-0A1B2C3D', '=HYPERLINK("x")', 'Repacking', null, 1, 'SEK', 800, 800],
    ]);
    // The shared exporter neutralises the carrier name a spreadsheet would run as a formula.
    const csv = toCsv(claims);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv.split('\r\n')[0]).toContain('Claim,Carrier,Type,Status');
  });

  it('writes both sheets to one workbook', async () => {
    const { claims, lines } = claimsTables([claim], t as never);
    const files = unzipSync(await toXlsx([claims, lines]));
    const workbook = strFromU8(files['xl/workbook.xml']!);
    expect(workbook).toContain('name="Claims"');
    expect(workbook).toContain('name="Claim lines"');
  });
});
