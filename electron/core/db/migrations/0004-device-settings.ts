import { execAll, type Migration } from '../migrate';

/**
 * Devices wired to the app: scanner prefix / GS placeholder / active flag, which rows drive the
 * simulators of simulated-devices mode, and the persisted scan stream (recent scans survive a
 * restart; pruned to the newest few thousand).
 */
export const m0004DeviceSettings: Migration = {
  version: 4,
  name: 'device-settings',
  async up(tx) {
    await execAll(
      tx,
      `
      ALTER TABLE scanners ADD COLUMN prefix TEXT NOT NULL DEFAULT '';
      ALTER TABLE scanners ADD COLUMN gs_placeholder TEXT NOT NULL DEFAULT '';
      ALTER TABLE scanners ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));
      ALTER TABLE scanners ADD COLUMN simulated INTEGER NOT NULL DEFAULT 0 CHECK (simulated IN (0, 1));
      ALTER TABLE printers ADD COLUMN simulated INTEGER NOT NULL DEFAULT 0 CHECK (simulated IN (0, 1));
      ALTER TABLE dock_io_modules ADD COLUMN simulated INTEGER NOT NULL DEFAULT 0 CHECK (simulated IN (0, 1));
      CREATE TABLE device_scans (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        source_name TEXT NOT NULL,
        symbology TEXT NOT NULL,
        aim TEXT,
        raw TEXT NOT NULL,
        ais TEXT,
        gs1_error TEXT,
        at INTEGER NOT NULL
      );
      CREATE INDEX device_scans_source ON device_scans(source, seq);
      `,
    );
  },
};
