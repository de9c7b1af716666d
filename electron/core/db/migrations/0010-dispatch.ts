import { execAll, type Migration } from '../migrate';

/**
 * Dispatch operations (`electron/core/dispatch/`): jobs (a route or an order on offer), the offers
 * made for them, and each driver's availability. Rows are kept as the synced JSON (`data`), with
 * the few fields the board and the expiry sweep look up as their own indexed columns.
 */
export const m0010Dispatch: Migration = {
  version: 10,
  name: 'dispatch',
  async up(tx) {
    await execAll(
      tx,
      `CREATE TABLE dispatch_jobs (
         id TEXT PRIMARY KEY,
         date TEXT NOT NULL,
         state TEXT NOT NULL,
         data TEXT NOT NULL CHECK (json_valid(data))
       );
       CREATE INDEX dispatch_jobs_date ON dispatch_jobs(date, state);
       CREATE TABLE dispatch_offers (
         id TEXT PRIMARY KEY,
         job_id TEXT NOT NULL,
         state TEXT NOT NULL,
         expires_at INTEGER NOT NULL,
         data TEXT NOT NULL CHECK (json_valid(data))
       );
       CREATE INDEX dispatch_offers_job ON dispatch_offers(job_id);
       CREATE INDEX dispatch_offers_open ON dispatch_offers(expires_at) WHERE state = 'open';
       CREATE TABLE dispatch_driver_states (
         id TEXT PRIMARY KEY,
         state TEXT NOT NULL,
         data TEXT NOT NULL CHECK (json_valid(data))
       );`,
    );
  },
};
