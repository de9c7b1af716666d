import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../import/csv';
import { asnFromCsv } from './asn';

describe('ASN lines from CSV', () => {
  it('reads English or Swedish headers, semicolons, SSCC or GTIN with lot and quantity', () => {
    const csv = 'Pall;EAN;Parti;Beskrivning;Antal\r\n373500001000000018;;;Glas;\r\n;7350053850019;A12;Vas, röd;3\r\n';
    expect(asnFromCsv(parseCsv(csv), 300)).toEqual({
      expected: [
        { sscc: '373500001000000018', gtin: null, lot: null, description: 'Glas', quantity: 1 },
        { sscc: null, gtin: '7350053850019', lot: 'A12', description: 'Vas, röd', quantity: 3 },
      ],
      problems: [],
    });
  });

  it('reports each bad row by its number and takes nothing from a file with problems', () => {
    const csv = 'sscc,gtin,quantity\n12345,,1\n,73500538,x\n,,2\n373500001000000018,,1\n';
    const r = asnFromCsv(parseCsv(csv), 300);
    expect(r.expected).toEqual([]);
    expect(r.problems).toEqual([
      { row: 2, problem: 'bad_sscc', value: '12345' },
      { row: 3, problem: 'bad_quantity', value: 'x' },
      { row: 4, problem: 'nothing_to_match' },
    ]);
    expect(asnFromCsv(parseCsv('name,weight\nA,1\n'), 300).problems).toEqual([{ row: 1, problem: 'no_columns' }]);
    expect(asnFromCsv(parseCsv('sscc\n373500001000000018\n373500001000000025\n'), 1).problems).toMatchObject([{ problem: 'too_many' }]);
  });
});
