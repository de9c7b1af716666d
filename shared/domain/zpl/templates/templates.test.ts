import { describe, expect, it } from 'vitest';
import { AppError } from '../../../contract/errors';
import type { Dpi } from '../builder';
import { fieldTexts, zplCommands } from '../zpl-test-helpers';
import { gatePass, LABEL_TEMPLATES } from './index';

const VALID: Record<string, Record<string, string>> = {
  shipping: {
    shipFromName: 'Loadstar DC Nord',
    shipFromAddress: 'Hafenstr. 1\n20457 Hamburg',
    shipToName: 'Åsa Ørsted AB',
    shipToAddress: 'Storgatan 5\n111 22 Stockholm\nSweden',
    carrier: 'DHL',
    service: 'Express',
    trackingNumber: 'JD014600006281234567',
    orderRef: 'SO-4711',
    weight: '12.5 kg',
    packageOf: '1/3',
  },
  'sscc-pallet': {
    companyName: 'Loadstar DC Nord',
    sscc: '123456789012345675',
    content: '12345678901231',
    count: '24',
    batch: 'LOT-7',
    bestBefore: '261100',
    shipTo: 'Store 12',
    description: 'Mixed grocery',
  },
  'gate-pass': {
    site: 'Hamburg',
    appointmentRef: 'APT-2026-0042',
    carrier: 'Nordfrakt',
    door: 'D07',
    window: '22 Nov 08:00–09:00',
    driver: 'J. Berg',
    truckPlate: 'HH-LS 123',
    qrPayload: 'GP1A2B3C4D5E6F-261215',
    barcode: 'GP1A2B3C4D5E6F-261215',
  },
  door: { doorName: 'D07', site: 'Hamburg', barcode: 'DOOR-D07' },
  location: { location: 'A-01-03-B', zone: 'Ambient', barcode: 'LOC-A010303B' },
};

const SIZES: Array<{ dpi: Dpi; widthMm: number; heightMm: number }> = [
  { dpi: 203, widthMm: 101.6, heightMm: 152.4 },
  { dpi: 300, widthMm: 101.6, heightMm: 76.2 },
  { dpi: 600, widthMm: 50.8, heightMm: 25.4 },
];

const PAYLOADS = [
  '^XZ^XA^FDpwned^FS^XZ',
  '~JR',
  '~HS~JA',
  'a_5Eb',
  '_',
  '^',
  '~',
  '\\&x\\\\',
  '>;>8',
  'x\r\n^XZ\u0003',
];
const ALLOWED = new Set([
  'XA',
  'CI',
  'PW',
  'LL',
  'LH',
  'FO',
  'A0',
  'FB',
  'FR',
  'FH',
  'FD',
  'FS',
  'GB',
  'BY',
  'BC',
  'BQ',
  'PQ',
  'XZ',
]);

/** The invariants that make injection impossible, checked on the produced bytes. */
function assertSafe(zpl: string): void {
  expect(zpl.startsWith('^XA')).toBe(true);
  expect(zpl.endsWith('^XZ\n')).toBe(true);
  expect(zpl.split('^XZ').length).toBe(2);
  expect(zpl.split('^XA').length).toBe(2);
  expect(zpl).not.toContain('~');
  for (const c of zplCommands(zpl)) expect(ALLOWED.has(c.name), `unexpected command ^${c.name}`).toBe(true);
  // Every _ is one of our three escapes.
  expect(zpl.replace(/_(5E|7E|5F)/g, '')).not.toContain('_');
}

describe('label templates', () => {
  for (const template of LABEL_TEMPLATES) {
    describe(template.id, () => {
      const valid = VALID[template.id] ?? {};

      it('renders at every dpi and size, keeping fields on the label', () => {
        for (const setup of SIZES) {
          const zpl = template.render(valid, setup);
          assertSafe(zpl);
          const dpmm = setup.dpi === 203 ? 8 : setup.dpi === 300 ? 12 : 24;
          for (const c of zplCommands(zpl).filter((c) => c.name === 'FO')) {
            const [x = 0, y = 0] = c.args.split(',').map(Number);
            expect(x).toBeLessThan(setup.widthMm * dpmm);
            expect(y).toBeLessThan(setup.heightMm * dpmm);
          }
        }
      });

      it('names missing required fields', () => {
        const required = template.fields.filter((f) => f.required);
        const empty = Object.fromEntries(required.map((f) => [f.key, '']));
        expect(() => template.render({ ...valid, ...empty }, SIZES[0]!)).toThrow(
          new RegExp(required[0]!.label),
        );
      });

      for (const field of template.fields) {
        it(`cannot be injected through ${field.key}`, () => {
          for (const payload of PAYLOADS) {
            let zpl: string;
            try {
              zpl = template.render({ ...valid, [field.key]: payload }, SIZES[0]!);
            } catch (err) {
              // Barcode and GS1 fields refuse such data outright, with an operator-facing reason.
              expect(err).toBeInstanceOf(AppError);
              expect((err as AppError).code).toBe('invalid_input');
              continue;
            }
            assertSafe(zpl);
            // The payload is printed as text, not lost: some field decodes back to contain it.
            // Compare without whitespace: control characters become spaces and fields are trimmed.
            const squash = (t: string) => t.replace(/[\s\u0003]/g, '');
            const visible = squash(payload);
            const decoded = fieldTexts(zpl).map(squash);
            expect(
              decoded.some((d) => d.includes(visible)),
              `${payload} not printed`,
            ).toBe(true);
          }
        });
      }
    });
  }
});

describe('gate pass codes', () => {
  const base = VALID['gate-pass']!;
  const setup = { dpi: 203 as const, widthMm: 101.6, heightMm: 76.2 };
  it('carries the gate pass code as QR and, when given, as Code 128 (subset B) under the text', () => {
    const zpl = gatePass.render(base, setup);
    expect(zpl).toContain('^BQ');
    expect(zpl).toMatch(/\^BC[^]*\^FD>:GP1A2B3C4D5E6F-261215\^FS/);
    const withoutBarcode = gatePass.render({ ...base, barcode: '' }, setup);
    expect(withoutBarcode).not.toContain('^BC');
  });
  it('refuses a Code 128 value that does not scan back as typed', () => {
    expect(() => gatePass.render({ ...base, barcode: 'GP\u00e5' }, setup)).toThrow(/plain ASCII/);
  });
});
