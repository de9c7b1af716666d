import type { SpeedUnit, TrackerSource } from '@shared/contract';

/** One position as a source decoded it, before any filter: every unit already converted. */
export interface RawFix {
  /** The device id it reported (the allow-list key). */
  uid: string;
  source: TrackerSource;
  at: number;
  lat: number;
  lon: number;
  speedKmh: number | null;
  course: number | null;
  altitudeM: number | null;
  accuracyM: number | null;
  /** Battery, percent. */
  battery: number | null;
  ignition: boolean | null;
  /** The device itself says the position is not a real fix (OsmAnd valid=false, NMEA status V). */
  valid: boolean;
}

/** A decoder's refusal, with the reason an operator sees in the source status. */
export interface DecodeError {
  reason: 'no_id' | 'no_position' | 'bad_value' | 'bad_time';
  message: string;
}

export type Decoded = { ok: true; fix: RawFix } | { ok: false; error: DecodeError };

const TO_KMH: Record<SpeedUnit, number> = { kn: 1.852, kmh: 1, ms: 3.6, mph: 1.609344 };

export function toKmh(value: number, unit: SpeedUnit): number {
  return value * TO_KMH[unit];
}

/** A GPS receiver's horizontal error is roughly HDOP × 5 m (a typical user range error). */
export const HDOP_TO_METRES = 5;
