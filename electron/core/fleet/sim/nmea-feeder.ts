/**
 * A simulated GPS receiver on a pseudo-terminal: the app opens `hostPath` like a real puck's
 * /dev/ttyUSB0, and `fix()` writes the RMC, GGA and VTG sentences a receiver sends each second.
 * The pty pair is the scanner simulator's (socat); unplug/plug work the same.
 */
import { ScannerFeeder } from '../../devices/sim/scanner-feeder';
import { sentence } from '../ingest/nmea';

export interface SimFix {
  at: number;
  lat: number;
  lon: number;
  speedKmh: number;
  course: number;
  altitudeM?: number;
  hdop?: number;
  satellites?: number;
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

function dm(value: number, degreeDigits: number): string {
  const a = Math.abs(value);
  const deg = Math.floor(a);
  const min = (a - deg) * 60;
  return `${String(deg).padStart(degreeDigits, '0')}${min.toFixed(4).padStart(7, '0')}`;
}

/** The three sentences of one epoch, each with its checksum. */
export function nmeaSentences(f: SimFix, talker = 'GP'): string[] {
  const d = new Date(f.at);
  const time = `${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0').slice(0, 2)}`;
  const date = `${two(d.getUTCDate())}${two(d.getUTCMonth() + 1)}${two(d.getUTCFullYear() % 100)}`;
  const lat = `${dm(f.lat, 2)},${f.lat >= 0 ? 'N' : 'S'}`;
  const lon = `${dm(f.lon, 3)},${f.lon >= 0 ? 'E' : 'W'}`;
  const knots = (f.speedKmh / 1.852).toFixed(1);
  const course = f.course.toFixed(1);
  return [
    sentence(
      `${talker}GGA,${time},${lat},${lon},1,${f.satellites ?? 9},${(f.hdop ?? 0.9).toFixed(1)},${(f.altitudeM ?? 110).toFixed(1)},M,24.0,M,,`,
    ),
    sentence(`${talker}RMC,${time},A,${lat},${lon},${knots},${course},${date},,,A`),
    sentence(`${talker}VTG,${course},T,,M,${knots},N,${f.speedKmh.toFixed(1)},K,A`),
  ];
}

export class NmeaFeeder {
  private readonly pty: ScannerFeeder;

  constructor(dir: string, name = 'gps') {
    this.pty = new ScannerFeeder(dir, name);
  }

  get hostPath(): string {
    return this.pty.hostPath;
  }

  plug(): Promise<void> {
    return this.pty.plug();
  }

  unplug(): Promise<void> {
    return this.pty.unplug();
  }

  /** Writes raw text as it is (a test's broken sentence, line noise). */
  async raw(text: string): Promise<void> {
    await this.pty.scan(text, '');
  }

  async fix(f: SimFix): Promise<void> {
    await this.pty.scan(nmeaSentences(f).join('\r\n'), '\r\n');
  }
}
