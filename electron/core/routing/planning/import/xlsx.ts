/**
 * A small, strict reader for the first worksheet of an .xlsx file: unzip (fflate), the workbook
 * and its relationships to find the sheet, shared strings, and the cells' values. Formatting is
 * ignored, so times typed into Excel arrive as day fractions (0.375 = 09:00): the row reader
 * turns those into times. Anything unexpected is refused with a reason, never guessed.
 */
import { unzipSync } from 'fflate';
import { AppError } from '@shared/contract';

const MAX_UNZIPPED = 64 * 1024 * 1024;

export interface XlsxSheet {
  name: string;
  rows: string[][];
  /** The sheet's 1-based row number of each row (blank rows are skipped). */
  rowNumbers: number[];
}

function bad(message: string): AppError {
  return new AppError('invalid_input', `This is not a spreadsheet Loadstar can read: ${message}.`);
}

export function readXlsx(bytes: Uint8Array): XlsxSheet {
  let files: Record<string, Uint8Array>;
  let total = 0;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        total += f.originalSize;
        if (total > MAX_UNZIPPED) throw bad('it unpacks to more than 64 MB');
        return (
          f.name === 'xl/workbook.xml' ||
          f.name === 'xl/_rels/workbook.xml.rels' ||
          f.name === 'xl/sharedStrings.xml' ||
          f.name.startsWith('xl/worksheets/')
        );
      },
    });
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw bad('the file is not a valid .xlsx (zip) archive');
  }
  const text = (name: string) => (files[name] ? new TextDecoder().decode(files[name]) : undefined);
  const workbook = text('xl/workbook.xml');
  if (!workbook) throw bad('it has no workbook');
  const sheetTag = /<(?:\w+:)?sheet\b([^>]*)\/?>/.exec(workbook);
  if (!sheetTag) throw bad('the workbook has no sheets');
  const name = decodeXml(attr(sheetTag[1]!, 'name') ?? 'Sheet1');
  const rid = attr(sheetTag[1]!, 'r:id');
  let path = 'xl/worksheets/sheet1.xml';
  const rels = text('xl/_rels/workbook.xml.rels');
  if (rid && rels) {
    for (const m of rels.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
      if (attr(m[1]!, 'Id') === rid) {
        const target = attr(m[1]!, 'Target') ?? '';
        path = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
      }
    }
  }
  const sheet = text(path);
  if (!sheet) throw bad(`the first sheet (${name}) is missing`);
  const strings = sharedStrings(text('xl/sharedStrings.xml'));
  return { name, ...sheetRows(sheet, strings) };
}

function attr(attrs: string, key: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${key.replace(':', '\\:')}\\s*=\\s*"([^"]*)"`).exec(attrs);
  return m?.[1];
}

function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e as 'amp']!;
  });
}

/** The text of every `<t>` inside an element (rich text has several runs). */
function textOf(xml: string): string {
  let out = '';
  for (const m of xml.matchAll(/<(?:\w+:)?t\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?t>)/g))
    out += decodeXml(m[1] ?? '');
  return out;
}

function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  const out: string[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g)) {
    // Phonetic runs (<rPh>) are reading aids, not part of the text.
    out.push(textOf((m[1] ?? '').replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '')));
  }
  return out;
}

export function columnIndex(ref: string): number {
  const letters = /^([A-Z]{1,3})\d*$/.exec(ref)?.[1];
  if (!letters) throw bad(`a cell has the invalid reference "${ref}"`);
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function sheetRows(xml: string, strings: string[]): { rows: string[][]; rowNumbers: number[] } {
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  const data = /<(?:\w+:)?sheetData\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?sheetData>)/.exec(xml);
  if (!data) throw bad('the sheet has no data section');
  let nextRow = 0;
  for (const rm of (data[1] ?? '').matchAll(/<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g)) {
    const r = attr(rm[1]!, 'r');
    const rowIndex = r ? Number(r) - 1 : nextRow;
    if (!Number.isInteger(rowIndex) || rowIndex < nextRow || rowIndex > 1_048_575)
      throw bad('its rows are out of order');
    nextRow = rowIndex + 1;
    const cells: string[] = [];
    let nextCol = 0;
    for (const cm of (rm[2] ?? '').matchAll(/<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g)) {
      const ref = attr(cm[1]!, 'r');
      const col = ref ? columnIndex(ref) : nextCol;
      if (col > 16_383) throw bad('a cell lies beyond column XFD');
      nextCol = col + 1;
      cells[col] = cellValue(attr(cm[1]!, 't') ?? 'n', cm[2] ?? '', strings);
    }
    const values = Array.from(cells, (c) => c ?? '');
    if (values.some((c) => c.trim() !== '')) {
      rows.push(values);
      rowNumbers.push(rowIndex + 1);
    }
  }
  return { rows, rowNumbers };
}

function cellValue(type: string, inner: string, strings: string[]): string {
  const v = /<(?:\w+:)?v\b[^>]*>([\s\S]*?)<\/(?:\w+:)?v>/.exec(inner)?.[1];
  switch (type) {
    case 's': {
      const i = Number(v);
      if (!Number.isInteger(i) || i < 0 || i >= strings.length)
        throw bad('a cell points at a missing shared string');
      return strings[i]!;
    }
    case 'inlineStr':
      return textOf(/<(?:\w+:)?is\b[^>]*>([\s\S]*?)<\/(?:\w+:)?is>/.exec(inner)?.[1] ?? '');
    case 'b':
      return v === '1' ? 'TRUE' : 'FALSE';
    case 'e':
      return '';
    default:
      return decodeXml(v ?? '');
  }
}
