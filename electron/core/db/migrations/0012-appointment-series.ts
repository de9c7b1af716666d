import { execAll, type Migration } from '../migrate';

/**
 * Standing appointments: `appointment_series` (an RFC 5545 rule in the site's zone, its window
 * and the fields each occurrence gets), and on `appointments` the series an occurrence belongs
 * to, the date the series gave it and whether it was edited on its own (`detached`). No foreign
 * key to the series: sync writes series and appointments as separate entities, in any order.
 */
export const m0012AppointmentSeries: Migration = {
  version: 12,
  name: 'appointment-series',
  async up(tx) {
    await execAll(
      tx,
      `CREATE TABLE appointment_series (
         id TEXT PRIMARY KEY,
         door_id TEXT NOT NULL,
         carrier_id TEXT NOT NULL,
         reference TEXT NOT NULL,
         rrule TEXT NOT NULL,
         anchor_date TEXT NOT NULL,
         from_date TEXT NOT NULL,
         until_date TEXT,
         time TEXT NOT NULL,
         duration_min INTEGER NOT NULL CHECK (duration_min > 0),
         load_type TEXT NOT NULL,
         pallets INTEGER NOT NULL CHECK (pallets >= 0),
         notes TEXT NOT NULL DEFAULT '',
         status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
         cancel_reason TEXT,
         created_at INTEGER NOT NULL,
         updated_at INTEGER NOT NULL
       );
       ALTER TABLE appointments ADD COLUMN series_id TEXT;
       ALTER TABLE appointments ADD COLUMN occurrence_date TEXT;
       ALTER TABLE appointments ADD COLUMN detached INTEGER NOT NULL DEFAULT 0 CHECK (detached IN (0, 1));
       CREATE INDEX appointments_series ON appointments(series_id, occurrence_date) WHERE series_id IS NOT NULL;`,
    );
  },
};
