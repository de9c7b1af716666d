/** Routing settings: one JSON value in the settings table, merged over defaults on read. */
import { z } from 'zod';
import { DEFAULT_DIMENSIONS, type ParsedInput, type RoutingSettings } from '@shared/contract';
import type { Queryable, Readable } from '../../db/connection';

const KEY = 'routes.settings';

export const DEFAULT_SETTINGS: RoutingSettings = {
  // Until a manager sets the real depot: the demo DC in Jönköping.
  depot: { name: 'Depot', address: '', lat: 57.7815, lon: 14.1562 },
  dimensions: [...DEFAULT_DIMENSIONS],
  // No tile server until a manager sets one (Settings → Route planning): public tile servers
  // forbid heavy use without permission, and many sites are offline. Routes draw on a plain base.
  tileUrl: '',
  tileAttribution: '',
  osrmUrl: '',
  osrmTimeoutSec: 15,
  roadFactor: 1.3,
  defaultTimeLimitSec: 10,
};

// Stored values are read leniently: a field that no longer parses falls back to its default.
const stored = z
  .object({
    depot: z.object({ name: z.string(), address: z.string(), lat: z.number(), lon: z.number() }),
    dimensions: z.array(z.string()).min(1),
    tileUrl: z.string(),
    tileAttribution: z.string(),
    osrmUrl: z.string(),
    osrmTimeoutSec: z.number().positive(),
    roadFactor: z.number().min(1),
    defaultTimeLimitSec: z.number().int().positive(),
  })
  .partial();

export async function readSettings(db: Readable): Promise<RoutingSettings> {
  const row = await db.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [KEY]);
  if (!row) return structuredClone(DEFAULT_SETTINGS);
  let raw: unknown;
  try {
    raw = JSON.parse(row.value);
  } catch {
    raw = {};
  }
  const parsed = stored.safeParse(raw);
  return { ...structuredClone(DEFAULT_SETTINGS), ...(parsed.success ? parsed.data : {}) };
}

export async function writeSettings(
  tx: Queryable,
  patch: ParsedInput<'routes.updateSettings'>,
): Promise<RoutingSettings> {
  const current = await readSettings(tx);
  const next: RoutingSettings = { ...current };
  for (const [k, v] of Object.entries(patch)) if (v !== undefined) Object.assign(next, { [k]: v });
  next.dimensions = [...new Set(next.dimensions)];
  next.tileUrl = next.tileUrl.trim();
  next.osrmUrl = next.osrmUrl.trim().replace(/\/+$/, '');
  await tx.run('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)', [KEY, JSON.stringify(next)]);
  return next;
}

export type UrlProblem = 'not_a_url' | 'url_scheme' | 'tile_placeholders';

/** URLs the core itself will fetch: only http(s), and a tile URL must say where z/x/y go. */
export function urlProblem(
  kind: 'tileUrl' | 'osrmUrl',
  value: string,
): { reason: UrlProblem; message: string } | null {
  if (value === '') return null;
  let url: URL;
  try {
    url = new URL(value.replace(/\{[a-z]\}/g, '0'));
  } catch {
    return { reason: 'not_a_url', message: `${value} is not a web address` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { reason: 'url_scheme', message: 'Only http:// and https:// addresses are allowed' };
  if (kind === 'tileUrl' && !['{z}', '{x}', '{y}'].every((p) => value.includes(p)))
    return { reason: 'tile_placeholders', message: 'The tile address must contain {z}, {x} and {y}' };
  return null;
}
