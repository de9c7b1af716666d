/**
 * Trips and stops from a time-ordered track, by Traccar's motion rules: a fix is "moving" above the
 * speed threshold; standing still turns into moving after moving continuously for the minimum trip
 * duration or distance, and moving turns into a stop after standing continuously for the minimum
 * parking time; any fluctuation resets the count. A gap in the data longer than the no-data time
 * ends a trip there (the gap is a stop). A trip still running at the end of the track ends at its
 * last fix.
 */
import type { StopMark, Trip, TripRules } from '../../contract/fleet-model';
import { distanceM } from '../geo';

export interface TrackColumns {
  at: ArrayLike<number>;
  lat: ArrayLike<number>;
  lon: ArrayLike<number>;
  speedKmh: ArrayLike<number>;
}

/** Traccar's speed threshold: 0.01 knots. */
export const TRACCAR_SPEED_THRESHOLD_KMH = 0.01 * 1.852;

export const DEFAULT_TRIP_RULES: TripRules = {
  // Traccar's defaults (500 m, 300 s, 300 s, 3600 s) but for the speed threshold: Traccar's 0.01 kn
  // assumes a tracker that reports 0 when still, while phones report GPS wobble as 0.2–1 km/h, and
  // one such blip restarts the parking count. 2 km/h is above the wobble and below any driving.
  speedThresholdKmh: 2,
  minTripDistanceM: 500,
  minTripDurationS: 300,
  minParkingDurationS: 300,
  minNoDataDurationS: 3600,
};

export interface Detected {
  trips: Trip[];
  stops: StopMark[];
  /** Everything driven, fix to fix (trips plus creeping between them). */
  distanceKm: number;
}

export function detectTrips(track: TrackColumns, rules: TripRules): Detected {
  const n = track.at.length;
  const trips: Trip[] = [];
  const stops: StopMark[] = [];
  if (n === 0) return { trips, stops, distanceKm: 0 };
  const moving = (i: number) => track.speedKmh[i]! > rules.speedThresholdKmh;
  // Cumulative distance, so the distance of any span is a subtraction.
  const dist = new Float64Array(n);
  for (let i = 1; i < n; i++)
    dist[i] = dist[i - 1]! + distanceM(track.lat[i - 1]!, track.lon[i - 1]!, track.lat[i]!, track.lon[i]!);

  let inTrip = false;
  let tripStart = 0;
  let stopStart = 0;
  let candidate = -1;
  const endTrip = (end: number) => {
    trips.push(makeTrip(track, dist, tripStart, end));
    inTrip = false;
    stopStart = end;
    candidate = -1;
  };
  const startTrip = (start: number) => {
    if (start > stopStart) stops.push(makeStop(track, stopStart, start));
    inTrip = true;
    tripStart = start;
    candidate = -1;
  };
  for (let i = 0; i < n; i++) {
    if (i > 0 && track.at[i]! - track.at[i - 1]! >= rules.minNoDataDurationS * 1000) {
      // No data for long: a trip ended at the last fix before the gap, which the stop then spans.
      if (inTrip) endTrip(i - 1);
      candidate = -1;
    }
    const m = moving(i);
    if (!inTrip) {
      if (!m) candidate = -1;
      else {
        if (candidate < 0) candidate = i;
        const span = (track.at[i]! - track.at[candidate]!) / 1000;
        const far = dist[i]! - dist[candidate]!;
        if (span >= rules.minTripDurationS || far >= rules.minTripDistanceM) startTrip(candidate);
      }
    } else if (m) candidate = -1;
    else {
      if (candidate < 0) candidate = i;
      if ((track.at[i]! - track.at[candidate]!) / 1000 >= rules.minParkingDurationS) endTrip(candidate);
    }
  }
  if (inTrip) {
    trips.push(makeTrip(track, dist, tripStart, n - 1));
  } else if (n - 1 > stopStart) {
    stops.push(makeStop(track, stopStart, n - 1));
  }
  return { trips, stops, distanceKm: dist[n - 1]! / 1000 };
}

function makeTrip(t: TrackColumns, dist: Float64Array, a: number, b: number): Trip {
  let max = 0;
  for (let i = a; i <= b; i++) max = Math.max(max, t.speedKmh[i]!);
  const durationMin = (t.at[b]! - t.at[a]!) / 60_000;
  const km = (dist[b]! - dist[a]!) / 1000;
  return {
    startAt: t.at[a]!,
    endAt: t.at[b]!,
    startLat: t.lat[a]!,
    startLon: t.lon[a]!,
    endLat: t.lat[b]!,
    endLon: t.lon[b]!,
    distanceKm: km,
    durationMin,
    maxSpeedKmh: max,
    avgSpeedKmh: durationMin > 0 ? km / (durationMin / 60) : 0,
  };
}

function makeStop(t: TrackColumns, a: number, b: number): StopMark {
  return {
    startAt: t.at[a]!,
    endAt: t.at[b]!,
    lat: t.lat[a]!,
    lon: t.lon[a]!,
    durationMin: (t.at[b]! - t.at[a]!) / 60_000,
  };
}
