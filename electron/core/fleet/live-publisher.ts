/**
 * Pushes the newest fixes to every client at most once a second, as one columnar batch: 5,000
 * vehicles reporting every second is one message a second, not 5,000. A vehicle whose status
 * changed without a fix (it went offline, a stop became parked) is included too.
 */
import type { FleetSettings, LiveBatch, LiveStatus } from '@shared/contract';
import type { EventBus } from '../event-bus';
import { liveStatus } from './history-service';
import type { Ingestor } from './ingest/ingestor';
import type { TrackersService } from './trackers-service';

export class LivePublisher {
  private dirty = new Set<number>();
  private readonly published = new Map<number, LiveStatus>();

  constructor(
    private readonly events: EventBus,
    private readonly trackers: TrackersService,
    private readonly ingestor: Ingestor,
    private readonly settings: () => FleetSettings,
    private readonly now: () => number,
  ) {}

  touched(key: number): void {
    this.dirty.add(key);
  }

  /** Builds and emits the batch; returns how many vehicles it carried. */
  publish(): number {
    const now = this.now();
    const settings = this.settings();
    const batch: LiveBatch = {
      trackerIds: [],
      at: [],
      lat: [],
      lon: [],
      speedKmh: [],
      course: [],
      status: [],
    };
    for (const t of this.trackers.all()) {
      const s = this.ingestor.state(t.key);
      if (!s || !t.enabled) continue;
      const status = liveStatus(s, now, settings);
      if (!this.dirty.has(t.key) && this.published.get(t.key) === status) continue;
      this.published.set(t.key, status);
      batch.trackerIds.push(t.id);
      batch.at.push(s.t);
      batch.lat.push(Math.round(s.lat * 1e6) / 1e6);
      batch.lon.push(Math.round(s.lon * 1e6) / 1e6);
      batch.speedKmh.push(Math.round(s.speed * 10) / 10);
      batch.course.push(s.course === null ? -1 : Math.round(s.course));
      batch.status.push(status);
    }
    this.dirty.clear();
    if (batch.trackerIds.length) this.events.emit('fleet.positions', batch);
    return batch.trackerIds.length;
  }
}
