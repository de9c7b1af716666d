import { describe, expect, it } from 'vitest';
import { decodeTrack } from '@shared/domain/fleet/track-codec';
import { eventually, useFleetCore } from '../test/harness';

const start = useFleetCore();

async function withVehicle() {
  const f = await start();
  const vehicle = await f.ok('routes.createVehicle', { name: 'Van 9', plate: 'ABC 123' });
  return { ...f, vehicle };
}

describe('the OsmAnd listener on a real socket', () => {
  it('refuses a device not on the allow-list with 400, and lists it for set-up', async () => {
    const { post, ok } = await withVehicle();
    const t = Math.floor(Date.now() / 1000);
    expect(await post(`id=stranger&lat=57.78&lon=14.16&timestamp=${t}`)).toEqual({
      status: 400,
      text: 'unknown device stranger',
    });
    const status = await ok('fleet.sourceStatus', {});
    expect(status.counters.unknownDevice).toBe(1);
    expect(status.unknownDevices).toMatchObject([
      { uid: 'stranger', source: 'osmand', count: 1, remote: '127.0.0.1' },
    ]);
  });

  it('stores a known device’s positions in batches and replays them in time order', async () => {
    const { post, ok, vehicle } = await withVehicle();
    await ok('fleet.saveTracker', { uid: 'phone-1', vehicleId: vehicle.id });
    const t0 = Date.now() - 60_000;
    // GET, form POST and JSON, as the different apps send them.
    expect(
      (
        await fetch(
          `http://127.0.0.1:${(await ok('fleet.sourceStatus', {})).listener.port}/?id=phone-1&lat=57.78&lon=14.16&timestamp=${t0}&speed=10&bearing=90`,
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await post('', {
          body: `id=phone-1&lat=57.7801&lon=14.1610&timestamp=${t0 + 10_000}&speed=12`,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await post('', {
          body: JSON.stringify({
            device_id: 'phone-1',
            location: {
              timestamp: new Date(t0 + 20_000).toISOString(),
              coords: { latitude: 57.7802, longitude: 14.162, speed: 5, heading: 45 },
            },
          }),
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(200);
    const [track] = await eventually(async () => {
      const r = await ok('fleet.replay', { vehicleIds: [vehicle.id], from: t0 - 1000, to: t0 + 60_000 });
      expect(decodeTrack(r[0].packed, r[0].from).at).toHaveLength(3);
      return r;
    });
    const d = decodeTrack(track.packed, track.from);
    expect([...d.at]).toEqual([t0, t0 + 10_000, t0 + 20_000]);
    // Knots by default (Traccar's unit), m/s in the JSON form.
    expect([...d.speedKmh]).toEqual([18.5, 22.2, 18]);
    expect(d.lat[2]).toBeCloseTo(57.7802, 6);
  });

  it('answers 400 with the reason for input that is not a position, and stores nothing from it', async () => {
    const { post, ok, vehicle } = await withVehicle();
    await ok('fleet.saveTracker', { uid: 'phone-2', vehicleId: vehicle.id });
    expect(await post('lat=57&lon=14')).toEqual({
      status: 400,
      text: 'The request has no device id (id or deviceid)',
    });
    expect((await post('id=phone-2&lat=north&lon=14')).text).toMatch(/lat=north is not a number/);
    expect((await post('id=phone-2&lat=57.7&lon=14.1&timestamp=tomorrow')).status).toBe(400);
    expect((await post('id=phone-2&lat=95&lon=14')).text).toBe('not a valid position');
    expect((await post('id=phone-2&lat=0&lon=0')).status).toBe(400);
    expect(
      (await post('', { body: '{"device_id":', headers: { 'content-type': 'application/json' } })).status,
    ).toBe(400);
    expect((await post('', { body: 'x'.repeat(70_000) })).status).toBe(413);
    const status = await ok('fleet.sourceStatus', {});
    expect(status.counters).toMatchObject({ invalid: 6, stored: 0 });
  });

  it('drops duplicates, keeps late fixes in place, and filters impossible jumps and poor accuracy', async () => {
    const { post, ok, vehicle } = await withVehicle();
    await ok('fleet.saveTracker', { uid: 'puck', vehicleId: vehicle.id });
    const t0 = Date.now() - 600_000;
    const fix = (dt: number, lat: number, extra = '') =>
      post(`id=puck&lat=${lat}&lon=14.16&timestamp=${t0 + dt}${extra}`);
    await fix(0, 57.78);
    await fix(60_000, 57.782);
    await fix(60_000, 57.782); // the same fix again
    await fix(30_000, 57.781); // arrives late, belongs between
    await fix(120_000, 57.9); // 13 km in a minute
    await fix(180_000, 57.784, '&accuracy=400');
    await fix(240_000, 57.785);
    const status = await eventually(async () => {
      const s = await ok('fleet.sourceStatus', {});
      expect(s.counters.stored).toBe(4);
      return s;
    });
    expect(status.counters).toMatchObject({
      received: 7,
      duplicates: 1,
      outOfOrder: 1,
      badJump: 1,
      badAccuracy: 1,
    });
    const [track] = await ok('fleet.replay', { vehicleIds: [vehicle.id], from: t0 - 1, to: t0 + 600_000 });
    const d = decodeTrack(track.packed, track.from);
    expect([...d.at].map((t) => t - t0)).toEqual([0, 30_000, 60_000, 240_000]);
  });
});
