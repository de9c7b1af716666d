import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';
import { sheetName, toXlsx } from './xlsx';

const table = {
  name: 'Trips 2026-11-23',
  columns: ['Vehicle', 'km', 'Note'],
  rows: [
    ['Van "1", Åsa', 12.5, '=HYPERLINK("http://evil")'],
    ['Truck 2', -3, 'line one\nline two'],
    ['@SUM(A1)', null, '+46 70 123'],
  ],
};

describe('CSV export', () => {
  it('writes RFC 4180 with a BOM, CRLF, quoting, numbers as numbers and formulas defused', () => {
    const csv = toCsv(table);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'Vehicle,km,Note',
      `"Van ""1"", Åsa",12.5,"'=HYPERLINK(""http://evil"")"`,
      'Truck 2,-3,"line one\nline two"',
      `'@SUM(A1),,'+46 70 123`,
      '',
    ]);
    expect(toCsv(table, ';').split('\r\n')[1]).toBe(`"Van ""1"", Åsa";12.5;"'=HYPERLINK(""http://evil"")"`);
  });
});

describe('XLSX export', () => {
  it('is a workbook whose text cells are shared strings (never formulas) and numbers stay numbers', async () => {
    const files = unzipSync(await toXlsx([table, { ...table, name: 'Trips 2026-11-23' }]));
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    const strings = strFromU8(files['xl/sharedStrings.xml']!);
    expect(sheet).not.toContain('<f>');
    expect(sheet).toContain('<c r="B2"><v>12.5</v></c>');
    expect(sheet).toContain('<c r="B3"><v>-3</v></c>');
    expect(strings).toContain('=HYPERLINK(&quot;http://evil&quot;)');
    expect(strings).toContain('Van &quot;1&quot;, Åsa');
    const workbook = strFromU8(files['xl/workbook.xml']!);
    expect(workbook).toContain('name="Trips 2026-11-23"');
    expect(workbook).toContain('name="Trips 2026-11-23 2"');
  });

  it('makes sheet names Excel accepts', () => {
    const taken = new Set<string>();
    expect(sheetName('Fuel: van/1 [2026]', taken)).toBe('Fuel  van 1  2026');
    expect(sheetName('x'.repeat(40), taken)).toHaveLength(31);
    expect(sheetName('', taken)).toBe('Sheet');
  });
});
