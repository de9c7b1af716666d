/**
 * XLSX through excel-builder-vanilla (MIT, maintained, its only dependency fflate, which the
 * order import already uses to read XLSX). Text goes into shared strings, never formulas, so a
 * cell that starts with = is shown, not run; numbers and booleans keep their types.
 */
import { createExcelFile, createWorkbook } from 'excel-builder-vanilla';
import type { Cell, ExportTable } from './table';

/** Excel's rules for sheet names: 31 characters, none of []:*?/\ and unique in the workbook. */
export function sheetName(name: string, taken: Set<string>): string {
  const base = (name.replace(/[[\]:*?/\\]/g, ' ').trim() || 'Sheet').slice(0, 31);
  let out = base;
  for (let n = 2; taken.has(out.toLowerCase()); n++) out = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
  taken.add(out.toLowerCase());
  return out;
}

const value = (c: Cell): string | number | boolean =>
  c === null ? '' : typeof c === 'number' && !Number.isFinite(c) ? '' : c;

export async function toXlsx(tables: ExportTable[]): Promise<Uint8Array> {
  const workbook = createWorkbook();
  const taken = new Set<string>();
  for (const t of tables) {
    const sheet = workbook.createWorksheet({ name: sheetName(t.name, taken) });
    sheet.setData([t.columns, ...t.rows.map((r) => r.map(value))]);
    sheet.setColumns(
      t.columns.map((c, i) => ({
        width: Math.min(
          60,
          Math.max(8, c.length, ...t.rows.slice(0, 200).map((r) => String(r[i] ?? '').length)) + 2,
        ),
      })),
    );
    workbook.addWorksheet(sheet);
  }
  return createExcelFile(workbook, 'Uint8Array');
}
