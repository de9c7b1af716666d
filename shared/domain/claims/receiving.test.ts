import { describe, expect, it } from 'vitest';
import type { ExpectedLine, ReceiptPallet } from '../../contract/claims';
import { receiptBalance } from './receiving';

const line = (x: Partial<ExpectedLine>): ExpectedLine => ({ sscc: null, gtin: null, lot: null, description: '', quantity: 1, ...x });
const pallet = (x: Partial<ReceiptPallet>): ReceiptPallet => ({
  id: Math.random().toString(36),
  sscc: null,
  gtin: null,
  lot: null,
  quantity: 1,
  condition: 'ok',
  note: '',
  photos: [],
  at: 0,
  by: 'Anna',
  ...x,
});

describe('receipt balance', () => {
  it('against an ASN: by SSCC, by GTIN and lot; unexpected pallets are over, missing ones short', () => {
    const expected = [line({ sscc: '1'.repeat(18) }), line({ sscc: '2'.repeat(18) }), line({ gtin: '7350053850019', lot: 'A', quantity: 3 })];
    const b = receiptBalance(expected, [
      pallet({ sscc: '1'.repeat(18) }),
      pallet({ sscc: '9'.repeat(18) }),
      pallet({ gtin: '7350053850019', lot: 'A', quantity: 2, condition: 'damaged' }),
      pallet({ gtin: '7350053850019', lot: 'B' }),
    ]);
    expect(b.lines.map((l) => [l.received, l.short, l.damaged])).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [2, 1, 2],
    ]);
    expect(b).toMatchObject({ over: 2, short: 2, damaged: 2, exceptions: 6 });
  });

  it('more than expected on a line is over', () => {
    const b = receiptBalance([line({ gtin: '7350053850019', quantity: 2 })], [pallet({ gtin: '7350053850019', quantity: 5 })]);
    expect(b).toMatchObject({ over: 3, short: 0 });
  });

  it('without an ASN only what the operator marked counts', () => {
    const b = receiptBalance([], [
      pallet({ sscc: '1'.repeat(18) }),
      pallet({ sscc: '2'.repeat(18), condition: 'damaged' }),
      pallet({ condition: 'short', quantity: 2 }),
      pallet({ sscc: '3'.repeat(18), condition: 'over' }),
    ]);
    expect(b).toMatchObject({ over: 1, short: 2, damaged: 1, exceptions: 4 });
  });
});
