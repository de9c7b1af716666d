/**
 * A week of driving for the demo fleet, made with the city simulator: weekdays on the road from
 * about seven to half past four, a fix a minute while moving and every quarter hour while parked,
 * nights and weekends at the depot. Returns position rows and each tracker's last state, the
 * running distance and moving time counted as the ingestor would.
 */
import { distanceM } from '@shared/domain/geo';
import { addDays, atMinuteOfDay, dayBounds, isoDate } from '@shared/domain/time';
import { CityDriver, DEPOT, JONKOPING, mulberry32 } from './sim/city';
import { encodeRow, type PositionRow } from './store/positions-repo';
import type { TrackState } from './store/trackers-repo';

const STEP_S = 10;
const ON_DUTY_EVERY_S = 60;
const PARKED_EVERY_S = 900;
const THRESHOLD_KMH = 0.02;

export function demoWeek(
  key: number,
  seed: number,
  now: number,
  timeZone: string,
  days = 7,
): { rows: PositionRow[]; state: TrackState } {
  const rnd = mulberry32(seed);
  // Each working day starts at the crossing by the depot.
  const home: [number, number] = [
    Math.round((DEPOT.lat - JONKOPING.south) / JONKOPING.dLat),
    Math.round((DEPOT.lon - JONKOPING.west) / JONKOPING.dLon),
  ];
  let driver = new CityDriver(JONKOPING, rnd, home);
  const rows: PositionRow[] = [];
  const today = isoDate(now, timeZone);
  let t = atMinuteOfDay(addDays(today, -days), 0, timeZone);
  let last: TrackState | null = null;
  let lastEmit = -Infinity;
  let at = { lat: DEPOT.lat, lon: DEPOT.lon, speedKmh: 0, course: 0 };
  const workday = (ms: number) => {
    const date = isoDate(ms, timeZone);
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    const start = atMinuteOfDay(date, 420 + Math.floor(rnd() * 30), timeZone);
    const end = atMinuteOfDay(date, 990 + Math.floor(rnd() * 40), timeZone);
    return {
      date,
      working: weekday !== 0 && weekday !== 6,
      start,
      end,
      dayEnd: dayBounds(date, timeZone).end,
    };
  };
  let day = workday(t);
  while (t < now) {
    // Zone arithmetic is slow: the day is worked out once, not per step.
    if (t >= day.dayEnd) {
      day = workday(t);
      driver = new CityDriver(JONKOPING, rnd, home);
    }
    const onDuty = day.working && t >= day.start && t < day.end;
    if (onDuty) at = driver.step(STEP_S);
    else
      at = {
        lat: DEPOT.lat + (seed % 7) * 0.00012,
        lon: DEPOT.lon + (seed % 5) * 0.0002,
        speedKmh: 0,
        course: at.course,
      };
    const moving = at.speedKmh > THRESHOLD_KMH;
    // On duty a fix a minute (a delivery stop shows as a stop); off duty every quarter hour.
    if (t - lastEmit >= (onDuty ? ON_DUTY_EVERY_S : PARKED_EVERY_S) * 1000) {
      const moved = last ? distanceM(last.lat, last.lon, at.lat, at.lon) : 0;
      const dt = last ? (t - last.t) / 1000 : 0;
      const state: TrackState = {
        t,
        lat: at.lat,
        lon: at.lon,
        speed: at.speedKmh,
        course: at.course,
        acc: 5,
        batt: null,
        odo: (last?.odo ?? 0) + moved,
        eng: (last?.eng ?? 0) + (moving ? Math.min(dt, 300) : 0),
        moving,
        since: last && last.moving === moving ? last.since : t,
        ignition: null,
      };
      rows.push(
        encodeRow({
          tracker: key,
          t,
          lat: state.lat,
          lon: state.lon,
          speedKmh: state.speed,
          course: state.course,
          altitudeM: null,
          accuracyM: 5,
          battery: null,
          odoM: state.odo,
          engS: state.eng,
        }),
      );
      last = state;
      lastEmit = t;
    }
    t += (onDuty ? STEP_S : PARKED_EVERY_S) * 1000;
  }
  return { rows, state: last! };
}
