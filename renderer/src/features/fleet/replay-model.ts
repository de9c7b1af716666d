/** Replay tracks on the client: decoded columns, stops, and where each vehicle is at a moment. */
import type { ReplayTrack, StopMark, TripRules } from '@shared/contract';
import { decodeTrack, type DecodedTrack } from '@shared/domain/fleet/track-codec';
import { detectTrips } from '@shared/domain/fleet/trips';

export interface ReplayVehicle {
  vehicleId: string;
  name: string;
  color: string;
  track: DecodedTrack;
  stops: StopMark[];
}

const PALETTE = ['#2f7de1', '#d9482b', '#2e9e5b', '#8e44ad', '#d99a1e', '#16a2b8', '#c2185b', '#5d6d7e'];

export function replayVehicles(tracks: ReplayTrack[], rules: TripRules): ReplayVehicle[] {
  return tracks.map((t, i) => {
    const track = decodeTrack(t.packed, t.from);
    return {
      vehicleId: t.vehicleId,
      name: t.name,
      color: PALETTE[i % PALETTE.length]!,
      track,
      stops: detectTrips(track, rules).stops,
    };
  });
}

/** The vehicle's position at `at`, between its two fixes (null before its first or without fixes). */
export function positionAt(
  t: DecodedTrack,
  at: number,
): { lat: number; lon: number; course: number; speedKmh: number } | null {
  const n = t.at.length;
  if (n === 0 || at < t.at[0]!) return null;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (t.at[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  const i = lo;
  if (i === n - 1) return { lat: t.lat[i]!, lon: t.lon[i]!, course: t.course[i]!, speedKmh: t.speedKmh[i]! };
  const f = (at - t.at[i]!) / (t.at[i + 1]! - t.at[i]!);
  return {
    lat: t.lat[i]! + (t.lat[i + 1]! - t.lat[i]!) * f,
    lon: t.lon[i]! + (t.lon[i + 1]! - t.lon[i]!) * f,
    course: Number.isNaN(t.course[i]!) ? -1 : t.course[i]!,
    speedKmh: t.speedKmh[i]!,
  };
}

export const REPLAY_SPEEDS = [1, 2, 5, 10, 25, 50, 100] as const;
