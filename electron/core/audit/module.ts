import { AppError, type AuditChange, type AuditEntry, type AuditEntryDetail } from '@shared/contract';
import { addDays, dayBounds } from '@shared/domain/time';
import type { Readable } from '../db/connection';
import type { DomainModule, ModuleDeps } from '../domain-module';

/** A list row's input summary: the detail has it whole. */
const INPUT_SUMMARY = 300;
/** One detail answer stays well inside a frame: changes past this many bytes are counted, not sent. */
const DETAIL_BUDGET = 600 * 1024;
const RECORDS_SHOWN = 3;

interface EntryRow {
  id: number;
  at: number;
  actor: string;
  role: string;
  workstation: string;
  command: string;
  outcome: string;
  input: string | null;
  change_count: number;
  records: string | null;
}

const ENTRY_COLUMNS = `e.id, e.at, e.actor, e.role, e.workstation, e.command, e.outcome,
  (SELECT COUNT(*) FROM audit_changes c WHERE c.entry_id = e.id) AS change_count,
  (SELECT json_group_array(k) FROM (SELECT c.tbl || '/' || c.row_key AS k FROM audit_changes c
     WHERE c.entry_id = e.id ORDER BY c.id LIMIT ${RECORDS_SHOWN})) AS records`;

function toEntry(r: EntryRow): AuditEntry {
  return {
    id: r.id,
    at: r.at,
    actor: r.actor,
    role: r.role,
    workstation: r.workstation,
    command: r.command,
    outcome: r.outcome,
    input: r.input,
    changeCount: r.change_count,
    records: r.records ? (JSON.parse(r.records) as string[]) : [],
  };
}

export interface AuditFilter {
  actor?: string;
  record?: string;
  command?: string;
  from?: string;
  to?: string;
  beforeId?: number;
  limit: number;
}

/** Newest first, one page; `more` when an older page exists. */
export async function listEntries(
  db: Readable,
  filter: AuditFilter,
  timeZone: string,
): Promise<{ entries: AuditEntry[]; more: boolean }> {
  const record = filter.record || null;
  const rows = await db.all<EntryRow>(
    `SELECT ${ENTRY_COLUMNS}, substr(e.input, 1, ${INPUT_SUMMARY}) AS input
     FROM audit_entries e
     WHERE ($actor IS NULL OR e.actor = $actor)
       AND ($command IS NULL OR e.command = $command)
       AND ($from IS NULL OR e.at >= $from)
       AND ($to IS NULL OR e.at < $to)
       AND ($before IS NULL OR e.id < $before)
       AND ($record IS NULL OR EXISTS (
         SELECT 1 FROM audit_changes c WHERE c.entry_id = e.id AND (
           c.row_key = $record OR c.tbl = $record OR c.tbl || '/' || c.row_key = $record
           OR instr(c.before, $record) > 0 OR instr(c.after, $record) > 0)))
     ORDER BY e.id DESC
     LIMIT $limit`,
    {
      $actor: filter.actor ?? null,
      $command: filter.command ?? null,
      $from: filter.from ? dayBounds(filter.from, timeZone).start : null,
      // `to` is a whole day: up to the start of the next one.
      $to: filter.to ? dayBounds(addDays(filter.to, 1), timeZone).start : null,
      $before: filter.beforeId ?? null,
      $record: record,
      $limit: filter.limit + 1,
    },
  );
  return { entries: rows.slice(0, filter.limit).map(toEntry), more: rows.length > filter.limit };
}

export async function entryDetail(db: Readable, id: number): Promise<AuditEntryDetail> {
  const row = await db.get<EntryRow>(`SELECT ${ENTRY_COLUMNS}, e.input FROM audit_entries e WHERE e.id = ?`, [id]);
  if (!row) throw new AppError('not_found', `There is no audit entry ${id}.`, { reason: 'audit_entry_unknown' });
  const changes: AuditChange[] = [];
  let bytes = 0;
  let omitted = 0;
  const rows = await db.all<{ tbl: string; row_key: string; op: AuditChange['op']; before: string | null; after: string | null }>(
    'SELECT tbl, row_key, op, before, after FROM audit_changes WHERE entry_id = ? ORDER BY id',
    [id],
  );
  for (const c of rows) {
    const size = (c.before?.length ?? 0) + (c.after?.length ?? 0) + 100;
    if (bytes + size > DETAIL_BUDGET) {
      omitted++;
      continue;
    }
    bytes += size;
    changes.push({
      table: c.tbl,
      key: c.row_key,
      op: c.op,
      before: c.before ? (JSON.parse(c.before) as Record<string, unknown>) : null,
      after: c.after ? (JSON.parse(c.after) as Record<string, unknown>) : null,
    });
  }
  return { ...toEntry(row), changes, omitted };
}

/** `audit.*`: the audit trail's read side (the kernel writes it, see `db/audit.ts`). */
export function createAuditModule(deps: ModuleDeps): DomainModule {
  const { db, site } = deps;
  return {
    handlers: {
      'audit.entries': (input) => listEntries(db, input, site.timeZone),
      'audit.entry': (input) => entryDetail(db, input.id),
      'audit.actors': async () =>
        (await db.all<{ actor: string }>('SELECT DISTINCT actor FROM audit_entries ORDER BY actor COLLATE NOCASE')).map(
          (r) => r.actor,
        ),
    },
  };
}
