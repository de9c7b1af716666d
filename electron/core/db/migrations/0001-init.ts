import { execAll, type Migration } from '../migrate';

/** Sites, dock doors, carriers, appointments, the outbox of user mutations, and settings. */
export const m0001Init: Migration = {
  version: 1,
  name: 'init',
  async up(tx) {
    await execAll(
      tx,
      `
      CREATE TABLE sites (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        time_zone TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE doors (
        id TEXT PRIMARY KEY,
        site_id TEXT NOT NULL REFERENCES sites(id),
        name TEXT NOT NULL,
        direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound', 'both')),
        equipment TEXT NOT NULL DEFAULT '[]',
        opens_at INTEGER NOT NULL CHECK (opens_at BETWEEN 0 AND 1440),
        closes_at INTEGER NOT NULL CHECK (closes_at BETWEEN 0 AND 1440 AND closes_at > opens_at),
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        sort_order INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX doors_site_name ON doors(site_id, name COLLATE NOCASE);
      CREATE TABLE carriers (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX carriers_name ON carriers(name COLLATE NOCASE);
      CREATE TABLE appointments (
        id TEXT PRIMARY KEY,
        door_id TEXT NOT NULL REFERENCES doors(id),
        carrier_id TEXT NOT NULL REFERENCES carriers(id),
        reference TEXT NOT NULL,
        start_at INTEGER NOT NULL,
        end_at INTEGER NOT NULL CHECK (end_at > start_at),
        load_type TEXT NOT NULL,
        pallets INTEGER NOT NULL CHECK (pallets >= 0),
        notes TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled')),
        cancel_reason TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX appointments_door_time ON appointments(door_id, start_at) WHERE status = 'booked';
      CREATE INDEX appointments_start ON appointments(start_at);
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        args TEXT NOT NULL,
        actor TEXT NOT NULL,
        at INTEGER NOT NULL,
        pushed_at INTEGER
      );
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      `,
    );
  },
};
