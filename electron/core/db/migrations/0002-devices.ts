import { execAll, type Migration } from '../migrate';

/**
 * Devices: printers and their durable print queue, the SSCC serial counter, serial scanners,
 * dock I/O modules and which door is wired to which module.
 */
export const m0002Devices: Migration = {
  version: 2,
  name: 'devices',
  async up(tx) {
    await execAll(
      tx,
      `
      CREATE TABLE printers (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        transport TEXT NOT NULL,
        dpi INTEGER NOT NULL CHECK (dpi IN (203, 300, 600)),
        label_width_mm REAL NOT NULL CHECK (label_width_mm > 0),
        label_height_mm REAL NOT NULL CHECK (label_height_mm > 0),
        default_templates TEXT NOT NULL DEFAULT '{}',
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX printers_name ON printers(name COLLATE NOCASE);
      CREATE TABLE print_batches (
        id TEXT PRIMARY KEY,
        printer_id TEXT NOT NULL REFERENCES printers(id),
        title TEXT NOT NULL,
        total INTEGER NOT NULL CHECK (total > 0),
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE print_jobs (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        printer_id TEXT NOT NULL REFERENCES printers(id),
        batch_id TEXT REFERENCES print_batches(id),
        template TEXT,
        title TEXT NOT NULL,
        zpl TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'queued'
          CHECK (state IN ('queued', 'sending', 'printed', 'failed', 'cancelled', 'uncertain')),
        reason TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        reprint_of TEXT REFERENCES print_jobs(id),
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        sent_at INTEGER,
        finished_at INTEGER
      );
      CREATE INDEX print_jobs_queue ON print_jobs(printer_id, seq) WHERE state = 'queued';
      CREATE INDEX print_jobs_history ON print_jobs(printer_id, created_at);
      CREATE INDEX print_jobs_batch ON print_jobs(batch_id) WHERE batch_id IS NOT NULL;
      CREATE TABLE sscc_counters (
        company_prefix TEXT NOT NULL,
        extension INTEGER NOT NULL CHECK (extension BETWEEN 0 AND 9),
        next_serial INTEGER NOT NULL CHECK (next_serial >= 0),
        PRIMARY KEY (company_prefix, extension)
      );
      CREATE TABLE scanners (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        path TEXT NOT NULL,
        baud_rate INTEGER NOT NULL DEFAULT 9600,
        framing TEXT NOT NULL DEFAULT 'cr' CHECK (framing IN ('cr', 'crlf')),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE dock_io_modules (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        transport TEXT NOT NULL,
        poll_ms INTEGER NOT NULL DEFAULT 250 CHECK (poll_ms >= 50),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE door_io (
        door_id TEXT PRIMARY KEY REFERENCES doors(id),
        module_id TEXT NOT NULL REFERENCES dock_io_modules(id),
        register_map TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
      `,
    );
  },
};
