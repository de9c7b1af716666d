import { describe, expect, it } from 'vitest';
import { GS, withCheckDigit } from '@shared/domain/gs1';
import { codesOfText } from './scanned';

describe('what a scan says about a pallet', () => {
  it('reads SSCC (00), GTIN (01) and lot (10) from GS1 element strings, and a bare 18-digit SSCC', () => {
    const sscc = withCheckDigit('37350000100000002')!;
    expect(codesOfText('wedge', `00${sscc}`)).toEqual({ sscc });
    expect(codesOfText('wedge', `0107350053850019109876${GS}`)).toMatchObject({ gtin: '7350053850019', lot: '9876' }); // GTIN-14 with a leading zero is the GTIN-13;
    expect(codesOfText('sim', sscc)).toEqual({ sscc });
  });

  it('ignores what is not a pallet code', () => {
    expect(codesOfText('wedge', 'PO-4711')).toEqual({});
    expect(codesOfText('wedge', '12345')).toEqual({});
  });
});
