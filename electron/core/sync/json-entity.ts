/**
 * An `EntityAdapter` for a table whose rows map field by field to the wire JSON: writes are
 * set-based (one statement for any number of rows, the JSON taken apart by SQLite), so a pull of
 * 100,000 rows costs a handful of statements, not 100,000.
 */
import type { Queryable, Readable, SqlValue } from '../db/connection';
import type { EntityAdapter, WireData } from './types';

export interface JsonEntitySpec {
  entity: string;
  table: string;
  /** Local column → SQL over the wire JSON in `data` (e.g. `json_extract(data, '$.name')`). */
  columns: Record<string, string>;
  /** Columns set on insert only (created_at, site_id), as SQL expressions over `params`. */
  insertOnly?: Record<string, string>;
  /** Named parameters the column expressions use (`$now`, `$site`), computed per write. */
  params?: () => Record<string, SqlValue>;
  /** Every local row, read back into wire form. */
  select: string;
  toWire(row: any): WireData;
}

const ENTITY = /^[a-z][a-zA-Z]{0,31}$/;

export function jsonEntity(spec: JsonEntitySpec): EntityAdapter {
  if (!ENTITY.test(spec.entity)) throw new Error(`bad entity name ${spec.entity}`);
  const cols = Object.keys(spec.columns);
  const inserted = { ...spec.insertOnly };
  const names = ['id', ...cols, ...Object.keys(inserted)];
  const values = ['s.id', ...cols.map((c) => spec.columns[c]!), ...Object.values(inserted)];
  const upsert = (source: string) =>
    `INSERT INTO ${spec.table} (${names.join(', ')})
     SELECT ${values.join(', ')} FROM (${source}) s WHERE true
     ON CONFLICT (id) DO UPDATE SET ${cols.map((c) => `${c} = excluded.${c}`).join(', ')}`;
  return {
    entity: spec.entity,
    table: spec.table,
    key: (alias) => `${alias}.id`,
    async readAll(db: Readable) {
      const rows = await db.all<{ id: string }>(spec.select);
      return new Map(rows.map((r) => [r.id, spec.toWire(r)]));
    },
    async upsertFrom(tx: Queryable, source: string) {
      await tx.run(upsert(source), spec.params?.() ?? {});
    },
    async deleteWhere(tx: Queryable, ids: string) {
      await tx.run(`DELETE FROM ${spec.table} WHERE id IN (${ids})`);
    },
  };
}

/** `json_extract(data, '$.field')`. */
export const field = (name: string) => `json_extract(s.data, '$.${name}')`;
