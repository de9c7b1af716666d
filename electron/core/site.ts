import { randomUUID } from 'node:crypto';
import type { Database } from './db/database';
import { isValidTimeZone } from '@shared/domain/time';

export interface Site {
  id: string;
  name: string;
  timeZone: string;
}

/** The site this workstation serves; created on first start. */
export async function ensureSite(db: Database, fallback: { name: string; timeZone: string }): Promise<Site> {
  const existing = await db.get<{ id: string; name: string; time_zone: string }>(
    'SELECT id, name, time_zone FROM sites ORDER BY created_at LIMIT 1',
  );
  if (existing) return { id: existing.id, name: existing.name, timeZone: existing.time_zone };
  if (!isValidTimeZone(fallback.timeZone)) throw new Error(`unknown time zone: ${fallback.timeZone}`);
  const site = { id: randomUUID(), ...fallback };
  await db.write((tx) =>
    tx.run('INSERT INTO sites (id, name, time_zone, created_at) VALUES (?, ?, ?, ?)', [
      site.id,
      site.name,
      site.timeZone,
      Date.now(),
    ]),
  );
  return site;
}

export async function getSetting(db: Database, key: string): Promise<string | undefined> {
  return (await db.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [key]))?.value;
}
