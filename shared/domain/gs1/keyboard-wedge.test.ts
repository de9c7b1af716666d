import { describe, expect, it } from 'vitest';
import { KeyboardWedgeDetector, type WedgeOutput } from './keyboard-wedge';

function feed(
  d: KeyboardWedgeDetector,
  text: string,
  start: number,
  gap: number,
  suffix = 'Enter',
): WedgeOutput[] {
  const out: WedgeOutput[] = [];
  let t = start;
  for (const ch of text) {
    out.push(...d.key({ key: ch, time: t }));
    t += gap;
  }
  if (suffix) out.push(...d.key({ key: suffix, time: t }));
  return out;
}

const scans = (out: WedgeOutput[]) =>
  out.filter((o) => o.kind === 'scan').map((o) => (o.kind === 'scan' ? o.data : ''));
const typed = (out: WedgeOutput[]) => out.flatMap((o) => (o.kind === 'typed' ? o.keys : []));

describe('KeyboardWedgeDetector', () => {
  it('recognises a fast burst ending in Enter as a scan and swallows its keys', () => {
    const d = new KeyboardWedgeDetector();
    const out = feed(d, '00123456789012345675', 1000, 8);
    expect(scans(out)).toEqual(['00123456789012345675']);
    expect(typed(out)).toEqual([]);
  });

  it('releases slow typing, including the Enter, as typed keys', () => {
    const d = new KeyboardWedgeDetector();
    const out = feed(d, 'hello', 1000, 150);
    expect(scans(out)).toEqual([]);
    expect(typed(out).join('')).toBe('helloEnter');
  });

  it('treats a fast but short burst as typing', () => {
    const d = new KeyboardWedgeDetector();
    expect(scans(feed(d, 'ab', 0, 5))).toEqual([]);
  });

  it('releases a stalled burst on tick', () => {
    const d = new KeyboardWedgeDetector();
    feed(d, 'abc', 0, 5, '');
    expect(typed(d.tick(500))).toEqual(['a', 'b', 'c']);
  });

  it('maps Ctrl+] and the GS placeholder to U+001D', () => {
    const d = new KeyboardWedgeDetector({
      maxMeanGapMs: 35,
      maxGapMs: 80,
      minLength: 4,
      suffixes: ['Tab'],
      gsPlaceholder: '<GS>',
    });
    const out = [
      ...feed(d, '10ABC', 0, 5, ''),
      ...d.key({ key: ']', ctrl: true, time: 30 }),
      ...feed(d, '21X<GS>37', 35, 5, 'Tab'),
    ];
    expect(scans(out)).toEqual(['10ABC\u001d21X\u001d37']);
  });

  it('with a prefix, only prefixed bursts are scans and other keys pass straight through', () => {
    const d = new KeyboardWedgeDetector({
      maxMeanGapMs: 35,
      maxGapMs: 80,
      minLength: 3,
      suffixes: ['Enter'],
      prefix: '§',
    });
    expect(typed(feed(d, 'xyz', 0, 5, ''))).toEqual(['x', 'y', 'z']);
    expect(scans(feed(d, '§ABC123', 100, 5))).toEqual(['ABC123']);
  });

  it('ignores modifier keys inside a scan', () => {
    const d = new KeyboardWedgeDetector();
    const out = [...d.key({ key: 'Shift', time: 0 }), ...feed(d, 'ABCD', 1, 4)];
    expect(scans(out)).toEqual(['ABCD']);
  });
});
