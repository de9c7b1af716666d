/**
 * One table to export, whatever the format: a sheet name, column headings and rows of plain
 * values. Numbers stay numbers (a spreadsheet can sum them); dates are given as text the reader's
 * language formats, so a file opens the same everywhere.
 */
export type Cell = string | number | boolean | null;

export interface ExportTable {
  /** Sheet name (XLSX); at most 31 characters, no []:*?/\ (made safe on export). */
  name: string;
  columns: string[];
  rows: Cell[][];
}
