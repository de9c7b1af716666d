/**
 * The demo fleet keeps driving while the app runs: each demo tracker's vehicle carries on from
 * its last stored position through the city simulator, and its fix goes through the ingestor
 * once a second like any phone's (minus the HTTP hop). Only on the demo site, and off with
 * LOADSTAR_SIMULATED_DEVICES=0, as the other simulated devices.
 */
import type { RawFix } from '../ingest/fix';
import type { TrackerRow, TrackState } from '../store/trackers-repo';
import { CityDriver, JONKOPING, mulberry32, nearestCrossing } from './city';

export class DemoFeed {
  private timer: NodeJS.Timeout | null = null;
  private readonly drivers = new Map<string, CityDriver>();

  constructor(
    private readonly now: () => number,
    private readonly submit: (fix: RawFix) => void,
  ) {}

  start(trackers: TrackerRow[], stateOf: (key: number) => TrackState | undefined, everyMs = 1000): void {
    const rnd = mulberry32(2024);
    for (const t of trackers) {
      const s = stateOf(t.key);
      const from = s ? nearestCrossing(JONKOPING, s.lat, s.lon) : undefined;
      this.drivers.set(t.uid, new CityDriver(JONKOPING, rnd, from));
    }
    this.timer = setInterval(() => {
      const at = this.now();
      for (const [uid, d] of this.drivers) {
        const s = d.step(everyMs / 1000);
        this.submit({
          uid,
          source: 'osmand',
          at,
          lat: s.lat,
          lon: s.lon,
          speedKmh: s.speedKmh,
          course: s.course,
          altitudeM: null,
          accuracyM: 6,
          battery: null,
          ignition: null,
          valid: true,
        });
      }
    }, everyMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
