import { execAll, type Migration } from '../migrate';

/**
 * Dock alerts raised from door sensors and the timeline on this workstation (not synced: the
 * sensors are local). At most one open alert per kind, door and appointment.
 */
export const m0016DockAlerts: Migration = {
  version: 16,
  name: 'dock-alerts',
  async up(tx) {
    await execAll(
      tx,
      `CREATE TABLE dock_alerts (
         id TEXT PRIMARY KEY,
         kind TEXT NOT NULL CHECK (kind IN ('not_at_door', 'wrong_door', 'open_no_trailer', 'restraint_open')),
         door_id TEXT,
         appointment_id TEXT,
         message TEXT NOT NULL,
         raised_at INTEGER NOT NULL,
         cleared_at INTEGER,
         acknowledged_at INTEGER,
         acknowledged_by TEXT
       );
       CREATE UNIQUE INDEX dock_alerts_open ON dock_alerts(kind, coalesce(door_id, ''), coalesce(appointment_id, ''))
         WHERE cleared_at IS NULL;
       CREATE INDEX dock_alerts_unacked ON dock_alerts(raised_at) WHERE acknowledged_at IS NULL;`,
    );
  },
};
