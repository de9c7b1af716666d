import { describe, expect, it } from 'vitest';
import { decodeText, detectSeparator, parseCsv } from '@shared/import/csv';
import { parseNumber, parseTimeOfDay, readRow, suggestMapping } from './rows';

describe('CSV', () => {
  it('reads quotes, embedded separators, quotes and newlines, CRLF, BOM', () => {
    const t = parseCsv('\ufeffref,customer,notes\r\n1,"Berg, AB","say ""hi""\nat door"\r\n\r\n2,Ek,\n');
    expect(t.separator).toBe(',');
    expect(t.rows).toEqual([
      ['ref', 'customer', 'notes'],
      ['1', 'Berg, AB', 'say "hi"\nat door'],
      ['2', 'Ek', ''],
    ]);
    // The blank record is skipped but the numbering still matches the spreadsheet.
    expect(t.rowNumbers).toEqual([1, 2, 4]);
  });

  it('detects Swedish Excel semicolons and reads decimal commas', () => {
    const text = 'Ordernr;Kund;Vikt;Lat;Lon\nSO-1;Åkes Livs;12,5;57,78;14,16\n';
    expect(detectSeparator(text)).toBe(';');
    const t = parseCsv(text);
    expect(t.rows[1]).toEqual(['SO-1', 'Åkes Livs', '12,5', '57,78', '14,16']);
    expect(parseNumber('12,5')).toBe(12.5);
    expect(parseNumber('1 234,5')).toBe(1234.5);
    expect(parseNumber('1.234,5')).toBe(1234.5);
    expect(parseNumber('1,234.5')).toBe(1234.5);
    expect(parseNumber('12kg')).toBeNull();
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('1e3')).toBe(1000);
  });

  it('tab separators and a lone last line without newline', () => {
    expect(parseCsv('a\tb\n1\t2').rows).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('decodes Windows-1252 when the bytes are not UTF-8', () => {
    const bytes = new Uint8Array([0x4a, 0xf6, 0x6e, 0x6b, 0xf6, 0x70, 0x69, 0x6e, 0x67]); // "Jönköping" in cp1252
    expect(decodeText(bytes)).toBe('Jönköping');
    expect(decodeText(new TextEncoder().encode('Jönköping'))).toBe('Jönköping');
  });

  it('reads times as people and Excel write them', () => {
    expect(parseTimeOfDay('9')).toBe(540);
    expect(parseTimeOfDay('09:30')).toBe(570);
    expect(parseTimeOfDay('9.30')).toBe(570);
    expect(parseTimeOfDay('0930')).toBe(570);
    expect(parseTimeOfDay('2026-11-23 14:15')).toBe(855);
    expect(parseTimeOfDay('0.375')).toBe(540);
    expect(parseTimeOfDay('24:00')).toBe(1440);
    expect(parseTimeOfDay('25:00')).toBeNull();
    expect(parseTimeOfDay('noon')).toBeNull();
  });
});

describe('column mapping and rows', () => {
  const dims = ['kg', 'm3', 'pallets'];

  it('suggests a mapping from English and Swedish headers', () => {
    const m = suggestMapping(
      [
        'Ordernr',
        'Kund',
        'Adress',
        'Latitud',
        'Longitud',
        'Från',
        'Till',
        'Vikt (kg)',
        'Pallar',
        'Volym m3',
        'Kommentar',
      ],
      dims,
    );
    expect(m.fields).toMatchObject({
      reference: 'Ordernr',
      customer: 'Kund',
      address: 'Adress',
      lat: 'Latitud',
      lon: 'Longitud',
      windowStart: 'Från',
      windowEnd: 'Till',
      notes: 'Kommentar',
    });
    expect(m.dimensions).toEqual({ kg: 'Vikt (kg)', pallets: 'Pallar', m3: 'Volym m3' });
  });

  it('reads a combined demand text and refuses undeclared dimensions in it', () => {
    const mapping = { fields: { reference: 'ref', lat: 'lat', lon: 'lon', demand: 'load' }, dimensions: {} };
    const good = readRow(
      2,
      { ref: 'A', lat: '57.7', lon: '14.1', load: '1,5 m3, 120 kg + 2 pall' },
      mapping,
      dims,
    );
    expect(good.errors).toEqual([]);
    expect(good.order!.demand).toEqual({ m3: 1.5, kg: 120, pallets: 2 });
    const bad = readRow(3, { ref: 'B', lat: '57.7', lon: '14.1', load: '3 crates' }, mapping, dims);
    expect(bad.order).toBeNull();
    expect(bad.errors[0]).toMatchObject({
      row: 3,
      column: 'load',
      message: expect.stringContaining('undeclared dimension "crates"'),
    });
    const junk = readRow(4, { ref: 'C', lat: '57.7', lon: '14.1', load: 'lots' }, mapping, dims);
    expect(junk.errors[0]!.message).toContain('Cannot read the demand');
  });
});
