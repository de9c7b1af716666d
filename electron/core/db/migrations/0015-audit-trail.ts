import { execAll, type Migration } from '../migrate';

/**
 * The audit trail: one entry per mutating request (who, role, which workstation, when, the
 * command and its input with secrets blanked, and how it ended) and one change row per stored
 * row it inserted, updated or deleted, with the row before and after as JSON. Written by the
 * kernel (`db/audit.ts`), never by a domain.
 */
export const m0015AuditTrail: Migration = {
  version: 15,
  name: 'audit-trail',
  async up(tx) {
    await execAll(
      tx,
      `CREATE TABLE audit_entries (
         id INTEGER PRIMARY KEY,
         at INTEGER NOT NULL,
         actor TEXT NOT NULL,
         role TEXT NOT NULL,
         workstation TEXT NOT NULL,
         command TEXT NOT NULL,
         request_id TEXT NOT NULL,
         input TEXT,
         outcome TEXT NOT NULL DEFAULT 'ok'
       );
       CREATE INDEX audit_entries_at ON audit_entries(at);
       CREATE INDEX audit_entries_actor ON audit_entries(actor, at);
       CREATE TABLE audit_changes (
         id INTEGER PRIMARY KEY,
         entry_id INTEGER NOT NULL REFERENCES audit_entries(id) ON DELETE CASCADE,
         tbl TEXT NOT NULL,
         row_key TEXT NOT NULL,
         op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
         before TEXT,
         after TEXT
       );
       CREATE INDEX audit_changes_entry ON audit_changes(entry_id);
       CREATE INDEX audit_changes_record ON audit_changes(row_key);`,
    );
  },
};
