import { strToU8, zipSync } from 'fflate';
import { buildXlsx } from './xlsx-fixture';
import { describe, expect, it } from 'vitest';
import { columnIndex, readXlsx } from './xlsx';

describe('XLSX reader', () => {
  it('reads shared strings, inline strings, numbers and sparse cells', () => {
    const bytes = buildXlsx(
      [
        ['Ref', 'Kund', 'Vikt', 'Från'],
        ['SO-1', 'Åkes <Livs> & Co', 120.5, 0.375],
        [],
        ['SO-2', null, 7, null],
      ],
      { sheetName: 'Order & leveranser' },
    );
    const sheet = readXlsx(bytes);
    expect(sheet.name).toBe('Order & leveranser');
    expect(sheet.rows).toEqual([
      ['Ref', 'Kund', 'Vikt', 'Från'],
      ['SO-1', 'Åkes <Livs> & Co', '120.5', '0.375'],
      ['SO-2', '', '7'],
    ]);
    expect(sheet.rowNumbers).toEqual([1, 2, 4]);
    expect(readXlsx(buildXlsx([['a', 'b']], { inline: true })).rows).toEqual([['a', 'b']]);
  });

  it('refuses what is not a workbook', () => {
    expect(() => readXlsx(new TextEncoder().encode('PK not really a zip'))).toThrow(/not a valid .xlsx/);
    expect(() => readXlsx(zipSync({ 'hello.txt': strToU8('hi') }))).toThrow(/no workbook/);
    const broken = zipSync({
      'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>'),
      'xl/worksheets/sheet1.xml': strToU8(
        '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>9</v></c></row></sheetData></worksheet>',
      ),
    });
    expect(() => readXlsx(broken)).toThrow(/missing shared string/);
  });

  it('column letters', () => {
    expect(columnIndex('A1')).toBe(0);
    expect(columnIndex('Z9')).toBe(25);
    expect(columnIndex('AA10')).toBe(26);
    expect(() => columnIndex('a1')).toThrow();
  });
});
