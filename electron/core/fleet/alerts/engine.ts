/**
 * Turns positions into alerts by the site's rules: entering or leaving a geofence, speeding,
 * standing idle too long, going quiet. Each condition raises one alert when it starts and none
 * again until it has ended (a van doing 95 in a 50 zone is one alert, not one a second).
 * Works on each tracker's newest fix only; late fixes fill in history, they do not alert.
 */
import { randomUUID } from 'node:crypto';
import type { AlertRule, Geofence } from '@shared/contract';
import { insideShape } from '@shared/domain/geo';
import type { StoredAlert } from '../store/alerts-repo';
import type { TrackerRow, TrackState } from '../store/trackers-repo';

/** Speeding ends only this far below the limit, so hovering at the limit does not flap. */
const SPEED_HYSTERESIS_KMH = 3;

interface Memory {
  inside: Set<string>;
  /** Rules whose condition is on now (already alerted). */
  active: Set<string>;
}

export class AlertEngine {
  private rules: AlertRule[] = [];
  private fences = new Map<string, Geofence>();
  private readonly memory = new Map<number, Memory>();

  constructor(
    private readonly now: () => number,
    private readonly raise: (alert: StoredAlert) => void,
  ) {}

  /** New rules or geofences: containment is recomputed from each tracker's last fix, silently. */
  configure(rules: AlertRule[], geofences: Geofence[], states: ReadonlyMap<number, TrackState>): void {
    this.rules = rules.filter((r) => r.active);
    this.fences = new Map(geofences.map((g) => [g.id, g]));
    for (const [key, s] of states) {
      const m = this.mem(key);
      m.inside = this.insideOf(s);
      // A rule that no longer exists cannot stay "on".
      const ids = new Set(this.rules.map((r) => r.id));
      for (const id of m.active) if (!ids.has(id)) m.active.delete(id);
    }
  }

  forget(key: number): void {
    this.memory.delete(key);
  }

  onFix(tracker: TrackerRow, state: TrackState, previous: TrackState | undefined): void {
    const m = this.mem(tracker.key);
    const was = m.inside;
    const is = this.insideOf(state);
    m.inside = is;
    for (const rule of this.rulesFor(tracker)) {
      switch (rule.kind) {
        case 'enter':
        case 'exit': {
          const id = rule.geofenceId!;
          // The first fix ever seen sets where the vehicle is; it is not an entry.
          if (!previous) break;
          if (rule.kind === 'enter' && !was.has(id) && is.has(id))
            this.fire(rule, tracker, state, state.t, null);
          if (rule.kind === 'exit' && was.has(id) && !is.has(id))
            this.fire(rule, tracker, state, state.t, null);
          break;
        }
        case 'speeding': {
          const inZone = !rule.geofenceId || is.has(rule.geofenceId);
          const over = inZone && state.speed > rule.speedLimitKmh!;
          if (over && !m.active.has(rule.id)) {
            m.active.add(rule.id);
            this.fire(rule, tracker, state, state.t, Math.round(state.speed));
          } else if (
            m.active.has(rule.id) &&
            (!inZone || state.speed <= rule.speedLimitKmh! - SPEED_HYSTERESIS_KMH)
          )
            m.active.delete(rule.id);
          break;
        }
        case 'idle':
          this.checkIdle(rule, tracker, state, m, state.t);
          break;
        case 'offline':
          // A fix ends "offline".
          m.active.delete(rule.id);
          break;
      }
    }
  }

  /** The time-driven rules: idle and offline (no fix arrives to trigger them). */
  tick(trackers: Iterable<TrackerRow>, stateOf: (key: number) => TrackState | undefined): void {
    const now = this.now();
    for (const tracker of trackers) {
      const state = stateOf(tracker.key);
      if (!state) continue;
      const m = this.mem(tracker.key);
      for (const rule of this.rulesFor(tracker)) {
        if (rule.kind === 'idle') this.checkIdle(rule, tracker, state, m, now);
        if (rule.kind === 'offline' && !m.active.has(rule.id) && now - state.t >= rule.minutes! * 60_000) {
          m.active.add(rule.id);
          this.fire(rule, tracker, state, now, Math.floor((now - state.t) / 60_000));
        }
      }
    }
  }

  /**
   * Idle: standing with the engine on. A tracker that reports ignition says so; a phone does not,
   * and then standing outside every geofence counts (geofences mark where standing is expected —
   * the depot overnight, a customer's yard), or inside the one geofence the rule names.
   */
  private checkIdle(rule: AlertRule, tracker: TrackerRow, state: TrackState, m: Memory, at: number): void {
    const where = rule.geofenceId
      ? m.inside.has(rule.geofenceId)
      : state.ignition === true || m.inside.size === 0;
    const standing = !state.moving && state.ignition !== false && where;
    if (!standing) {
      m.active.delete(rule.id);
      return;
    }
    const minutes = (at - state.since) / 60_000;
    if (minutes >= rule.minutes! && !m.active.has(rule.id)) {
      m.active.add(rule.id);
      this.fire(rule, tracker, state, at, Math.floor(minutes));
    }
  }

  private fire(
    rule: AlertRule,
    tracker: TrackerRow,
    state: TrackState,
    at: number,
    value: number | null,
  ): void {
    this.raise({
      id: randomUUID(),
      kind: rule.kind,
      ruleId: rule.id,
      tracker: tracker.key,
      vehicleId: tracker.vehicleId,
      geofenceId: rule.geofenceId,
      at,
      lat: state.lat,
      lon: state.lon,
      value,
      reference: null,
    });
  }

  private rulesFor(tracker: TrackerRow): AlertRule[] {
    return this.rules.filter(
      (r) =>
        r.vehicleIds.length === 0 || (tracker.vehicleId !== null && r.vehicleIds.includes(tracker.vehicleId)),
    );
  }

  private insideOf(s: TrackState): Set<string> {
    const out = new Set<string>();
    for (const g of this.fences.values()) if (insideShape(s.lat, s.lon, g.shape)) out.add(g.id);
    return out;
  }

  private mem(key: number): Memory {
    let m = this.memory.get(key);
    if (!m) {
      m = { inside: new Set(), active: new Set() };
      this.memory.set(key, m);
    }
    return m;
  }
}
