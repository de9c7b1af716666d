/**
 * Order import in two steps on a file in the attachment store. Preview reads the file, suggests a
 * column mapping and shows the first rows with their errors; commit reads it again under the
 * chosen mapping and creates the valid orders in one transaction (or none, in all-or-nothing
 * mode), keeping the file as the import's source. An abandoned import keeps nothing: its
 * unreferenced file goes with the store's clean-up.
 */
import { randomUUID } from 'node:crypto';
import {
  AppError,
  type ColumnMapping,
  type ImportErrorCode,
  type ImportPreview,
  type ImportResult,
  type ImportRowError,
  type Order,
  type ParsedInput,
  type StoredFile,
  IMPORT_MAX_BYTES,
} from '@shared/contract';
import type { FilesPort } from '../../../files/file-store';
import type { Readable } from '../../../db/connection';
import type { CallContext } from '../../../router';
import { change, type PlanningContext } from '../context';
import * as repo from '../fleet-repo';
import { windowsFromInput } from '../orders-service';
import { readSettings } from '../settings';
import { decodeText, parseCsv } from '@shared/import/csv';
import { readRow, suggestMapping, type RowResult } from './rows';
import { readXlsx } from './xlsx';

const MAX_ROWS = 5000;

interface Table {
  format: 'csv' | 'xlsx';
  separator?: ',' | ';' | '\t';
  sheet?: string;
  columns: string[];
  rows: { row: number; values: Record<string, string> }[];
}

export function readTable(file: Pick<StoredFile, 'name' | 'kind' | 'size'>, bytes: Uint8Array): Table {
  if (file.size > IMPORT_MAX_BYTES)
    throw new AppError(
      'invalid_input',
      `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB; split it into several files.`,
    );
  const isZip = file.kind === 'zip' || file.kind === 'xlsx';
  const lower = file.name.toLowerCase();
  if (lower.endsWith('.xls') && !isZip)
    throw new AppError(
      'invalid_input',
      'Old .xls files cannot be read. Save the sheet as .xlsx or CSV and import that.',
    );
  let grid: string[][];
  let numbers: number[];
  let meta: Pick<Table, 'format' | 'separator' | 'sheet'>;
  if (isZip || lower.endsWith('.xlsx')) {
    const sheet = readXlsx(bytes);
    grid = sheet.rows;
    numbers = sheet.rowNumbers;
    meta = { format: 'xlsx', sheet: sheet.name };
  } else {
    const text = decodeText(bytes);
    if (text.includes('\u0000'))
      throw new AppError('invalid_input', 'This file is not text: import a CSV or .xlsx file.');
    const csv = parseCsv(text);
    grid = csv.rows;
    numbers = csv.rowNumbers;
    meta = { format: 'csv', separator: csv.separator };
  }
  if (!grid.length)
    throw new AppError('invalid_input', 'The file is empty: it needs a header row and one row per order.');
  if (grid.length - 1 > MAX_ROWS)
    throw new AppError(
      'invalid_input',
      `The file has ${grid.length - 1} rows; import at most ${MAX_ROWS} at a time.`,
    );
  const columns = headerNames(grid[0]!);
  const rows = grid.slice(1).map((cells, i) => ({
    row: numbers[i + 1]!,
    values: Object.fromEntries(columns.map((c, k) => [c, cells[k] ?? ''])),
  }));
  return { ...meta, columns, rows };
}

/** Blank headers get "Column N", repeated ones a "(2)" so every column can be mapped. */
function headerNames(cells: string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((raw, i) => {
    const base = raw.trim() || `Column ${i + 1}`;
    const n = (seen.get(base.toLowerCase()) ?? 0) + 1;
    seen.set(base.toLowerCase(), n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

export class ImportService {
  constructor(
    private readonly c: PlanningContext,
    private readonly files: FilesPort,
  ) {}

  private async table(fileId: string): Promise<{ table: Table; file: StoredFile }> {
    const { file, bytes } = await this.files.read(fileId);
    return { table: readTable(file, bytes), file };
  }

  async preview(input: ParsedInput<'routes.importPreview'>): Promise<ImportPreview> {
    const { table } = await this.table(input.fileId);
    const { dimensions } = await readSettings(this.c.db);
    const suggestedMapping = suggestMapping(table.columns, dimensions);
    const mapping = input.mapping ?? suggestedMapping;
    assertMapping(mapping, table.columns);
    const results = await this.readAll(this.c.db, input.date, table, mapping, dimensions);
    const invalid = results.filter((r) => r.errors.length).length;
    return {
      format: table.format,
      ...(table.separator ? { separator: table.separator } : {}),
      ...(table.sheet ? { sheet: table.sheet } : {}),
      columns: table.columns,
      suggestedMapping,
      totalRows: results.length,
      rows: results
        .slice(0, input.previewRows)
        .map((r) => ({ row: r.row, values: r.values, errors: r.errors })),
      validRows: results.length - invalid,
      invalidRows: invalid,
    };
  }

  async commit(input: ParsedInput<'routes.importCommit'>, ctx: CallContext): Promise<ImportResult> {
    const { table, file } = await this.table(input.fileId);
    assertMapping(input.mapping, table.columns);
    const created: Order[] = [];
    let rejected: ImportRowError[] = [];
    const args = {
      date: input.date,
      fileId: file.id,
      fileName: file.name,
      mode: input.mode,
      orders: created,
    };
    await change(this.c, { name: 'routes.importOrders', args, ctx }, [input.date], async (tx) => {
      // The source file stays as long as the orders it made are on the day.
      await this.files.keep(tx, file.id, `routes.import:${input.date}`);
      // Read again inside the transaction: references and known addresses are as of this moment.
      const { dimensions } = await readSettings(tx);
      const results = await this.readAll(tx, input.date, table, input.mapping, dimensions);
      rejected = results.flatMap((r) => r.errors);
      if (input.mode === 'all_or_nothing' && rejected.length) return;
      const now = this.c.now();
      const byReference = new Map<string, Order>();
      for (const r of results) {
        if (!r.order) continue;
        const o = r.order;
        const order: Order = {
          id: randomUUID(),
          date: input.date,
          reference: o.reference,
          customer: o.customer,
          address: o.address,
          lat: o.lat!,
          lon: o.lon!,
          kind: o.kind,
          serviceMin: o.serviceMin,
          timeWindows: windowsFromInput(o.timeWindows),
          demand: o.demand,
          skills: o.skills,
          priority: o.priority,
          pairedOrderId: null,
          phone: o.phone,
          notes: o.notes,
          createdAt: now,
          updatedAt: now,
        };
        await repo.insertOrder(tx, this.c.siteId, order);
        created.push(order);
        byReference.set(order.reference.toLowerCase(), order);
      }
      for (const r of results) {
        if (!r.order?.pairReference) continue;
        const self = byReference.get(r.order.reference.toLowerCase())!;
        const other =
          byReference.get(r.order.pairReference.toLowerCase()) ??
          (await repo.findOrderByReference(tx, this.c.siteId, input.date, r.order.pairReference));
        if (!other || self.pairedOrderId === other.id) continue;
        await repo.setPairing(tx, self.id, other.id, now);
        await repo.setPairing(tx, other.id, self.id, now);
        self.pairedOrderId = other.id;
        other.pairedOrderId = self.id;
      }
    });
    return { created: created.length, rejected, orderIds: created.map((o) => o.id) };
  }

  /** Every row read and checked against the file itself and the orders already on the day. */
  private async readAll(
    db: Readable,
    date: string,
    table: Table,
    mapping: ColumnMapping,
    dimensions: string[],
  ): Promise<RowResult[]> {
    const results = table.rows.map((r) => readRow(r.row, r.values, mapping, dimensions));
    const existing = await repo.listOrders(db, this.c.siteId, date);
    const known = await knownAddresses(db, this.c.siteId);
    const existingRefs = new Map(existing.map((o) => [o.reference.toLowerCase(), o]));
    const fileRefs = new Map<string, RowResult>();
    const fail = (
      r: RowResult,
      column: string | undefined,
      message: string,
      code: ImportErrorCode,
      value?: string,
    ) => {
      r.errors.push({
        row: r.row,
        ...(column ? { column } : {}),
        message,
        code,
        ...(value !== undefined ? { value } : {}),
      });
      r.order = null;
    };
    for (const r of results) {
      const o = r.order;
      if (!o) continue;
      const key = o.reference.toLowerCase();
      if (existingRefs.has(key))
        fail(
          r,
          mapping.fields.reference,
          `Order ${o.reference} already exists on ${date}`,
          'already_exists',
          o.reference,
        );
      else if (fileRefs.has(key))
        fail(
          r,
          mapping.fields.reference,
          `Order ${o.reference} appears twice (also row ${fileRefs.get(key)!.row})`,
          'duplicate_in_file',
          o.reference,
        );
      else fileRefs.set(key, r);
      if (o.lat === null || o.lon === null) {
        const hit = o.address ? known.get(addressKey(o.address)) : undefined;
        if (hit) Object.assign(o, hit);
        else
          fail(
            r,
            mapping.fields.address ?? mapping.fields.lat,
            o.address
              ? `Unknown coordinates for "${o.address}": add latitude and longitude columns (there is no address lookup offline)`
              : 'Unknown coordinates: the row has neither latitude/longitude nor a known address',
            'unknown_coordinates',
            o.address || undefined,
          );
      }
    }
    const claimedBy = new Map<string, string>();
    for (const r of results) {
      const o = r.order;
      if (!o?.pairReference) continue;
      const self = o.reference.toLowerCase();
      const target = o.pairReference.toLowerCase();
      const partnerRow = fileRefs.get(target)?.order;
      if (
        (claimedBy.has(target) && claimedBy.get(target) !== self) ||
        (partnerRow?.pairReference && partnerRow.pairReference.toLowerCase() !== self)
      ) {
        fail(
          r,
          mapping.fields.pairReference,
          `${o.pairReference} is paired with another order in the file`,
          'pair_conflict',
          o.pairReference,
        );
        continue;
      }
      claimedBy.set(target, self);
      claimedBy.set(self, target);
      const partner =
        fileRefs.get(o.pairReference.toLowerCase())?.order ?? existingRefs.get(o.pairReference.toLowerCase());
      const col = mapping.fields.pairReference;
      if (!partner)
        fail(
          r,
          col,
          `Paired order ${o.pairReference} is neither in the file nor on ${date}`,
          'pair_missing',
          o.pairReference,
        );
      else if (partner.kind === o.kind)
        fail(
          r,
          col,
          `${o.reference} and ${o.pairReference} are both ${o.kind === 'delivery' ? 'deliveries' : 'pickups'}; a pair is one pickup and one delivery`,
          'pair_same_kind',
          o.pairReference,
        );
      else if ('id' in partner && partner.pairedOrderId)
        fail(
          r,
          col,
          `${o.pairReference} is already paired with another order`,
          'pair_conflict',
          o.pairReference,
        );
    }
    return results;
  }
}

function assertMapping(mapping: ColumnMapping, columns: string[]): void {
  const missing = [...Object.values(mapping.fields), ...Object.values(mapping.dimensions)].filter(
    (c) => c !== undefined && !columns.includes(c),
  );
  if (missing.length)
    throw new AppError(
      'invalid_input',
      `The file has no column called ${missing.map((c) => `"${c}"`).join(', ')}. Check the column mapping.`,
      {
        columns: missing,
      },
    );
  if (!mapping.fields.reference)
    throw new AppError('invalid_input', 'Choose the column that holds the order reference.', {
      field: 'reference',
    });
}

const addressKey = (a: string) =>
  a
    .toLowerCase()
    .replace(/[\s,.]+/g, ' ')
    .trim();

/** Addresses already delivered to, with their coordinates: the offline stand-in for a geocoder. */
async function knownAddresses(
  db: Readable,
  siteId: string,
): Promise<Map<string, { lat: number; lon: number }>> {
  const rows = await db.all<{ address: string; lat: number; lon: number }>(
    `SELECT address, lat, lon FROM route_orders WHERE site_id = ? AND address != '' ORDER BY updated_at DESC LIMIT 20000`,
    [siteId],
  );
  const out = new Map<string, { lat: number; lon: number }>();
  for (const r of rows)
    if (!out.has(addressKey(r.address))) out.set(addressKey(r.address), { lat: r.lat, lon: r.lon });
  return out;
}
