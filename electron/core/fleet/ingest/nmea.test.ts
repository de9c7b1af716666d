import { describe, expect, it } from 'vitest';
import { nmeaSentences } from '../sim/nmea-feeder';
import { checksum, NmeaAssembler, parseLine, sentence } from './nmea';

describe('NMEA 0183 sentences', () => {
  it('computes the XOR checksum of a receiver sample', () => {
    // A widely quoted GPRMC sample: its checksum is 6A.
    expect(checksum('GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W')).toBe('6A');
    expect(parseLine('$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6A')).toMatchObject({
      ok: true,
      sentence: { type: 'RMC', valid: true, knots: 22.4, course: 84.4, date: '230394' },
    });
  });

  it('reads positions with hemispheres and minutes', () => {
    const r = parseLine(sentence('GNGGA,092750.000,5321.6802,N,00630.3372,W,1,8,1.03,61.7,M,55.2,M,,'));
    expect(r.ok).toBe(true);
    if (!r.ok || r.sentence.type !== 'GGA') throw new Error('not GGA');
    expect(r.sentence.lat).toBeCloseTo(53.36134, 5);
    expect(r.sentence.lon).toBeCloseTo(-6.50562, 5);
    expect(r.sentence).toMatchObject({ quality: 1, satellites: 8, hdop: 1.03, altitude: 61.7 });
  });

  it('refuses a wrong or missing checksum and malformed fields, and ignores other sentence types', () => {
    const good = sentence('GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W');
    expect(parseLine(good.replace(/\*..$/, '*00'))).toEqual({ ok: false, error: 'checksum' });
    expect(parseLine(good.replace(/\*..$/, ''))).toEqual({ ok: false, error: 'checksum' });
    expect(parseLine(good.replace('022.4', '02x.4'))).toEqual({ ok: false, error: 'checksum' });
    expect(parseLine(sentence('GPRMC,123519,A,4807.038,N,01131.000,E,0x2.4,084.4,230394,003.1,W'))).toEqual({
      ok: false,
      error: 'format',
    });
    expect(parseLine(sentence('GPRMC,123519,A,99x7.038,N,01131.000,E,022.4,084.4,230394,,'))).toEqual({
      ok: false,
      error: 'format',
    });
    expect(parseLine('garbage')).toEqual({ ok: false, error: 'format' });
    expect(parseLine(sentence('GPGSV,3,1,11,03,03,111,00,04,15,270,00,06,01,010,00,13,06,292,00'))).toEqual({
      ok: false,
      error: 'unsupported',
    });
  });

  it('assembles RMC + GGA + VTG of one epoch into one fix with km/h, HDOP accuracy and altitude', () => {
    const at = Date.UTC(2026, 10, 23, 8, 15, 30);
    const a = new NmeaAssembler('puck', () => at);
    const epoch = (t: number) =>
      nmeaSentences({
        at: t,
        lat: 57.78,
        lon: 14.16,
        speedKmh: 50,
        course: 90,
        altitudeM: 120,
        hdop: 1.2,
      }).map((l) => {
        const p = parseLine(l);
        if (!p.ok) throw new Error(l);
        return a.push(p.sentence);
      });
    expect(epoch(at)).toEqual([null, null, null]);
    // The next second's first sentence completes this one.
    const fix = epoch(at + 1000)[0];
    expect(fix).toMatchObject({ uid: 'puck', source: 'nmea', at, altitudeM: 120, course: 90, valid: true });
    expect(fix!.lat).toBeCloseTo(57.78, 5);
    expect(fix!.accuracyM).toBeCloseTo(6, 5);
    // VTG's km/h wins over RMC's knots (one decimal, not rounded through knots).
    expect(fix!.speedKmh).toBe(50);
    expect(a.flush()).toMatchObject({ at: at + 1000 });
  });

  it('marks a fix invalid on RMC status V or GGA quality 0, and dates a GGA-only epoch nearest to now', () => {
    const now = Date.UTC(2026, 0, 1, 0, 0, 5);
    const a = new NmeaAssembler('p', () => now);
    const v = parseLine(sentence('GPRMC,235959.00,V,5746.800,N,01409.600,E,0.0,0.0,311225,,,N'));
    const g = parseLine(sentence('GPGGA,235959.00,5746.800,N,01409.600,E,0,0,,,M,,M,,'));
    if (!v.ok || !g.ok) throw new Error('parse');
    a.push(v.sentence);
    a.push(g.sentence);
    expect(a.flush()).toMatchObject({ valid: false, at: Date.UTC(2025, 11, 31, 23, 59, 59) });
    // Without any RMC date: 23:59:59 read just after midnight is yesterday's.
    const b = new NmeaAssembler('p', () => now);
    const only = parseLine(sentence('GPGGA,235959.00,5746.800,N,01409.600,E,1,7,1.0,100,M,,M,,'));
    if (!only.ok) throw new Error('parse');
    b.push(only.sentence);
    expect(b.flush()?.at).toBe(Date.UTC(2025, 11, 31, 23, 59, 59));
  });
});
