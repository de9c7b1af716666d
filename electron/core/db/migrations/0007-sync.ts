import { execAll, type Migration } from '../migrate';

/**
 * Sync with a server: a gapless sync id for the outbox rows that sync (device and station changes
 * never do), who made them and which server state they were made on; the workstation's sync
 * settings; the last server copy of every synced row (what a rebase restores); the rows changed
 * locally since (`sync_dirty`); pulled pages waiting for their last page; and the "Needs
 * attention" inbox. A door's local device wiring goes with the door if the door goes. Booked
 * references are indexed without case: every booking checks for a duplicate reference.
 */
export const m0007Sync: Migration = {
  version: 7,
  name: 'sync',
  async up(tx) {
    await execAll(
      tx,
      `
      ALTER TABLE outbox ADD COLUMN sync_id INTEGER;
      ALTER TABLE outbox ADD COLUMN user_id TEXT;
      ALTER TABLE outbox ADD COLUMN base_version INTEGER;
      CREATE UNIQUE INDEX outbox_sync_id ON outbox(sync_id) WHERE sync_id IS NOT NULL;
      CREATE TABLE sync_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      CREATE TABLE sync_rows (
        entity TEXT NOT NULL,
        id TEXT NOT NULL,
        version INTEGER NOT NULL,
        data TEXT NOT NULL,
        changed_by TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (entity, id)
      );
      CREATE TABLE sync_dirty (
        entity TEXT NOT NULL,
        id TEXT NOT NULL,
        PRIMARY KEY (entity, id)
      );
      CREATE TABLE sync_incoming (
        entity TEXT NOT NULL,
        id TEXT NOT NULL,
        version INTEGER NOT NULL,
        data TEXT,
        changed_by TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (entity, id)
      );
      CREATE TABLE sync_inbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('rejected', 'overridden')),
        sync_id INTEGER NOT NULL,
        name TEXT NOT NULL,
        args TEXT NOT NULL DEFAULT 'null',
        actor TEXT NOT NULL,
        user_id TEXT,
        code TEXT,
        message TEXT NOT NULL,
        details TEXT,
        entity TEXT,
        entity_id TEXT,
        field TEXT NOT NULL DEFAULT '',
        yours TEXT,
        theirs TEXT,
        changed_by TEXT,
        changed_at INTEGER,
        created_at INTEGER NOT NULL,
        resolved_at INTEGER,
        resolution TEXT CHECK (resolution IN ('retried', 'discarded', 'seen')),
        UNIQUE (kind, sync_id, field)
      );
      CREATE TABLE door_io_new (
        door_id TEXT PRIMARY KEY REFERENCES doors(id) ON DELETE CASCADE,
        module_id TEXT NOT NULL REFERENCES dock_io_modules(id),
        register_map TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
      INSERT INTO door_io_new SELECT door_id, module_id, register_map, updated_at FROM door_io;
      DROP TABLE door_io;
      ALTER TABLE door_io_new RENAME TO door_io;
      CREATE INDEX appointments_reference ON appointments(lower(trim(reference))) WHERE status = 'booked';
      `,
    );
  },
};
