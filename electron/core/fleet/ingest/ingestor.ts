/**
 * Every source's fixes go through here: allow-list, sanity and bad-fix filters, duplicates and
 * out-of-order fixes, running totals, then batched writes. A fix is judged the moment it arrives
 * (so the HTTP answer and the live map need no database round trip) and written with the rest of
 * its batch in one transaction a moment later.
 */
import type { FleetSettings, SourceCounters } from '@shared/contract';
import { bearingDeg, distanceM } from '@shared/domain/geo';
import type { Database, Tx } from '../../db/database';
import type { Logger } from '../../log';
import { encodeRow, insertLatePosition, insertPositions, type PositionRow } from '../store/positions-repo';
import { loadStates, saveStates, type TrackerRow, type TrackState } from '../store/trackers-repo';
import type { RawFix } from './fix';
import { Recent } from './recent';

export type Verdict = 'stored' | 'filtered' | 'unknown_device' | 'invalid';

/** A fix that made it in and is the tracker's newest: what alerts, routes and the live map follow. */
export interface AcceptedFix {
  tracker: TrackerRow;
  fix: RawFix;
  state: TrackState;
  previous: TrackState | undefined;
}

/** Something to write in the same transaction as a batch (an alert, a stop visit). */
export interface SideWrite {
  write(tx: Tx): Promise<void>;
  /** After the commit: tell clients. */
  after?(): void;
}

export interface IngestorOptions {
  db: Database;
  logger: Logger;
  now: () => number;
  settings: () => FleetSettings;
  trackerByUid: (uid: string) => TrackerRow | undefined;
  onUnknown?: (fix: RawFix, remote: string) => void;
  onAccepted?: (a: AcceptedFix) => void;
  batchSize?: number;
  flushMs?: number;
}

/** Consecutive jump rejections after which the newest fix wins (the stored one was the outlier). */
const JUMP_RESET = 3;
/** Longest gap counted as moving time: beyond it the engine was probably off. */
const MAX_MOVING_GAP_S = 300;
const FUTURE_SLACK_MS = 10 * 60_000;

export function emptyCounters(): SourceCounters {
  return {
    received: 0,
    stored: 0,
    duplicates: 0,
    outOfOrder: 0,
    badJump: 0,
    badAccuracy: 0,
    invalid: 0,
    unknownDevice: 0,
  };
}

export class Ingestor {
  readonly counters = emptyCounters();
  private states = new Map<number, TrackState>();
  private readonly recent = new Map<number, Recent>();
  private readonly jumps = new Map<number, number>();
  private rows: PositionRow[] = [];
  private late: PositionRow[] = [];
  private dirty = new Set<number>();
  private side: SideWrite[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private closed = false;
  private readonly batchSize: number;
  private readonly flushMs: number;

  constructor(private readonly o: IngestorOptions) {
    this.batchSize = o.batchSize ?? 2000;
    this.flushMs = o.flushMs ?? 250;
  }

  async load(): Promise<void> {
    // Positions arrive for many trackers at once, so their rows land all over the table: a page
    // cache bigger than SQLite's 2 MB default keeps those inserts off the disk (measured: ~1.6×).
    await this.o.db.write((tx) => tx.run('PRAGMA cache_size = -65536'));
    this.states = await loadStates(this.o.db);
  }

  state(key: number): TrackState | undefined {
    return this.states.get(key);
  }

  allStates(): ReadonlyMap<number, TrackState> {
    return this.states;
  }

  /** Judges one fix now; it reaches the database with the next batch. */
  submit(fix: RawFix, remote = ''): Verdict {
    this.counters.received++;
    const tracker = this.o.trackerByUid(fix.uid);
    if (!tracker || !tracker.enabled) {
      this.counters.unknownDevice++;
      this.o.onUnknown?.(fix, remote);
      return 'unknown_device';
    }
    if (!plausible(fix, this.o.now())) {
      this.counters.invalid++;
      return 'invalid';
    }
    const settings = this.o.settings();
    if (fix.accuracyM !== null && fix.accuracyM > settings.maxAccuracyM) {
      this.counters.badAccuracy++;
      return 'filtered';
    }
    const prev = this.states.get(tracker.key);
    if (prev && fix.at === prev.t) {
      this.counters.duplicates++;
      return 'filtered';
    }
    if (prev && fix.at < prev.t) return this.submitLate(tracker, fix, settings);

    let odo = 0;
    let eng = 0;
    let derivedSpeed: number | null = null;
    let moved = 0;
    if (prev) {
      const dt = (fix.at - prev.t) / 1000;
      moved = distanceM(prev.lat, prev.lon, fix.lat, fix.lon);
      let kmh = (moved / dt) * 3.6;
      if (kmh > settings.maxJumpKmh) {
        const n = (this.jumps.get(tracker.key) ?? 0) + 1;
        this.jumps.set(tracker.key, n);
        if (n < JUMP_RESET) {
          this.counters.badJump++;
          return 'filtered';
        }
        // Impossible jumps three times running: the stored fix was the bad one. Start over from
        // here without adding the jump to the distance.
        moved = 0;
        kmh = 0;
      }
      derivedSpeed = dt <= 60 ? kmh : 0;
      odo = prev.odo + moved;
      const speed = fix.speedKmh ?? derivedSpeed;
      eng = prev.eng + (speed > settings.trip.speedThresholdKmh ? Math.min(dt, MAX_MOVING_GAP_S) : 0);
    }
    this.jumps.delete(tracker.key);
    const speed = Math.max(0, fix.speedKmh ?? derivedSpeed ?? 0);
    const moving = speed > settings.trip.speedThresholdKmh;
    const state: TrackState = {
      t: fix.at,
      lat: fix.lat,
      lon: fix.lon,
      speed,
      course:
        fix.course ??
        (prev && moved > 5 ? bearingDeg(prev.lat, prev.lon, fix.lat, fix.lon) : (prev?.course ?? null)),
      acc: fix.accuracyM,
      batt: fix.battery ?? prev?.batt ?? null,
      odo,
      eng,
      moving,
      since: prev && prev.moving === moving ? prev.since : fix.at,
      ignition: fix.ignition ?? prev?.ignition ?? null,
    };
    this.states.set(tracker.key, state);
    this.recentOf(tracker.key).add({ t: fix.at, lat: fix.lat, lon: fix.lon, odo, eng });
    this.queue(this.row(tracker.key, fix, state.speed, state.course, odo, eng));
    this.dirty.add(tracker.key);
    this.o.onAccepted?.({ tracker, fix, state, previous: prev });
    return 'stored';
  }

  /** An older fix than the newest: it fills in the track, it does not move the vehicle. */
  private submitLate(tracker: TrackerRow, fix: RawFix, settings: FleetSettings): Verdict {
    this.counters.outOfOrder++;
    const recent = this.recentOf(tracker.key);
    const around = recent.around(fix.at);
    if (around === 'same') {
      this.counters.duplicates++;
      return 'filtered';
    }
    const speed = Math.max(0, fix.speedKmh ?? 0);
    if (!around) {
      // Older than anything kept in memory: totals come from the stored fix before it.
      this.late.push(this.row(tracker.key, fix, speed, fix.course, 0, 0));
      this.schedule();
      return 'stored';
    }
    const { before, after } = around;
    for (const n of [before, after]) {
      if (!n) continue;
      const dt = Math.abs(fix.at - n.t) / 1000;
      if (dt > 0 && (distanceM(n.lat, n.lon, fix.lat, fix.lon) / dt) * 3.6 > settings.maxJumpKmh) {
        this.counters.badJump++;
        return 'filtered';
      }
    }
    // Totals between its neighbours', in proportion to time: the running distance stays monotone.
    const share = before && after ? (fix.at - before.t) / (after.t - before.t) : 0;
    const base = before ?? after!;
    const odo = before && after ? before.odo + (after.odo - before.odo) * share : base.odo;
    const eng = before && after ? before.eng + (after.eng - before.eng) * share : base.eng;
    recent.add({ t: fix.at, lat: fix.lat, lon: fix.lon, odo, eng });
    this.queue(this.row(tracker.key, fix, speed, fix.course, odo, eng));
    return 'stored';
  }

  private recentOf(key: number): Recent {
    let r = this.recent.get(key);
    if (!r) {
      r = new Recent();
      this.recent.set(key, r);
    }
    return r;
  }

  private row(
    key: number,
    fix: RawFix,
    speedKmh: number,
    course: number | null,
    odoM: number,
    engS: number,
  ): PositionRow {
    return encodeRow({
      tracker: key,
      t: fix.at,
      lat: fix.lat,
      lon: fix.lon,
      speedKmh,
      course,
      altitudeM: fix.altitudeM,
      accuracyM: fix.accuracyM,
      battery: fix.battery,
      odoM,
      engS,
    });
  }

  /** Writes `w` with the next batch (alerts and stop visits commit with the fixes that caused them). */
  addSideWrite(w: SideWrite): void {
    this.side.push(w);
    this.schedule();
  }

  private queue(row: PositionRow): void {
    this.rows.push(row);
    if (this.rows.length >= this.batchSize) void this.flush();
    else this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.flushMs);
  }

  /** Writes everything queued so far; resolves when it is committed. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.rows.length === 0 && this.late.length === 0 && this.side.length === 0) return;
    const rows = this.rows;
    const late = this.late;
    const side = this.side;
    const dirty = [...this.dirty].flatMap((k): [number, TrackState][] => {
      const s = this.states.get(k);
      return s ? [[k, s]] : [];
    });
    this.rows = [];
    this.late = [];
    this.side = [];
    this.dirty = new Set();
    this.flushing = this.o.db
      .write(async (tx) => {
        let inserted = await insertPositions(tx, rows);
        for (const row of late) inserted += await insertLatePosition(tx, row);
        await saveStates(tx, dirty);
        for (const w of side) await w.write(tx);
        return inserted;
      })
      .then(
        (inserted) => {
          this.counters.stored += inserted;
          this.counters.duplicates += rows.length + late.length - inserted;
          for (const w of side) w.after?.();
        },
        (err: unknown) => {
          // The fixes are lost but the store is intact; a full disk shows up here first.
          this.o.logger.error('fleet batch not written', { rows: rows.length, error: String(err) });
        },
      )
      .finally(() => {
        this.flushing = null;
      });
    await this.flushing;
    if (this.rows.length >= this.batchSize) await this.flush();
  }

  /** Forgets a tracker's in-memory state (it was deleted). */
  forget(key: number): void {
    this.states.delete(key);
    this.recent.delete(key);
    this.jumps.delete(key);
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
    this.closed = true;
  }
}

/** Coordinates on the globe, not the 0,0 of a receiver without a fix, a time that can be true. */
function plausible(fix: RawFix, now: number): boolean {
  return (
    fix.valid &&
    Number.isFinite(fix.lat) &&
    Number.isFinite(fix.lon) &&
    Math.abs(fix.lat) <= 90 &&
    Math.abs(fix.lon) <= 180 &&
    !(fix.lat === 0 && fix.lon === 0) &&
    fix.at > 946_684_800_000 &&
    fix.at < now + FUTURE_SLACK_MS &&
    (fix.speedKmh === null || (fix.speedKmh >= 0 && fix.speedKmh < 2000))
  );
}
