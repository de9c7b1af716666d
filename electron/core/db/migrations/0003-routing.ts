import { execAll, type Migration } from '../migrate';

/**
 * Route planning: orders per day, vehicles, drivers, per-day absences, the working plan of each
 * day and its saved versions. Lists and amounts are JSON text (small, read whole, never queried
 * inside); times of day are minutes after local midnight.
 */
export const m0003Routing: Migration = {
  version: 3,
  name: 'routing',
  async up(tx) {
    await execAll(
      tx,
      `
      CREATE TABLE route_orders (
        id TEXT PRIMARY KEY,
        site_id TEXT NOT NULL REFERENCES sites(id),
        date TEXT NOT NULL,
        reference TEXT NOT NULL,
        customer TEXT NOT NULL,
        address TEXT NOT NULL DEFAULT '',
        lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
        lon REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
        kind TEXT NOT NULL CHECK (kind IN ('delivery', 'pickup')),
        service_min INTEGER NOT NULL CHECK (service_min >= 0),
        time_windows TEXT NOT NULL DEFAULT '[]',
        demand TEXT NOT NULL DEFAULT '{}',
        skills TEXT NOT NULL DEFAULT '[]',
        priority INTEGER NOT NULL DEFAULT 0 CHECK (priority BETWEEN 0 AND 100),
        paired_order_id TEXT REFERENCES route_orders(id) ON DELETE SET NULL,
        phone TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX route_orders_day ON route_orders(site_id, date);
      CREATE UNIQUE INDEX route_orders_reference ON route_orders(site_id, date, reference COLLATE NOCASE);
      CREATE TABLE route_vehicles (
        id TEXT PRIMARY KEY,
        site_id TEXT NOT NULL REFERENCES sites(id),
        name TEXT NOT NULL,
        plate TEXT NOT NULL DEFAULT '',
        profile TEXT NOT NULL CHECK (profile IN ('car', 'van', 'truck')),
        capacity TEXT NOT NULL DEFAULT '{}',
        skills TEXT NOT NULL DEFAULT '[]',
        shift_start INTEGER NOT NULL CHECK (shift_start BETWEEN 0 AND 1440),
        shift_end INTEGER NOT NULL CHECK (shift_end BETWEEN 0 AND 1440 AND shift_end > shift_start),
        break_from INTEGER,
        break_to INTEGER,
        break_min INTEGER NOT NULL DEFAULT 0 CHECK (break_min >= 0),
        max_duration_min INTEGER,
        max_distance_km REAL,
        fixed_cost REAL NOT NULL DEFAULT 0 CHECK (fixed_cost >= 0),
        cost_per_km REAL NOT NULL DEFAULT 0 CHECK (cost_per_km >= 0),
        cost_per_hour REAL NOT NULL DEFAULT 0 CHECK (cost_per_hour >= 0),
        max_trips INTEGER NOT NULL DEFAULT 1 CHECK (max_trips >= 1),
        reload_min INTEGER NOT NULL DEFAULT 0 CHECK (reload_min >= 0),
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        CHECK ((break_from IS NULL) = (break_to IS NULL) AND (break_from IS NULL OR break_to > break_from))
      );
      CREATE UNIQUE INDEX route_vehicles_name ON route_vehicles(site_id, name COLLATE NOCASE);
      CREATE TABLE route_drivers (
        id TEXT PRIMARY KEY,
        site_id TEXT NOT NULL REFERENCES sites(id),
        name TEXT NOT NULL,
        phone TEXT NOT NULL DEFAULT '',
        skills TEXT NOT NULL DEFAULT '[]',
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX route_drivers_name ON route_drivers(site_id, name COLLATE NOCASE);
      CREATE TABLE route_absences (
        site_id TEXT NOT NULL REFERENCES sites(id),
        date TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('vehicle', 'driver')),
        resource_id TEXT NOT NULL,
        PRIMARY KEY (site_id, date, kind, resource_id)
      );
      CREATE TABLE route_plans (
        site_id TEXT NOT NULL REFERENCES sites(id),
        date TEXT NOT NULL,
        revision INTEGER NOT NULL CHECK (revision >= 0),
        routes TEXT NOT NULL DEFAULT '[]',
        unassigned_reasons TEXT NOT NULL DEFAULT '{}',
        version INTEGER,
        modified INTEGER NOT NULL DEFAULT 1 CHECK (modified IN (0, 1)),
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (site_id, date)
      );
      CREATE TABLE route_plan_versions (
        site_id TEXT NOT NULL REFERENCES sites(id),
        date TEXT NOT NULL,
        version INTEGER NOT NULL CHECK (version >= 1),
        status TEXT NOT NULL CHECK (status IN ('saved', 'dispatched')),
        note TEXT NOT NULL DEFAULT '',
        routes TEXT NOT NULL,
        unassigned_reasons TEXT NOT NULL DEFAULT '{}',
        plan TEXT NOT NULL,
        summary TEXT NOT NULL,
        saved_by TEXT NOT NULL,
        saved_at INTEGER NOT NULL,
        dispatched_at INTEGER,
        PRIMARY KEY (site_id, date, version)
      );
      `,
    );
  },
};
