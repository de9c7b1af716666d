import { execAll, type Migration } from '../migrate';

/**
 * Local users of a shared workstation and its one session: who is signed in, whether it is
 * locked, and after how long without activity it locks. The PIN is kept as a scrypt hash
 * (`scrypt$N$r$p$salt$hash`), the badge as the SHA-256 of its code; neither is ever kept in clear.
 * A local admin (no PIN, no badge) is the first user, so a single-user install works as before.
 */
export const m0014WorkstationUsers: Migration = {
  version: 14,
  name: 'workstation-users',
  async up(tx) {
    await execAll(
      tx,
      `CREATE TABLE local_users (
         id TEXT PRIMARY KEY,
         name TEXT NOT NULL,
         role TEXT NOT NULL CHECK (role IN ('admin', 'dispatcher', 'operator', 'viewer')),
         pin_hash TEXT,
         badge_hash TEXT UNIQUE,
         failed_pins INTEGER NOT NULL DEFAULT 0,
         pin_blocked_until INTEGER,
         created_at INTEGER NOT NULL,
         updated_at INTEGER NOT NULL
       ) WITHOUT ROWID;
       INSERT INTO local_users (id, name, role, created_at, updated_at)
         VALUES ('local-admin', 'Local admin', 'admin', 0, 0);
       CREATE TABLE workstation_session (
         id INTEGER PRIMARY KEY CHECK (id = 1),
         user_id TEXT REFERENCES local_users(id) ON DELETE SET NULL,
         locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
         idle_lock_seconds INTEGER NOT NULL DEFAULT 300,
         signed_in_at INTEGER NOT NULL DEFAULT 0
       );
       INSERT INTO workstation_session (id, user_id) VALUES (1, 'local-admin');`,
    );
  },
};
