/**
 * The audit trail's write side, in one place for every domain: `Database.write` opens an entry
 * for the mutating request whose scope it runs in (who, role, workstation, command, input) and
 * marks the transaction with it; TEMP triggers on every audited table then copy each inserted,
 * updated or deleted row, before and after, into `audit_changes`. No domain writes audit rows,
 * and a new table is audited from the next start without any code (the triggers are generated
 * from the schema when the store opens). A mutation that stored nothing (a door light switched,
 * a print sent) still gets its entry when its answer is kept (`finishAudit`).
 *
 * TEMP triggers live on the writer connection only and vanish with it, so the file itself never
 * carries them; they fire only while `audit_ctx` (a TEMP table) names an entry, so background
 * work (fleet ingestion, the print spooler, sync pulls) is not audited as a user's change.
 */
import type { Queryable } from './connection';
import type { RequestScope } from './request-log';

/** Logs, caches and streams rather than records someone changes. */
const NOT_AUDITED = /^(sqlite_|sync_|audit_)|^(outbox|request_log|fleet_positions|fleet_tracker_state|device_scans)$/;
/** Columns whose value is never copied: the trail says only that it was set or changed. */
const SECRET_COLUMN = /(hash|secret|token|password)/i;
/** Input keys blanked in an entry's input. */
const SECRET_KEY = /^(pin|password|badge|secret|token)$/i;
/** A row's JSON bigger than this is recorded as its size only. */
export const MAX_ROW_JSON = 64 * 1024;
/** Longer strings in an input are recorded by their length (file chunks, imports). */
const MAX_INPUT_STRING = 512;
/** SQLite's function argument limit: json_object takes two per column. */
const MAX_COLUMNS = 50;

export const SECRET_MARK = '•••';

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
const lit = (text: string) => `'${text.replace(/'/g, "''")}'`;

interface Column {
  name: string;
  pk: number;
}

function valueExpr(column: string, row: 'OLD' | 'NEW', op: 'insert' | 'update' | 'delete'): string {
  const v = `${row}.${q(column)}`;
  if (SECRET_COLUMN.test(column)) {
    if (op === 'update' && row === 'NEW')
      return `CASE WHEN ${v} IS NULL THEN NULL WHEN ${v} IS OLD.${q(column)} THEN ${lit(SECRET_MARK)} ELSE ${lit(`${SECRET_MARK} (changed)`)} END`;
    return `CASE WHEN ${v} IS NULL THEN NULL ELSE ${lit(SECRET_MARK)} END`;
  }
  return `CASE typeof(${v}) WHEN 'blob' THEN 'blob, ' || length(${v}) || ' bytes' ELSE ${v} END`;
}

function rowJson(columns: Column[], row: 'OLD' | 'NEW', op: 'insert' | 'update' | 'delete'): string {
  const pairs = columns.slice(0, MAX_COLUMNS).flatMap((c) => [lit(c.name), valueExpr(c.name, row, op)]);
  if (columns.length > MAX_COLUMNS) pairs.push(lit('_moreColumns'), String(columns.length - MAX_COLUMNS));
  return `json_object(${pairs.join(', ')})`;
}

function keyExpr(columns: Column[], row: 'OLD' | 'NEW'): string {
  const pk = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
  if (pk.length === 0) return `CAST(${row}.rowid AS TEXT)`;
  return pk.map((c) => `COALESCE(CAST(${row}.${q(c.name)} AS TEXT), '')`).join(" || '/' || ");
}

const capped = (expr: string) =>
  `CASE WHEN length(${expr}) > ${MAX_ROW_JSON} THEN json_object('truncated', length(${expr})) ELSE ${expr} END`;

/**
 * Creates the TEMP table and triggers on this (writer) connection. Returns the audited tables;
 * none before the audit migration has run (a test store migrated part way).
 */
export async function installAuditTriggers(conn: Queryable): Promise<string[]> {
  const ready = await conn.get("SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = 'audit_changes'");
  if (!ready) return [];
  await conn.run('CREATE TEMP TABLE IF NOT EXISTS audit_ctx (entry_id INTEGER NOT NULL)');
  const tables = await conn.all<{ name: string; sql: string }>(
    "SELECT name, sql FROM main.sqlite_master WHERE type = 'table' ORDER BY name",
  );
  const audited: string[] = [];
  for (const t of tables) {
    if (NOT_AUDITED.test(t.name) || /^CREATE VIRTUAL/i.test(t.sql)) continue;
    const columns = await conn.all<Column>(`PRAGMA main.table_info(${q(t.name)})`);
    const ops = [
      ['insert', 'INSERT', 'NULL', rowJson(columns, 'NEW', 'insert'), keyExpr(columns, 'NEW')],
      ['update', 'UPDATE', rowJson(columns, 'OLD', 'update'), rowJson(columns, 'NEW', 'update'), keyExpr(columns, 'NEW')],
      ['delete', 'DELETE', rowJson(columns, 'OLD', 'delete'), 'NULL', keyExpr(columns, 'OLD')],
    ] as const;
    for (const [op, event, before, after, key] of ops) {
      const trigger = q(`audit_${t.name}_${op}`);
      await conn.run(`DROP TRIGGER IF EXISTS temp.${trigger}`);
      await conn.run(
        `CREATE TEMP TRIGGER ${trigger} AFTER ${event} ON main.${q(t.name)}
         WHEN EXISTS (SELECT 1 FROM audit_ctx)
         BEGIN
           INSERT INTO audit_changes (entry_id, tbl, row_key, op, before, after)
           SELECT c.entry_id, ${lit(t.name)}, ${key}, '${op}', ${capped('j.b')}, ${capped('j.a')}
           FROM audit_ctx c, (SELECT ${before} AS b, ${after} AS a) j
           WHERE j.b IS NOT j.a;
         END`,
      );
    }
    audited.push(t.name);
  }
  return audited;
}

/** An input as the trail keeps it: secrets blanked, long strings (file chunks) by their length. */
export function auditInput(input: unknown): string | null {
  const clean = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') return v.length > MAX_INPUT_STRING ? `(${v.length} characters)` : v;
    if (depth > 8 || v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.length > 200 ? `(${v.length} items)` : v.map((x) => clean(x, depth + 1));
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [k, SECRET_KEY.test(k) && x != null ? SECRET_MARK : clean(x, depth + 1)]),
    );
  };
  const text = JSON.stringify(clean(input ?? null, 0));
  return text.length > MAX_ROW_JSON ? JSON.stringify({ truncated: text.length }) : text;
}

async function insertEntry(tx: Queryable, scope: RequestScope, outcome: string): Promise<number> {
  const r = await tx.run(
    `INSERT INTO audit_entries (at, actor, role, workstation, command, request_id, input, outcome)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      scope.at,
      scope.who.actor,
      scope.who.role,
      scope.who.workstation ?? '',
      scope.command,
      scope.requestId,
      auditInput(scope.input),
      outcome,
    ],
  );
  return r.lastID;
}

/**
 * Called by `Database.write` after BEGIN inside a mutating request: the request's entry (made
 * now, or by an earlier transaction of the same request) becomes the one changes are copied to.
 * Returns the entry id, to keep on the scope once the transaction commits.
 */
export async function beginAudit(tx: Queryable, scope: RequestScope): Promise<number> {
  const id = scope.auditEntryId ?? (await insertEntry(tx, scope, 'ok'));
  await tx.run('INSERT INTO audit_ctx (entry_id) VALUES (?)', [id]);
  return id;
}

/** Before COMMIT: writes after this are no longer the request's. */
export async function endAudit(tx: Queryable): Promise<void> {
  await tx.run('DELETE FROM audit_ctx');
}

/**
 * When a request's answer is kept: a mutation that stored nothing still gets its entry; one that
 * stored something and then failed has the failure written on its entry.
 */
export async function finishAudit(tx: Queryable, scope: RequestScope, outcome: string): Promise<void> {
  if (scope.auditEntryId === undefined) {
    if (outcome === 'ok') scope.auditEntryId = await insertEntry(tx, scope, outcome);
  } else if (outcome !== 'ok') {
    await tx.run('UPDATE audit_entries SET outcome = ? WHERE id = ?', [outcome, scope.auditEntryId]);
  }
}
