/**
 * CSV as spreadsheets read it: RFC 4180 (quotes doubled, fields with comma, quote or line break
 * quoted, CRLF rows), a UTF-8 byte order mark so Excel reads Å and Ö, and text that a spreadsheet
 * would run as a formula (=, +, -, @, tab, CR at the start) prefixed with an apostrophe — the
 * OWASP advice against CSV injection. Numbers are written as numbers, so -5 stays a number.
 */
import type { Cell, ExportTable } from './table';

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell that cannot start a formula. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function field(value: Cell, separator: string): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = neutralise(value);
  return text.includes('"') || text.includes(separator) || /[\r\n]/.test(text)
    ? `"${text.replace(/"/g, '""')}"`
    : text;
}

export function toCsv(table: ExportTable, separator = ','): string {
  const lines = [table.columns, ...table.rows].map((row) =>
    row.map((v) => field(v, separator)).join(separator),
  );
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
