/** Fleet settings: one JSON value in the settings table, merged over defaults on read. */
import { z } from 'zod';
import { SPEED_UNITS, type FleetSettings, type ParsedInput } from '@shared/contract';
import { DEFAULT_TRIP_RULES } from '@shared/domain/fleet/trips';
import type { Queryable, Readable } from '../db/connection';

const KEY = 'fleet.settings';

/** Traccar's port for the OsmAnd protocol, so phones set up for Traccar need only the address. */
export const DEFAULT_OSMAND_PORT = 5055;

export const DEFAULT_FLEET_SETTINGS: FleetSettings = {
  listener: { enabled: true, port: DEFAULT_OSMAND_PORT, lan: false, speedUnit: 'kn' },
  nmea: [],
  retentionDays: 90,
  maxAccuracyM: 100,
  maxJumpKmh: 300,
  offlineMinutes: 10,
  trip: DEFAULT_TRIP_RULES,
  arrivalRadiusM: 150,
  lateToleranceMin: 15,
};

// Stored values are read leniently: a part that no longer parses falls back to its default.
const stored = z
  .object({
    listener: z
      .object({
        enabled: z.boolean(),
        port: z.number().int().min(1).max(65_535),
        lan: z.boolean(),
        speedUnit: z.enum(SPEED_UNITS),
      })
      .partial(),
    nmea: z.array(z.object({ path: z.string(), baudRate: z.number().int(), trackerUid: z.string() })),
    retentionDays: z.number().int().positive(),
    maxAccuracyM: z.number().positive(),
    maxJumpKmh: z.number().positive(),
    offlineMinutes: z.number().positive(),
    trip: z
      .object({
        speedThresholdKmh: z.number().min(0),
        minTripDurationS: z.number().min(0),
        minTripDistanceM: z.number().min(0),
        minParkingDurationS: z.number().min(0),
        minNoDataDurationS: z.number().positive(),
      })
      .partial(),
    arrivalRadiusM: z.number().positive(),
    lateToleranceMin: z.number().min(0),
  })
  .partial();

function merge(base: FleetSettings, patch: z.infer<typeof stored>): FleetSettings {
  return {
    ...base,
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
    listener: { ...base.listener, ...patch.listener },
    trip: { ...base.trip, ...patch.trip },
  } as FleetSettings;
}

export async function readFleetSettings(db: Readable): Promise<FleetSettings> {
  const row = await db.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [KEY]);
  const defaults = structuredClone(DEFAULT_FLEET_SETTINGS);
  if (!row) return defaults;
  let raw: unknown;
  try {
    raw = JSON.parse(row.value);
  } catch {
    return defaults;
  }
  const parsed = stored.safeParse(raw);
  return parsed.success ? merge(defaults, parsed.data) : defaults;
}

export async function writeFleetSettings(
  tx: Queryable,
  patch: ParsedInput<'fleet.updateSettings'>,
): Promise<FleetSettings> {
  const next = merge(await readFleetSettings(tx), patch);
  await tx.run('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)', [KEY, JSON.stringify(next)]);
  return next;
}
