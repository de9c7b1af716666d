import { z } from 'zod';
import { calendarDate, command, PLANNERS } from './define';

/**
 * The audit trail (written by the kernel for every mutating request, `electron/core/db/audit.ts`):
 * who, when, from which workstation, which command with what input, and each stored row it
 * changed, before and after. Read by administrators and dispatchers.
 */
export interface AuditEntry {
  id: number;
  at: number;
  actor: string;
  role: string;
  workstation: string;
  command: string;
  /** `ok`, or the error code it ended with after storing something (a wrong PIN counted). */
  outcome: string;
  /** The input as kept (secrets blanked), cut to a short summary in lists. */
  input: string | null;
  changeCount: number;
  /** The first records changed, `table/key`. */
  records: string[];
}

export interface AuditChange {
  table: string;
  key: string;
  op: 'insert' | 'update' | 'delete';
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface AuditEntryDetail extends AuditEntry {
  changes: AuditChange[];
  /** Changes left out to fit one answer (a large import). */
  omitted: number;
}

export const AUDIT_PAGE_MAX = 500;

export const auditCommands = {
  /** Newest first; page on with `beforeId` (the last id seen). Dates are the site's calendar days. */
  'audit.entries': command<{ entries: AuditEntry[]; more: boolean }>()(
    z.object({
      actor: z.string().max(120).optional(),
      /** A record: `table/key`, a key, a table name, or text its rows contain (a reference, a name). */
      record: z.string().trim().max(200).optional(),
      command: z.string().max(64).optional(),
      from: calendarDate.optional(),
      to: calendarDate.optional(),
      beforeId: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(AUDIT_PAGE_MAX).default(200),
    }),
    PLANNERS,
  ),
  'audit.entry': command<AuditEntryDetail>()(z.object({ id: z.number().int().positive() }), PLANNERS),
  /** Everyone who appears in the trail, for the user filter. */
  'audit.actors': command<string[]>()(z.object({}), PLANNERS),
};
