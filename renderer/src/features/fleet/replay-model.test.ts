import { describe, expect, it } from 'vitest';
import { encodeTrack } from '@shared/domain/fleet/track-codec';
import { DEFAULT_TRIP_RULES } from '@shared/domain/fleet/trips';
import { positionAt, replayVehicles } from './replay-model';

describe('replay on the client', () => {
  const from = Date.UTC(2026, 10, 23, 8);
  const points = [0, 10, 20].map((s, i) => ({
    at: from + s * 1000,
    lat: 57.7 + i * 0.001,
    lon: 14.1,
    speedKmh: 30,
    course: 0,
  }));
  const [v] = replayVehicles(
    [{ vehicleId: 'v', name: 'Van', plate: '', from, packed: encodeTrack(points, from) }],
    DEFAULT_TRIP_RULES,
  );

  it('decodes the packed track and interpolates between fixes', () => {
    expect(v!.track.at).toHaveLength(3);
    expect(positionAt(v!.track, from - 1)).toBeNull();
    expect(positionAt(v!.track, from + 5000)!.lat).toBeCloseTo(57.7005, 6);
    expect(positionAt(v!.track, from + 60_000)!.lat).toBeCloseTo(57.702, 6);
  });
});
