import { describe, expect, it } from 'vitest';
import { decodeOsmandJson, decodeOsmandParams, parseTimestamp } from './osmand';

const NOW = Date.UTC(2026, 10, 23, 10, 0, 0);
const q = (s: string) => decodeOsmandParams(new URLSearchParams(s), 'kn', NOW);

describe('OsmAnd parameters', () => {
  it('reads Traccar Client query parameters: knots to km/h, metres, percent', () => {
    const r = q(
      'id=phone-7&lat=57.7826&lon=14.1618&timestamp=1795428000&speed=10&bearing=271.5&altitude=120&accuracy=8&batt=63.5',
    );
    expect(r).toEqual({
      ok: true,
      fix: {
        uid: 'phone-7',
        source: 'osmand',
        at: 1_795_428_000_000,
        lat: 57.7826,
        lon: 14.1618,
        speedKmh: 18.52,
        course: 271.5,
        altitudeM: 120,
        accuracyM: 8,
        battery: 63.5,
        ignition: null,
        valid: true,
      },
    });
  });

  it('takes deviceid, location=lat,lon, hdop for accuracy, and the speed unit set for the site', () => {
    const r = decodeOsmandParams(
      new URLSearchParams('deviceid=7&location=57.1,14.2&hdop=2&speed=10'),
      'ms',
      NOW,
    );
    expect(r).toMatchObject({
      ok: true,
      fix: { uid: '7', lat: 57.1, lon: 14.2, accuracyM: 10, speedKmh: 36, at: NOW },
    });
    expect(decodeOsmandParams(new URLSearchParams('id=7&lat=1&lon=2&speed=100'), 'kmh', NOW)).toMatchObject({
      fix: { speedKmh: 100 },
    });
  });

  it('reads timestamps in seconds, milliseconds, ISO and "yyyy-MM-dd HH:mm:ss"', () => {
    expect(parseTimestamp('1795428000')).toBe(1_795_428_000_000);
    expect(parseTimestamp('1795428000123')).toBe(1_795_428_000_123);
    expect(parseTimestamp('2026-11-23T10:00:00Z')).toBe(NOW);
    expect(parseTimestamp('2026-11-23T11:00:00+01:00')).toBe(NOW);
    expect(parseTimestamp('2026-11-23 10:00:00')).toBe(NOW);
    expect(parseTimestamp('yesterday')).toBeNull();
  });

  it('refuses what is not a position, saying why', () => {
    expect(q('lat=1&lon=2')).toMatchObject({ ok: false, error: { reason: 'no_id' } });
    expect(q('id=a&lat=1')).toMatchObject({ ok: false, error: { reason: 'no_position' } });
    expect(q('id=a&lat=north&lon=2')).toMatchObject({
      ok: false,
      error: { reason: 'bad_value', message: /lat=north/ },
    });
    expect(q('id=a&lat=1&lon=2&speed=fast')).toMatchObject({ ok: false, error: { reason: 'bad_value' } });
    expect(q('id=a&lat=1&lon=2&timestamp=soon')).toMatchObject({ ok: false, error: { reason: 'bad_time' } });
    expect(q('id=a&location=1;2')).toMatchObject({ ok: false, error: { reason: 'bad_value' } });
    expect(q('id=a&lat=1&lon=2&valid=false')).toMatchObject({ ok: true, fix: { valid: false } });
  });
});

describe('Traccar Client JSON', () => {
  it('reads m/s, heading, ISO time and a 0–1 battery level', () => {
    const r = decodeOsmandJson(
      {
        device_id: '48241179',
        location: {
          timestamp: '2026-11-23T10:00:00.000Z',
          coords: { latitude: 57.7, longitude: 14.1, accuracy: 5, speed: 10, heading: 90, altitude: 100 },
          battery: { level: 0.42 },
        },
      },
      0,
    );
    expect(r).toMatchObject({
      ok: true,
      fix: { uid: '48241179', at: NOW, speedKmh: 36, course: 90, battery: 42, accuracyM: 5 },
    });
    expect(decodeOsmandJson({ location: {} }, 0)).toMatchObject({ ok: false, error: { reason: 'no_id' } });
    expect(
      decodeOsmandJson({ device_id: 'x', location: { coords: { latitude: 'a', longitude: 1 } } }, 0),
    ).toMatchObject({
      ok: false,
      error: { reason: 'bad_value' },
    });
  });
});
