/**
 * CSV as spreadsheets write it: RFC 4180 quoting (embedded separators, quotes and newlines),
 * `,` `;` or tab separators (Swedish Excel writes `;`), a UTF-8 BOM, CRLF/LF/CR line ends, and
 * Windows-1252 text when the bytes are not UTF-8 (Excel's "CSV" in Nordic locales).
 */
export type Separator = ',' | ';' | '\t';

export interface CsvTable {
  rows: string[][];
  /** 1-based record number of each row as a spreadsheet shows it (blank records are skipped). */
  rowNumbers: number[];
  separator: Separator;
}

/** TextDecoder: a global in browsers and Node alike (shared/ compiles without DOM types). */
const { TextDecoder: Decoder } = globalThis as unknown as {
  TextDecoder: new (label: string, options?: { fatal?: boolean; ignoreBOM?: boolean }) => {
    decode(bytes: Uint8Array): string;
  };
};

export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new Decoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new Decoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new Decoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new Decoder('windows-1252').decode(bytes);
  }
}

/** The separator that occurs most on the first line, outside quotes. */
export function detectSeparator(text: string): Separator {
  const counts: Record<Separator, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch as Separator]++;
  }
  const best = (Object.entries(counts) as [Separator, number][]).sort((a, b) => b[1] - a[1])[0]!;
  return best[1] > 0 ? best[0] : ',';
}

export function parseCsv(input: string, separator?: Separator): CsvTable {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const sep = separator ?? detectSeparator(text);
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  let record = 0;
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    record++;
    if (row.some((f) => f.trim() !== '')) {
      rows.push(row);
      rowNumbers.push(record);
    }
    row = [];
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else if (!(ch === '\r' && text[i + 1] === '\n')) field += ch; // line ends inside cells become \n
      i++;
      continue;
    }
    if (ch === '"' && field.trim() === '') {
      field = '';
      quoted = true;
    } else if (ch === sep) endField();
    else if (ch === '\r' || ch === '\n') {
      endRow();
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else field += ch;
    i++;
  }
  if (field !== '' || row.length) endRow();
  return { rows, rowNumbers, separator: sep };
}
