/**
 * The OsmAnd / Traccar Client protocol (Traccar's port 5055): one position per HTTP request, as
 * query or form parameters, or (Traccar Client 9+) a JSON body. Units follow Traccar: the `speed`
 * parameter is knots in its decoder, though apps differ, so the unit is a setting; accuracy and
 * altitude are metres, `batt` percent; the JSON form carries m/s and a 0–1 battery level.
 */
import type { SpeedUnit } from '@shared/contract';
import { HDOP_TO_METRES, toKmh, type Decoded, type DecodeError, type RawFix } from './fix';

const fail = (reason: DecodeError['reason'], message: string): Decoded => ({
  ok: false,
  error: { reason, message },
});

class BadValue extends Error {}

/** A number parameter: absent or empty is null, anything that is not a finite number is refused. */
function num(params: URLSearchParams, ...names: string[]): number | null {
  for (const name of names) {
    const raw = params.get(name);
    if (raw === null || raw.trim() === '') continue;
    const n = Number(raw.trim());
    if (!Number.isFinite(n)) throw new BadValue(`${name}=${raw.slice(0, 40)} is not a number`);
    return n;
  }
  return null;
}

/**
 * `timestamp` as epoch seconds or milliseconds, ISO 8601, or `yyyy-MM-dd HH:mm:ss` (UTC).
 * Seconds and milliseconds are told apart by size: 10^11 s lies in the 5th millennium.
 */
export function parseTimestamp(raw: string): number | null {
  const s = raw.trim();
  if (/^\d+(\.\d+)?$/.test(s)) {
    const n = Number(s);
    return Math.round(n >= 1e11 ? n : n * 1000);
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7] ?? ''}${m[8] ? m[8].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2') : 'Z'}`;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}

function bool(raw: string | null): boolean | null {
  if (raw === null) return null;
  const v = raw.trim().toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return null;
}

/** Query or form parameters → a fix. `now` stands in for a missing timestamp. */
export function decodeOsmandParams(params: URLSearchParams, speedUnit: SpeedUnit, now: number): Decoded {
  const uid = (params.get('id') ?? params.get('deviceid') ?? '').trim();
  if (!uid) return fail('no_id', 'The request has no device id (id or deviceid)');
  try {
    let lat = num(params, 'lat');
    let lon = num(params, 'lon');
    const location = params.get('location');
    if ((lat === null || lon === null) && location) {
      const parts = location.split(',').map((p) => Number(p.trim()));
      if (parts.length !== 2 || !parts.every(Number.isFinite))
        throw new BadValue(`location=${location.slice(0, 40)} is not "lat,lon"`);
      [lat, lon] = parts as [number, number];
    }
    if (lat === null || lon === null)
      return fail('no_position', `Device ${uid} sent no position (lat and lon)`);
    const rawTime = params.get('timestamp');
    let at = now;
    if (rawTime !== null && rawTime.trim() !== '') {
      const parsed = parseTimestamp(rawTime);
      if (parsed === null) return fail('bad_time', `timestamp=${rawTime.slice(0, 40)} is not a time`);
      at = parsed;
    }
    const speed = num(params, 'speed');
    const accuracy = num(params, 'accuracy');
    const hdop = num(params, 'hdop');
    const fix: RawFix = {
      uid,
      source: 'osmand',
      at,
      lat,
      lon,
      speedKmh: speed === null ? null : toKmh(speed, speedUnit),
      course: num(params, 'bearing', 'heading'),
      altitudeM: num(params, 'altitude'),
      accuracyM: accuracy ?? (hdop === null ? null : hdop * HDOP_TO_METRES),
      battery: num(params, 'batt'),
      ignition: bool(params.get('ignition')),
      valid: bool(params.get('valid')) ?? true,
    };
    return { ok: true, fix };
  } catch (err) {
    if (err instanceof BadValue) return fail('bad_value', `Device ${uid}: ${err.message}`);
    throw err;
  }
}

interface JsonLocation {
  device_id?: unknown;
  location?: {
    timestamp?: unknown;
    coords?: Record<string, unknown>;
    battery?: { level?: unknown };
    is_moving?: unknown;
  };
}

/** Traccar Client 9's JSON body: ISO time, m/s speed, 0–1 battery level. */
export function decodeOsmandJson(body: unknown, now: number): Decoded {
  const b = (body ?? {}) as JsonLocation;
  const uid =
    typeof b.device_id === 'string' || typeof b.device_id === 'number' ? String(b.device_id).trim() : '';
  if (!uid) return fail('no_id', 'The JSON body has no device_id');
  const c = b.location?.coords ?? {};
  const n = (key: string): number | null => {
    const v = c[key];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new BadValue(`${key} is not a number`);
    return v;
  };
  try {
    const lat = n('latitude');
    const lon = n('longitude');
    if (lat === null || lon === null)
      return fail('no_position', `Device ${uid} sent no position (latitude and longitude)`);
    let at = now;
    const t = b.location?.timestamp;
    if (t !== undefined) {
      const parsed = typeof t === 'string' || typeof t === 'number' ? parseTimestamp(String(t)) : null;
      if (parsed === null) return fail('bad_time', `timestamp ${String(t).slice(0, 40)} is not a time`);
      at = parsed;
    }
    const speed = n('speed');
    const level = b.location?.battery?.level;
    return {
      ok: true,
      fix: {
        uid,
        source: 'osmand',
        at,
        lat,
        lon,
        // The SDK reports -1 for "unknown".
        speedKmh: speed === null || speed < 0 ? null : toKmh(speed, 'ms'),
        course: (() => {
          const h = n('heading');
          return h === null || h < 0 ? null : h;
        })(),
        altitudeM: n('altitude'),
        accuracyM: n('accuracy'),
        battery: typeof level === 'number' && level >= 0 ? Math.round(level * 100) : null,
        ignition: null,
        valid: true,
      },
    };
  } catch (err) {
    if (err instanceof BadValue) return fail('bad_value', `Device ${uid}: ${err.message}`);
    throw err;
  }
}
