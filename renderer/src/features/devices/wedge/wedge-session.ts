import { KeyboardWedgeDetector, type WedgeConfig, type WedgeOutput } from '@shared/domain/gs1';

/** The parts of a `KeyboardEvent` the wedge needs; pure so it can be tested without a DOM. */
export interface WedgeKeyEvent {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  repeat: boolean;
  isComposing: boolean;
  /** `event.timeStamp`: monotonic milliseconds. */
  timeStamp: number;
}

/**
 * What to do with one keydown:
 * - `swallow`: cancel the event (its key is held by the detector or ends a scan);
 * - `replay`: characters held earlier that turned out to be typing, to insert at the focus
 *   *before* the current event's own default action (so their order is kept);
 * - `scans`: completed scans to deliver to the active screen.
 */
export interface WedgeDecision {
  swallow: boolean;
  replay: string[];
  scans: string[];
}

/**
 * Wraps the shared `KeyboardWedgeDetector` (the timing rules live there) with the browser-side
 * decision: which keys to cancel, which to let through, which to replay. A key the detector
 * releases as typing together with the current key (`typed` ending in the current key) lets the
 * current event through and replays only the earlier ones: same text, same order.
 */
export class WedgeSession {
  private readonly detector: KeyboardWedgeDetector;
  private holding = false;
  /** First key time and key count of the burst being held, for the early release below. */
  private burstStart = 0;
  private burstKeys = 0;

  constructor(private readonly config: WedgeConfig) {
    this.detector = new KeyboardWedgeDetector(config);
  }

  /** Whether keys are held right now (the caller ticks only then). */
  get busy(): boolean {
    return this.holding;
  }

  key(e: WedgeKeyEvent): WedgeDecision {
    // Auto-repeat and IME composition are a person at the keyboard; Meta combos are shortcuts.
    if (e.repeat || e.isComposing || e.key === 'Process' || e.key === 'Dead' || e.metaKey) {
      return { swallow: false, ...this.flush(this.detector.tick(e.timeStamp)) };
    }
    const out = this.detector.key({ key: e.key, ctrl: e.ctrlKey, alt: e.altKey, time: e.timeStamp });
    const last = out[out.length - 1];
    let swallow: boolean;
    let passesCurrent = false;
    if (!last || last.kind === 'ignored') swallow = false;
    else if (last.kind === 'held' || last.kind === 'scan') swallow = true;
    else {
      passesCurrent = last.keys[last.keys.length - 1] === e.key;
      swallow = !passesCurrent;
    }
    const decision = this.flush(out, passesCurrent);
    const wasHolding = this.holding;
    this.holding = last?.kind === 'held' || (last?.kind === 'ignored' && this.holding);
    if (last?.kind === 'held') {
      if (!wasHolding) {
        this.burstStart = e.timeStamp;
        this.burstKeys = 0;
      }
      this.burstKeys++;
      // The single-gap limit is generous so one hiccup cannot cut a scan in two; a burst that is
      // already far too slow on average is a person, so give their keys back now, not later.
      const mean = (e.timeStamp - this.burstStart) / Math.max(1, this.burstKeys - 1);
      if (this.burstKeys >= 3 && mean > 2 * this.config.maxMeanGapMs) {
        const released = this.flush(this.detector.tick(Number.POSITIVE_INFINITY));
        decision.replay.push(...released.replay);
      }
    }
    return { swallow, ...decision };
  }

  /** Call on a timer while `busy`: a stalled burst is released as typing. */
  tick(now: number): Omit<WedgeDecision, 'swallow'> {
    const d = this.flush(this.detector.tick(now));
    if (d.replay.length > 0) this.holding = false;
    return d;
  }

  private flush(out: WedgeOutput[], dropLastTyped = false): Omit<WedgeDecision, 'swallow'> {
    const replay: string[] = [];
    const scans: string[] = [];
    out.forEach((o, i) => {
      if (o.kind === 'scan') {
        scans.push(o.data);
        this.holding = false;
      } else if (o.kind === 'typed') {
        const keys = dropLastTyped && i === out.length - 1 ? o.keys.slice(0, -1) : o.keys;
        // Only held characters are replayed; named keys (Enter, Tab, arrows) were never held.
        replay.push(...keys.filter((k) => k.length === 1));
        this.holding = false;
      }
    });
    return { replay, scans };
  }
}
