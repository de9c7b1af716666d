import { describe, expect, it } from 'vitest';
import { HeldKeys } from './replay';

const ev = (key: string, shiftKey = false) => ({
  key,
  code: `Key${key.toUpperCase()}`,
  shiftKey,
  location: 0,
});

describe('HeldKeys', () => {
  it('gives replayed characters back with the modifiers they were pressed with, in order', () => {
    const h = new HeldKeys();
    h.hold(ev('a'));
    h.hold(ev('B', true));
    expect(h.take(['a', 'B'])).toEqual([ev('a'), ev('B', true)]);
    expect(h.take(['x'])).toEqual([{ key: 'x' }]);
  });

  it('skips held keys the detector dropped (GS) and forgets everything a scan used', () => {
    const h = new HeldKeys();
    h.hold(ev('1'));
    h.hold(ev(']'));
    h.hold(ev('2'));
    expect(h.take(['2'])).toEqual([ev('2')]);
    h.hold(ev('z'));
    h.clear();
    expect(h.take(['z'])).toEqual([{ key: 'z' }]);
  });

  it('ignores named keys', () => {
    const h = new HeldKeys();
    h.hold(ev('Enter'));
    expect(h.take(['E'])).toEqual([{ key: 'E' }]);
  });
});
