/**
 * NMEA 0183 from a GPS receiver: RMC (time, date, position, knots, course), GGA (fix quality,
 * satellites, HDOP, altitude) and VTG (course, km/h). Every sentence must carry its checksum
 * (XOR of the bytes between `$` and `*`, two hex digits): a line without one, or with a wrong
 * one, is counted and skipped, never half-used. Any talker (GP, GN, GL, GA, BD…) is accepted.
 */
import { HDOP_TO_METRES, type RawFix } from './fix';

export type SentenceError = 'checksum' | 'format' | 'unsupported';

export type Sentence =
  | {
      type: 'RMC';
      time: string;
      valid: boolean;
      lat: number | null;
      lon: number | null;
      knots: number | null;
      course: number | null;
      date: string | null;
    }
  | {
      type: 'GGA';
      time: string;
      quality: number;
      satellites: number | null;
      hdop: number | null;
      altitude: number | null;
      lat: number | null;
      lon: number | null;
    }
  | { type: 'VTG'; course: number | null; kmh: number | null };

export type ParsedLine = { ok: true; sentence: Sentence } | { ok: false; error: SentenceError };

export function checksum(body: string): string {
  let x = 0;
  for (let i = 0; i < body.length; i++) x ^= body.charCodeAt(i);
  return x.toString(16).toUpperCase().padStart(2, '0');
}

/** Adds `$` and the checksum: what a receiver (or the simulator) sends, without CR LF. */
export function sentence(body: string): string {
  return `$${body}*${checksum(body)}`;
}

/** `ddmm.mmmm` + hemisphere → signed degrees (or null when empty; NaN when malformed). */
function coordinate(value: string, hemi: string, degreeDigits: 2 | 3): number | null {
  if (value === '' && hemi === '') return null;
  if (!new RegExp(`^\\d{${degreeDigits + 2}}(\\.\\d+)?$`).test(value)) return NaN;
  const deg = Number(value.slice(0, degreeDigits));
  const min = Number(value.slice(degreeDigits));
  if (!Number.isFinite(deg) || !Number.isFinite(min) || min >= 60) return NaN;
  const v = deg + min / 60;
  if (hemi === 'S' || hemi === 'W') return -v;
  if (hemi === 'N' || hemi === 'E') return v;
  return NaN;
}

function optionalNumber(value: string | undefined): number | null {
  if (value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : NaN;
}

const TIME = /^\d{6}(\.\d+)?$/;

/** One line (without CR LF) → a sentence, or why it was skipped. */
export function parseLine(line: string): ParsedLine {
  const m = /^\$([A-Z0-9]{5,6}),([\x20-\x7e]*)\*([0-9A-Fa-f]{2})$/.exec(line.trim());
  if (!m) return { ok: false, error: line.includes('*') || line.startsWith('$') ? 'checksum' : 'format' };
  const [, address, rest, sum] = m as unknown as [string, string, string, string];
  if (checksum(`${address},${rest}`) !== sum.toUpperCase()) return { ok: false, error: 'checksum' };
  const f = rest.split(',');
  const type = address.slice(-3);
  const bad = { ok: false, error: 'format' } as const;
  if (type === 'RMC') {
    if (f.length < 9 || !TIME.test(f[0]!)) return bad;
    const lat = coordinate(f[2]!, f[3]!, 2);
    const lon = coordinate(f[4]!, f[5]!, 3);
    const knots = optionalNumber(f[6]);
    const course = optionalNumber(f[7]);
    const date = f[8]!;
    if ([lat, lon, knots, course].some((v) => Number.isNaN(v)) || (date !== '' && !/^\d{6}$/.test(date)))
      return bad;
    if (f[1] !== 'A' && f[1] !== 'V') return bad;
    return {
      ok: true,
      sentence: { type, time: f[0]!, valid: f[1] === 'A', lat, lon, knots, course, date: date || null },
    };
  }
  if (type === 'GGA') {
    if (f.length < 9 || !TIME.test(f[0]!)) return bad;
    const lat = coordinate(f[1]!, f[2]!, 2);
    const lon = coordinate(f[3]!, f[4]!, 3);
    const quality = Number(f[5]);
    const satellites = optionalNumber(f[6]);
    const hdop = optionalNumber(f[7]);
    const altitude = optionalNumber(f[8]);
    if ([lat, lon, satellites, hdop, altitude].some((v) => Number.isNaN(v)) || !/^\d$/.test(f[5]!))
      return bad;
    return { ok: true, sentence: { type, time: f[0]!, quality, satellites, hdop, altitude, lat, lon } };
  }
  if (type === 'VTG') {
    // Course true, T, course magnetic, M, knots, N, km/h, K[, mode]
    const course = optionalNumber(f[0]);
    const kmh = optionalNumber(f[6]);
    if (Number.isNaN(course) || Number.isNaN(kmh)) return bad;
    return { ok: true, sentence: { type, course, kmh } };
  }
  return { ok: false, error: 'unsupported' };
}

function utc(date: string, time: string): number {
  const dd = Number(date.slice(0, 2));
  const mm = Number(date.slice(2, 4));
  const yy = Number(date.slice(4, 6));
  const ms = Math.round(Number(time.slice(6) || '0') * 1000);
  return (
    Date.UTC(
      2000 + yy,
      mm - 1,
      dd,
      Number(time.slice(0, 2)),
      Number(time.slice(2, 4)),
      Number(time.slice(4, 6)),
    ) + ms
  );
}

/**
 * Groups one receiver's sentences into fixes. Sentences of one epoch share a UTC time, in whatever
 * order the receiver sends them; the epoch becomes a fix when the next one starts (or the caller's
 * idle timer calls `flush`). VTG, which has no time, joins the epoch it arrives in. A GGA-only epoch takes its date from the last RMC, or from
 * the clock, choosing the day that puts it nearest to now (a fix just before midnight).
 */
export class NmeaAssembler {
  private time: string | null = null;
  private rmc: Extract<Sentence, { type: 'RMC' }> | null = null;
  private gga: Extract<Sentence, { type: 'GGA' }> | null = null;
  private vtg: Extract<Sentence, { type: 'VTG' }> | null = null;
  private lastDate: string | null = null;

  constructor(
    private readonly uid: string,
    private readonly now: () => number,
  ) {}

  /** Feeds one parsed sentence; returns a fix when an epoch is complete. */
  push(s: Sentence): RawFix | null {
    if (s.type === 'VTG') {
      this.vtg = s;
      return null;
    }
    let out: RawFix | null = null;
    if (this.time !== null && s.time !== this.time) out = this.flush();
    this.time = s.time;
    if (s.type === 'RMC') this.rmc = s;
    else this.gga = s;
    return out;
  }

  /** The epoch so far as a fix (the caller's idle timer ends an epoch that gets no successor). */
  flush(): RawFix | null {
    const { rmc, gga, vtg, time } = this;
    this.rmc = this.gga = this.vtg = null;
    this.time = null;
    if (!time || (!rmc && !gga)) return null;
    if (rmc?.date) this.lastDate = rmc.date;
    const lat = rmc?.lat ?? gga?.lat ?? null;
    const lon = rmc?.lon ?? gga?.lon ?? null;
    if (lat === null || lon === null) return null;
    const date = rmc?.date ?? this.lastDate;
    const at = date ? utc(date, time) : this.nearestDay(time);
    const knots = rmc?.knots ?? null;
    return {
      uid: this.uid,
      source: 'nmea',
      at,
      lat,
      lon,
      speedKmh: vtg?.kmh ?? (knots === null ? null : knots * 1.852),
      course: rmc?.course ?? vtg?.course ?? null,
      altitudeM: gga?.altitude ?? null,
      accuracyM: gga?.hdop == null ? null : gga.hdop * HDOP_TO_METRES,
      battery: null,
      ignition: null,
      valid: (rmc ? rmc.valid : true) && (gga ? gga.quality > 0 : true),
    };
  }

  private nearestDay(time: string): number {
    const now = this.now();
    const d = new Date(now);
    const base = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    const ofDay =
      (Number(time.slice(0, 2)) * 3600 + Number(time.slice(2, 4)) * 60 + Number(time.slice(4, 6))) * 1000 +
      Math.round(Number(time.slice(6) || '0') * 1000);
    return [base - 86_400_000, base, base + 86_400_000]
      .map((b) => b + ofDay)
      .reduce((best, t) => (Math.abs(t - now) < Math.abs(best - now) ? t : best));
  }
}
