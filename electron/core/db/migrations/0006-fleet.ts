import { execAll, type Migration } from '../migrate';

/**
 * Fleet tracking. The vehicle register stays route planning's (`route_vehicles`, `route_drivers`):
 * it gains a `planning` flag (a tracked van need not be planned), and fleet adds its own tables
 * keyed by the register's ids.
 *
 * `fleet_positions` is the big one: a WITHOUT ROWID table clustered on (tracker, time), so "this
 * tracker over a time range" is one sequential range read and a duplicate fix (same tracker, same
 * time) is a primary-key hit. Every column is an integer — the tracker's small key rather than its
 * UUID, degrees × 10^6 (11 cm), tenths of km/h, whole degrees and metres — so rows stay short and a
 * replay that reads hundreds of thousands of them is not spent formatting floats. `odo` and `eng`
 * are the tracker's running distance (m) and moving time (s) at each fix: the distance between any
 * two instants is then two key lookups. No foreign key on it: a check per
 * inserted row would halve ingestion; trackers are deleted with their positions instead.
 */
export const m0006Fleet: Migration = {
  version: 6,
  name: 'fleet',
  async up(tx) {
    await execAll(
      tx,
      `
      ALTER TABLE route_vehicles ADD COLUMN planning INTEGER NOT NULL DEFAULT 1 CHECK (planning IN (0, 1));
      CREATE TABLE fleet_trackers (
        key INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        site_id TEXT NOT NULL REFERENCES sites(id),
        uid TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL DEFAULT '',
        vehicle_id TEXT UNIQUE REFERENCES route_vehicles(id),
        enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE fleet_positions (
        tracker INTEGER NOT NULL,
        t INTEGER NOT NULL,
        lat_e6 INTEGER NOT NULL,
        lon_e6 INTEGER NOT NULL,
        speed_dkmh INTEGER NOT NULL,
        course INTEGER,
        alt INTEGER,
        acc INTEGER,
        batt INTEGER,
        odo INTEGER NOT NULL,
        eng INTEGER NOT NULL,
        PRIMARY KEY (tracker, t)
      ) WITHOUT ROWID;
      CREATE TABLE fleet_tracker_state (
        tracker INTEGER PRIMARY KEY REFERENCES fleet_trackers(key) ON DELETE CASCADE,
        t INTEGER NOT NULL,
        lat REAL NOT NULL,
        lon REAL NOT NULL,
        speed REAL NOT NULL,
        course REAL,
        acc REAL,
        batt REAL,
        odo REAL NOT NULL,
        eng REAL NOT NULL,
        moving INTEGER NOT NULL CHECK (moving IN (0, 1)),
        since INTEGER NOT NULL,
        ignition INTEGER CHECK (ignition IN (0, 1))
      );
      CREATE TABLE fleet_driver_assignments (
        id TEXT PRIMARY KEY,
        vehicle_id TEXT NOT NULL REFERENCES route_vehicles(id),
        driver_id TEXT REFERENCES route_drivers(id),
        from_at INTEGER NOT NULL,
        to_at INTEGER CHECK (to_at IS NULL OR to_at >= from_at),
        by TEXT NOT NULL
      );
      CREATE INDEX fleet_driver_assignments_vehicle ON fleet_driver_assignments(vehicle_id, from_at);
      CREATE INDEX fleet_driver_assignments_open ON fleet_driver_assignments(driver_id) WHERE to_at IS NULL;
      CREATE TABLE fleet_meter_readings (
        id TEXT PRIMARY KEY,
        vehicle_id TEXT NOT NULL REFERENCES route_vehicles(id),
        at INTEGER NOT NULL,
        odometer_km REAL CHECK (odometer_km >= 0),
        engine_hours REAL CHECK (engine_hours >= 0),
        by TEXT NOT NULL,
        CHECK (odometer_km IS NOT NULL OR engine_hours IS NOT NULL)
      );
      CREATE INDEX fleet_meter_readings_vehicle ON fleet_meter_readings(vehicle_id, at);
      CREATE TABLE fleet_geofences (
        id TEXT PRIMARY KEY,
        site_id TEXT NOT NULL REFERENCES sites(id),
        name TEXT NOT NULL,
        shape TEXT NOT NULL,
        color TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE fleet_rules (
        id TEXT PRIMARY KEY,
        site_id TEXT NOT NULL REFERENCES sites(id),
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('enter', 'exit', 'speeding', 'idle', 'offline')),
        geofence_id TEXT REFERENCES fleet_geofences(id) ON DELETE CASCADE,
        speed_limit_kmh REAL,
        minutes INTEGER,
        vehicle_ids TEXT NOT NULL DEFAULT '[]',
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE fleet_alerts (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('enter', 'exit', 'speeding', 'idle', 'offline', 'late')),
        rule_id TEXT,
        tracker INTEGER NOT NULL,
        vehicle_id TEXT,
        geofence_id TEXT,
        at INTEGER NOT NULL,
        lat REAL NOT NULL,
        lon REAL NOT NULL,
        value REAL,
        reference TEXT,
        ack_at INTEGER,
        ack_by TEXT
      );
      CREATE INDEX fleet_alerts_at ON fleet_alerts(at);
      CREATE INDEX fleet_alerts_open ON fleet_alerts(at) WHERE ack_at IS NULL;
      CREATE TABLE fleet_service_items (
        id TEXT PRIMARY KEY,
        vehicle_id TEXT NOT NULL REFERENCES route_vehicles(id),
        name TEXT NOT NULL,
        every_km REAL CHECK (every_km > 0),
        every_hours REAL CHECK (every_hours > 0),
        every_days INTEGER CHECK (every_days > 0),
        baseline_at INTEGER,
        baseline_km REAL,
        baseline_hours REAL,
        notes TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        CHECK (every_km IS NOT NULL OR every_hours IS NOT NULL OR every_days IS NOT NULL)
      );
      CREATE INDEX fleet_service_items_vehicle ON fleet_service_items(vehicle_id);
      CREATE TABLE fleet_service_records (
        id TEXT PRIMARY KEY,
        vehicle_id TEXT NOT NULL REFERENCES route_vehicles(id),
        done_at INTEGER NOT NULL,
        odometer_km REAL CHECK (odometer_km >= 0),
        engine_hours REAL CHECK (engine_hours >= 0),
        item_ids TEXT NOT NULL DEFAULT '[]',
        cost REAL NOT NULL DEFAULT 0 CHECK (cost >= 0),
        vendor TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        by TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX fleet_service_records_vehicle ON fleet_service_records(vehicle_id, done_at);
      CREATE TABLE fleet_fuel_entries (
        id TEXT PRIMARY KEY,
        vehicle_id TEXT NOT NULL REFERENCES route_vehicles(id),
        at INTEGER NOT NULL,
        odometer_km REAL NOT NULL CHECK (odometer_km >= 0),
        litres REAL NOT NULL CHECK (litres > 0),
        price_per_litre REAL NOT NULL DEFAULT 0 CHECK (price_per_litre >= 0),
        full INTEGER NOT NULL CHECK (full IN (0, 1)),
        missed_previous INTEGER NOT NULL DEFAULT 0 CHECK (missed_previous IN (0, 1)),
        station TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX fleet_fuel_entries_vehicle ON fleet_fuel_entries(vehicle_id, odometer_km);
      CREATE TABLE fleet_stop_visits (
        date TEXT NOT NULL,
        vehicle_id TEXT NOT NULL,
        order_id TEXT NOT NULL,
        arrived_at INTEGER,
        departed_at INTEGER,
        late_alerted INTEGER NOT NULL DEFAULT 0 CHECK (late_alerted IN (0, 1)),
        PRIMARY KEY (date, vehicle_id, order_id)
      );
      `,
    );
  },
};
