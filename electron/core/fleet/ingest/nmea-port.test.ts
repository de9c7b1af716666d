import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { decodeTrack } from '@shared/domain/fleet/track-codec';
import { NmeaFeeder } from '../sim/nmea-feeder';
import { eventually, useFleetCore } from '../test/harness';

const start = useFleetCore();
let feeder: NmeaFeeder | null = null;
let dir = '';
afterEach(async () => {
  await feeder?.unplug();
  feeder = null;
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('reads a GPS receiver on a real pty: fixes stored, bad sentences counted, reconnects after an unplug', async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'nmea-'));
  feeder = new NmeaFeeder(dir);
  await feeder.plug();
  const { ok } = await start();
  const vehicle = await ok('routes.createVehicle', { name: 'Cab laptop van' });
  await ok('fleet.saveTracker', { uid: 'cab-gps', vehicleId: vehicle.id });
  await ok('fleet.updateSettings', {
    nmea: [{ path: feeder.hostPath, baudRate: 4800, trackerUid: 'cab-gps' }],
  });
  const port = async () => (await ok('fleet.sourceStatus', {})).nmea[0];
  await eventually(async () => expect((await port()).state).toBe('connected'));

  const t0 = Math.floor(Date.now() / 1000) * 1000 - 30_000;
  const at = (s: number) => ({
    at: t0 + s * 1000,
    lat: 57.78 + s * 0.0001,
    lon: 14.16,
    speedKmh: 36,
    course: 0,
  });
  await feeder.fix(at(0));
  await feeder.raw('$GPRMC,000001.00,A,5746.800,N,01409.600,E,5.0,0.0,010126,,,A*00\r\n'); // wrong checksum
  await feeder.raw('\u0000\u00ff noise without a dollar\r\n');
  await feeder.fix(at(1));
  await feeder.fix(at(2));
  const track = async () => {
    const [r] = await ok('fleet.replay', { vehicleIds: [vehicle.id], from: t0 - 1000, to: t0 + 60_000 });
    return decodeTrack(r.packed, r.from);
  };
  // Epoch 2 is complete once the idle timer ends it (no epoch 3 follows).
  await eventually(async () => expect([...(await track()).at]).toEqual([t0, t0 + 1000, t0 + 2000]));
  const d = await track();
  expect(d.speedKmh[0]).toBe(36);
  expect(d.lat[1]).toBeCloseTo(57.7801, 5);
  expect(await port()).toMatchObject({ badChecksum: 1, badSentence: 1, sentences: 9 });

  await feeder.unplug();
  await eventually(async () => expect((await port()).state).toMatch(/disconnected|connecting/));
  await feeder.plug();
  await eventually(async () => expect((await port()).state).toBe('connected'), 15_000);
  await feeder.fix(at(10));
  await eventually(async () => expect((await track()).at).toHaveLength(4));
});
