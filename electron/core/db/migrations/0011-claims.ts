import { execAll, type Migration } from '../migrate';

/**
 * Claims and receiving with evidence. Each record is its wire JSON (`data`, as the sync server
 * stores it) plus the columns lists filter and sort on. Files (photos, PDFs) stay in the
 * attachment store, kept by `file_refs` under the owner `claim:<id>` or `receipt:<id>`.
 */
export const m0011Claims: Migration = {
  version: 11,
  name: 'claims',
  async up(tx) {
    await execAll(
      tx,
      `CREATE TABLE claims (
         id TEXT PRIMARY KEY,
         data TEXT NOT NULL CHECK (json_valid(data)),
         status TEXT NOT NULL,
         carrier_name TEXT NOT NULL,
         updated_at INTEGER NOT NULL
       );
       CREATE INDEX claims_status ON claims(status, updated_at);
       CREATE TABLE claim_receipts (
         id TEXT PRIMARY KEY,
         appointment_id TEXT NOT NULL,
         data TEXT NOT NULL CHECK (json_valid(data))
       );
       CREATE INDEX claim_receipts_appointment ON claim_receipts(appointment_id);`,
    );
  },
};
