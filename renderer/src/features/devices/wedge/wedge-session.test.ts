import { describe, expect, it } from 'vitest';
import { DEFAULT_WEDGE_CONFIG } from '@shared/domain/gs1';
import { toWedgeConfig } from './wedge-settings';
import { WedgeSession, type WedgeKeyEvent } from './wedge-session';

const key = (k: string, timeStamp: number, extra: Partial<WedgeKeyEvent> = {}): WedgeKeyEvent => ({
  key: k,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  repeat: false,
  isComposing: false,
  timeStamp,
  ...extra,
});

/** Feeds text (then a suffix) at a fixed gap and collects what the browser side would do. */
function run(
  session: WedgeSession,
  text: string,
  gap: number,
  suffix: string | null = 'Enter',
  start = 1000,
) {
  const swallowed: string[] = [];
  const passed: string[] = [];
  const replayed: string[] = [];
  const scans: string[] = [];
  let t = start;
  for (const k of [...text, ...(suffix ? [suffix] : [])]) {
    const d = session.key(key(k, t));
    replayed.push(...d.replay);
    scans.push(...d.scans);
    (d.swallow ? swallowed : passed).push(k);
    t += gap;
  }
  return { swallowed, passed, replayed, scans, end: t };
}

describe('WedgeSession', () => {
  it('swallows every key of a fast scan, suffix included, and delivers it once', () => {
    const s = new WedgeSession(DEFAULT_WEDGE_CONFIG);
    const r = run(s, '00123456789012345675', 8);
    expect(r.scans).toEqual(['00123456789012345675']);
    expect(r.passed).toEqual([]);
    expect(r.replayed).toEqual([]);
    expect(s.busy).toBe(false);
  });

  it('gives slow typing back in order: each held key is replayed, Enter passes through', () => {
    const s = new WedgeSession(DEFAULT_WEDGE_CONFIG);
    const r = run(s, 'abc', 200);
    // Each key is held until the next one shows it was typing; the last one by the timer.
    expect(r.replayed).toEqual(['a', 'b', 'c']);
    expect(r.passed).toEqual(['Enter']);
    expect(r.scans).toEqual([]);
  });

  it('releases a stalled burst on tick, so a person who stops typing sees their text', () => {
    const s = new WedgeSession(DEFAULT_WEDGE_CONFIG);
    run(s, 'ab', 5, null);
    expect(s.busy).toBe(true);
    expect(s.tick(1005).replay).toEqual([]);
    expect(s.tick(2000)).toEqual({ replay: ['a', 'b'], scans: [] });
    expect(s.busy).toBe(false);
  });

  it('lets named keys through and replays what was held before them first', () => {
    const s = new WedgeSession(DEFAULT_WEDGE_CONFIG);
    expect(s.key(key('x', 0))).toEqual({ swallow: true, replay: [], scans: [] });
    expect(s.key(key('Backspace', 10))).toEqual({ swallow: false, replay: ['x'], scans: [] });
  });

  it('never holds shortcuts, auto-repeat or IME composition', () => {
    const s = new WedgeSession(DEFAULT_WEDGE_CONFIG);
    expect(s.key(key('c', 0, { ctrlKey: true })).swallow).toBe(false);
    expect(s.key(key('v', 5, { metaKey: true })).swallow).toBe(false);
    expect(s.key(key('a', 10, { repeat: true })).swallow).toBe(false);
    expect(s.key(key('a', 15, { isComposing: true })).swallow).toBe(false);
    expect(s.busy).toBe(false);
  });

  it('ignores Shift inside a scan (capitals) and keeps Ctrl+] as GS', () => {
    const s = new WedgeSession(DEFAULT_WEDGE_CONFIG);
    const out: string[] = [];
    let t = 0;
    for (const [k, extra] of [
      ['0', {}],
      ['1', {}],
      ['2', {}],
      ['Shift', {}],
      ['A', {}],
      [']', { ctrlKey: true }],
      ['9', {}],
      ['Enter', {}],
    ] as const) {
      const d = s.key(key(k, t, extra));
      // Shift itself inserts nothing, so it may pass; every character key is held.
      expect(d.swallow).toBe(k !== 'Shift');
      out.push(...d.scans);
      t += 5;
    }
    expect(out).toEqual(['012A\u001d9']);
  });

  it('does not leak GS into a field when a fast burst turns out to be typing', () => {
    const s = new WedgeSession(DEFAULT_WEDGE_CONFIG);
    s.key(key('a', 0));
    s.key(key(']', 5, { ctrlKey: true }));
    expect(s.tick(1000).replay).toEqual(['a']);
  });

  it('with a prefix, a burst that does not start with it is typing and is given back', () => {
    const s = new WedgeSession({ ...DEFAULT_WEDGE_CONFIG, prefix: '#!' });
    const first = s.key(key('h', 0));
    expect(first.swallow).toBe(false);
    const scan = run(s, '#!ABCD1234', 5, 'Enter', 500);
    expect(scan.scans).toEqual(['ABCD1234']);
  });

  it('a fast typist who presses Enter after a short word is not a scanner', () => {
    const s = new WedgeSession(DEFAULT_WEDGE_CONFIG);
    const r = run(s, 'ok', 20);
    expect(r.scans).toEqual([]);
    expect(r.replayed).toEqual(['o', 'k']);
    expect(r.passed).toEqual(['Enter']);
  });

  describe('with the app settings (long single-gap limit)', () => {
    const config = toWedgeConfig({ prefix: '', gsPlaceholder: '', suffix: 'Enter' });

    it('keeps a scan whole across one delayed key', () => {
      const s = new WedgeSession(config);
      const out: string[] = [];
      let t = 0;
      for (const [i, ch] of [...'00735000000000421'].entries()) {
        // The tenth key arrives 120 ms late (a USB hiccup, a busy page).
        t += i === 9 ? 120 : 5;
        out.push(...s.key(key(ch, t)).scans);
        expect(s.tick(t - 60).replay).toEqual([]);
      }
      out.push(...s.key(key('Enter', t + 5)).scans);
      expect(out).toEqual(['00735000000000421']);
    });

    it('gives a person their keys back by the third key when they are plainly typing', () => {
      const s = new WedgeSession(config);
      expect(s.key(key('a', 0)).replay).toEqual([]);
      expect(s.key(key('b', 100)).replay).toEqual([]);
      expect(s.key(key('c', 200))).toEqual({ swallow: true, replay: ['a', 'b', 'c'], scans: [] });
      expect(s.busy).toBe(false);
    });
  });
});
