/**
 * Tells keyboard-wedge scanner input apart from a person typing, from key timing alone. Pure:
 * the renderer feeds it keys with timestamps, swallows every key it returns `held` for, and
 * replays `typed` keys into the focused field, so scanner keystrokes never land in a text field.
 */
export interface WedgeConfig {
  /** Mean gap between keys of a scan; scanners type every 1–30 ms, people far slower. */
  maxMeanGapMs: number;
  /** A single gap above this ends the burst: the held keys were typing. */
  maxGapMs: number;
  /** Shorter bursts are typing even when fast (e.g. a quick double key). */
  minLength: number;
  /** Keys that end a scan (`Enter`, `Tab`). */
  suffixes: string[];
  /** When set, only bursts starting with this text are scans, and it is stripped. */
  prefix?: string;
  /** Text the scanner sends for GS (FNC1), e.g. `<GS>` or `|`; replaced by U+001D. */
  gsPlaceholder?: string;
}

export const DEFAULT_WEDGE_CONFIG: WedgeConfig = {
  maxMeanGapMs: 35,
  maxGapMs: 80,
  minLength: 4,
  suffixes: ['Enter', 'Tab'],
};

export interface WedgeKey {
  /** `KeyboardEvent.key`: one character, or a name such as `Enter`, `Tab`, `Shift`. */
  key: string;
  ctrl?: boolean;
  alt?: boolean;
  /** Milliseconds, monotonic (`event.timeStamp`). */
  time: number;
}

export type WedgeOutput =
  | { kind: 'held' }
  | { kind: 'ignored' }
  | { kind: 'scan'; data: string; time: number }
  | { kind: 'typed'; keys: string[] };

const GS = '\u001d';
const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock']);

export class KeyboardWedgeDetector {
  private held: string[] = [];
  private times: number[] = [];

  constructor(private readonly config: WedgeConfig = DEFAULT_WEDGE_CONFIG) {}

  /** Feeds one keydown. Returns what happened; `typed` also releases keys held before it. */
  key(event: WedgeKey): WedgeOutput[] {
    if (MODIFIERS.has(event.key)) return [{ kind: 'ignored' }];
    const out = this.expire(event.time);
    const ch = this.charOf(event);
    if (this.config.suffixes.includes(event.key)) {
      const scan = this.finish(event.time);
      if (scan) return [...out, scan];
      // Not a scan: the suffix key is the person's own Enter/Tab.
      return [...out, { kind: 'typed', keys: [...this.release(), event.key] }];
    }
    if (ch === null) return [...out, { kind: 'typed', keys: [...this.release(), event.key] }];
    this.held.push(ch);
    this.times.push(event.time);
    if (this.config.prefix && !this.couldBePrefix()) return [...out, { kind: 'typed', keys: this.release() }];
    return [...out, { kind: 'held' }];
  }

  /** Call on a timer (e.g. every 50 ms): releases a stalled burst as typing. */
  tick(now: number): WedgeOutput[] {
    return this.expire(now);
  }

  private expire(now: number): WedgeOutput[] {
    const last = this.times[this.times.length - 1];
    if (last !== undefined && now - last > this.config.maxGapMs)
      return [{ kind: 'typed', keys: this.release() }];
    return [];
  }

  private charOf(event: WedgeKey): string | null {
    // Ctrl+] is how many wedge scanners send GS.
    if (event.ctrl && event.key === ']') return GS;
    if (event.key.length === 1 && !event.ctrl && !event.alt) return event.key;
    return null;
  }

  private couldBePrefix(): boolean {
    const prefix = this.config.prefix ?? '';
    const text = this.held.join('');
    return text.length <= prefix.length ? prefix.startsWith(text) : text.startsWith(prefix);
  }

  private finish(time: number): WedgeOutput | null {
    const chars = this.held;
    const times = [...this.times, time];
    if (chars.length === 0) return null;
    const meanGap = (times[times.length - 1]! - times[0]!) / (times.length - 1);
    let data = chars.join('');
    if (this.config.prefix) {
      if (!data.startsWith(this.config.prefix)) return null;
      data = data.slice(this.config.prefix.length);
    }
    if (data.length < this.config.minLength || meanGap > this.config.maxMeanGapMs) return null;
    if (this.config.gsPlaceholder) data = data.split(this.config.gsPlaceholder).join(GS);
    this.held = [];
    this.times = [];
    return { kind: 'scan', data, time };
  }

  private release(): string[] {
    const keys = this.held.map((c) => (c === GS ? '' : c)).filter(Boolean);
    this.held = [];
    this.times = [];
    return keys;
  }
}
