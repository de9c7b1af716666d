import { execAll, type Migration } from '../migrate';

/**
 * The attachment store's index (`files`: one row per distinct content, by SHA-256; `file_refs`:
 * which record keeps a file) and the request log that makes mutating commands idempotent: a
 * client request id, the command and input it came with, and the first answer.
 */
export const m0008FilesAndRequestLog: Migration = {
  version: 8,
  name: 'files-and-request-log',
  async up(tx) {
    await execAll(
      tx,
      `CREATE TABLE files (
         id TEXT PRIMARY KEY,
         size INTEGER NOT NULL,
         kind TEXT NOT NULL,
         content_type TEXT NOT NULL,
         name TEXT NOT NULL,
         created_at INTEGER NOT NULL
       ) WITHOUT ROWID;
       CREATE TABLE file_refs (
         file_id TEXT NOT NULL REFERENCES files(id),
         owner TEXT NOT NULL,
         created_at INTEGER NOT NULL,
         PRIMARY KEY (file_id, owner)
       ) WITHOUT ROWID;
       CREATE INDEX file_refs_owner ON file_refs(owner);
       CREATE TABLE request_log (
         id TEXT PRIMARY KEY,
         command TEXT NOT NULL,
         input_hash TEXT NOT NULL,
         at INTEGER NOT NULL,
         response TEXT
       ) WITHOUT ROWID;
       CREATE INDEX request_log_at ON request_log(at);`,
    );
  },
};
