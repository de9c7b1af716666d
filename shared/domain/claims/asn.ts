/**
 * Expected lines (an ASN) from a CSV the carrier or supplier sent: a header row naming the
 * columns (English or Swedish: SSCC, GTIN/EAN, lot/batch/parti, description/beskrivning,
 * quantity/qty/antal), then one line per pallet or product. Every row that cannot be read is
 * reported with its row number; nothing is taken from a file with problems.
 */
import type { ExpectedLine } from '../../contract/claims';
import type { CsvTable } from '../../import/csv';

const HEADERS: Record<keyof ExpectedLine, string[]> = {
  sscc: ['sscc', 'sscc number', 'pallet', 'pall', 'serial shipping container code'],
  gtin: ['gtin', 'ean', 'gtin/ean', 'item number'],
  lot: ['lot', 'batch', 'parti', 'batch number', 'batchnummer'],
  description: ['description', 'beskrivning', 'article', 'artikel', 'product', 'produkt', 'goods', 'gods'],
  quantity: ['quantity', 'qty', 'antal', 'count'],
};

export interface AsnProblem {
  row: number;
  problem: 'no_columns' | 'bad_sscc' | 'bad_gtin' | 'bad_quantity' | 'nothing_to_match' | 'too_many';
  value?: string;
}

export function asnFromCsv(table: CsvTable, maxLines: number): { expected: ExpectedLine[]; problems: AsnProblem[] } {
  const [header, ...rows] = table.rows;
  const names = (header ?? []).map((h) => h.trim().toLowerCase());
  const col = Object.fromEntries(
    (Object.keys(HEADERS) as (keyof ExpectedLine)[]).map((k) => [k, names.findIndex((n) => HEADERS[k].includes(n))]),
  ) as Record<keyof ExpectedLine, number>;
  if (col.sscc < 0 && col.gtin < 0) return { expected: [], problems: [{ row: table.rowNumbers[0] ?? 1, problem: 'no_columns' }] };
  const problems: AsnProblem[] = [];
  const expected: ExpectedLine[] = [];
  if (rows.length > maxLines) problems.push({ row: table.rowNumbers[maxLines + 1] ?? 0, problem: 'too_many' });
  rows.slice(0, maxLines).forEach((r, i) => {
    const row = table.rowNumbers[i + 1] ?? i + 2;
    const get = (k: keyof ExpectedLine) => (col[k] >= 0 ? (r[col[k]] ?? '').trim() : '');
    const sscc = get('sscc').replace(/^\(00\)|\s/g, '');
    const gtin = get('gtin').replace(/\s/g, '');
    const qty = get('quantity');
    if (sscc && !/^\d{18}$/.test(sscc)) return void problems.push({ row, problem: 'bad_sscc', value: sscc });
    if (gtin && !/^\d{8,14}$/.test(gtin)) return void problems.push({ row, problem: 'bad_gtin', value: gtin });
    if (!sscc && !gtin) return void problems.push({ row, problem: 'nothing_to_match' });
    const quantity = qty === '' ? 1 : Number(qty);
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > 1_000_000)
      return void problems.push({ row, problem: 'bad_quantity', value: qty });
    expected.push({
      sscc: sscc || null,
      gtin: gtin || null,
      lot: get('lot').slice(0, 20) || null,
      description: get('description').slice(0, 200),
      quantity,
    });
  });
  return { expected: problems.length ? [] : expected, problems };
}
